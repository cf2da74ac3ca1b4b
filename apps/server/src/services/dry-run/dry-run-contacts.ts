import { rowsOf } from "@waymark/db";
import { contactLabel } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { notFound } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { encodeCursor } from "../page-cursor";
import { csvRow } from "../statistics/csv";

/** Where a page of a reason's contacts ends: the last contact's id. */
export const dryRunContactCursor = z.tuple([z.uuid()]);

export interface DryRunContact {
  contactId: string;
  /** `null` for a Messenger subscriber, whose `name` is then its PSID until Facebook names it. */
  email: string | null;
  name: string;
}

async function ownedRun(deps: ServiceDeps, actor: Actor, programId: string, id: string) {
  const [row] = rowsOf<{ id: string }>(
    await deps.db.execute(sql`
      select id from dry_runs
      where id = ${id}::uuid and program_id = ${programId}::uuid and account_id = ${actor.accountId}::uuid`),
  );
  if (!row) throw notFound("Dry run");
}

/** A contact's name from its default fields: FULLNAME, else first and last name. */
function nameOf(values: Record<string, unknown>): string {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return (
    text(values.FULLNAME) ||
    [text(values.FIRSTNAME), text(values.LASTNAME)].filter(Boolean).join(" ")
  );
}

async function page(
  deps: ServiceDeps,
  id: string,
  reasonId: number,
  after: string | null,
  limit: number,
): Promise<DryRunContact[]> {
  const from = after === null ? sql`` : sql`and d.last_contact_id > ${after}::uuid`;
  const idFrom = after === null ? sql`` : sql`and x.contact_id > ${after}::uuid`;
  // Chunks hold ascending ids and follow each other in id order, so (chunk, position) is id
  // order and the scan stops once the page is full. A contact deleted since is left out.
  const rows = rowsOf<{ id: string; email: string | null; values: Record<string, unknown> }>(
    await deps.db.execute(sql`
      select c.id, c.email, c.values
      from (
        select x.contact_id from dry_run_contacts d
          cross join lateral unnest(d.contact_ids) with ordinality as x(contact_id, ord)
        where d.dry_run_id = ${id}::uuid and d.reason_id = ${reasonId} ${from} ${idFrom}
        order by d.chunk, x.ord limit ${limit}
      ) p join contacts c on c.id = p.contact_id
      order by c.id`),
  );
  return rows.map((r) => ({
    contactId: r.id,
    email: r.email,
    name: nameOf(r.values) || (r.email === null ? contactLabel(r).text : ""),
  }));
}

/** One page of the contacts behind a dry run's reason, by contact id (keyset). */
export async function dryRunContacts(
  deps: ServiceDeps,
  actor: Actor,
  programId: string,
  id: string,
  reasonId: number,
  query: { cursor?: z.output<typeof dryRunContactCursor>; limit: number },
) {
  await ownedRun(deps, actor, programId, id);
  const contacts = await page(deps, id, reasonId, query.cursor?.[0] ?? null, query.limit + 1);
  const more = contacts.length > query.limit;
  const shown = more ? contacts.slice(0, query.limit) : contacts;
  return {
    contacts: shown,
    nextCursor: more ? encodeCursor([shown.at(-1)!.contactId]) : null,
  };
}

const CSV_PAGE = 5_000;

/** All contacts behind a reason as CSV (name, email), read page by page as it is streamed. */
export async function dryRunContactsCsv(
  deps: ServiceDeps,
  actor: Actor,
  programId: string,
  id: string,
  reasonId: number,
): Promise<ReadableStream<Uint8Array>> {
  await ownedRun(deps, actor, programId, id);
  const encoder = new TextEncoder();
  let after: string | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        controller.enqueue(encoder.encode(csvRow(["name", "email"])));
        return;
      }
      const rows = await page(deps, id, reasonId, after, CSV_PAGE);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      after = rows.at(-1)!.contactId;
      controller.enqueue(encoder.encode(rows.map((r) => csvRow([r.name, r.email])).join("")));
      if (rows.length < CSV_PAGE) controller.close();
    },
  });
}
