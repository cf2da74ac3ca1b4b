import { rowsOf, type Transaction } from "@waymark/db";
import { mergeContacts, unnestRows } from "@waymark/engine";
import { sql } from "drizzle-orm";
import type { PendingContact } from "./csv-import-rows";

/**
 * Imported rows carrying an FBOPTIN_XXX value (issue 18): a Messenger subscriber of that
 * profile with that PSID (linked without a ref, no email) is the same person, merged into the
 * imported contact with its link. A value matching nobody, or a contact with an email, is left:
 * an import never links a PSID by itself, only an opt-in does.
 */
export async function mergeImportedSubscribers(
  tx: Transaction,
  accountId: string,
  pending: PendingContact[],
  now: Date,
): Promise<number> {
  const rows = pending.flatMap((p) =>
    Object.entries(p.optIns ?? {}).map(([field, psid]) => ({ email: p.email, field, psid })),
  );
  if (rows.length === 0) return 0;
  const pairs = rowsOf<{ source: string; target: string }>(
    await tx.execute(sql`
      select m.contact_id as source, c.id as target
      from ${unnestRows(rows, "i", {
        email: ["text", (r) => r.email],
        field: ["text", (r) => r.field],
        psid: ["text", (r) => r.psid],
      })}
      join messenger_profiles p on p.account_id = ${accountId}::uuid and p.opt_in_field_name = i.field
      join messenger_contacts m on m.profile_id = p.id and m.psid = i.psid and m.origin = 'anonymous'
      join contacts s on s.id = m.contact_id and s.email is null
      join contacts c on c.account_id = ${accountId}::uuid and c.email = i.email
      where c.id <> m.contact_id`),
  );
  if (pairs.length === 0) return 0;
  const outcomes = await mergeContacts(
    tx,
    pairs.map((p) => ({ accountId, sourceId: p.source, targetId: p.target })),
    "import",
    now,
  );
  return outcomes.filter((o) => o.status === "merged").length;
}
