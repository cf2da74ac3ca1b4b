import { AccountScope, lists, messengerProfiles, rowsOf } from "@waymark/db";
import { contactName } from "@waymark/domain";
import { eq, sql } from "drizzle-orm";
import { notFound } from "../../errors";
import type { Actor } from "../context";
import { csvRow } from "../statistics/csv";
import type { MessengerDeps } from "./messenger-deps";
import { optInLinkOf } from "./opt-in";

/** Members read per database round trip while streaming. */
const EXPORT_PAGE = 1000;

interface MemberRow {
  id: string;
  email: string | null;
  values: Record<string, unknown> | string;
}

const slug = (name: string, fallback: string) =>
  name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || fallback;

/**
 * Every member of a list with their personal opt-in link for a profile, as CSV for an email or
 * SMS sent from elsewhere (issue 18.3), streamed a keyset page of members at a time. Whether
 * each has opted in already is said too. Profile and list are checked (404) before anything is
 * sent.
 */
export async function exportOptInLinks(
  deps: MessengerDeps,
  actor: Actor,
  profileId: string,
  listId: string,
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [profile] = await scope.select(messengerProfiles, eq(messengerProfiles.id, profileId));
  if (!profile) throw notFound("Messenger profile");
  const [list] = await scope.select(lists, eq(lists.id, listId));
  if (!list) throw notFound("List");
  const field = profile.optInFieldName;
  const filename = `${slug(profile.name, "profile")}-opt-in-links-${slug(list.name, "list")}.csv`;
  const encoder = new TextEncoder();
  let after: string | null = null;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte order mark, so spreadsheets read the names as UTF-8.
        controller.enqueue(
          encoder.encode(
            `\uFEFF${csvRow(["Email", "Name", "Opt-in link", `Opted in (${field})`, "Contact ID"])}`,
          ),
        );
        return;
      }
      const page = rowsOf<MemberRow>(
        await deps.db.execute(sql`
          select c.id, c.email, c.values
          from list_members m join contacts c on c.id = m.contact_id
          where m.list_id = ${listId}::uuid
            ${after === null ? sql`` : sql`and m.contact_id > ${after}::uuid`}
          order by m.contact_id
          limit ${EXPORT_PAGE}`),
      );
      const text = page
        .map((row) => {
          const values = (
            typeof row.values === "string" ? JSON.parse(row.values) : row.values
          ) as Record<string, unknown>;
          return csvRow([
            row.email,
            contactName(values),
            optInLinkOf(deps, profileId, row.id).url,
            values[field] ? "Yes" : "No",
            row.id,
          ]);
        })
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      if (page.length === EXPORT_PAGE) after = page.at(-1)!.id;
      else controller.close();
    },
  });
  return { filename, stream };
}
