import { AccountScope, lists, messengerProfiles, rowsOf } from "@waymark/db";
import { contactName, optInLinkFieldName } from "@waymark/domain";
import { eq, sql } from "drizzle-orm";
import { invalidField, notFound } from "../../errors";
import type { Actor } from "../context";
import { csvStream } from "../statistics/csv";
import type { MessengerDeps } from "./messenger-deps";
import { optInLink } from "./opt-in";

/** Contacts read per database round trip while streaming. */
const EXPORT_PAGE = 1000;

/**
 * Every member of a list with their personal opt-in link for a profile, as CSV (issue 18): the
 * link's column is named FBOPTINLINK_XXX, so an email or SMS tool elsewhere maps it as its
 * personalisation field. Streamed in keyset pages of the list's key; checked (404) first.
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
  if (!list) throw invalidField("listId", "is not a list of this account");
  const column = optInLinkFieldName(profile.optInFieldName);
  const slug = list.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "list";
  const now = deps.now();
  let after: string | null = null;
  const stream = csvStream(["Email", "Name", column, "Contact ID"], async () => {
    const page = rowsOf<{ id: string; email: string | null; values: Record<string, unknown> }>(
      await deps.db.execute(sql`
        select c.id, c.email, c.values from list_members m join contacts c on c.id = m.contact_id
        where m.list_id = ${listId}::uuid and m.account_id = ${actor.accountId}::uuid
          and (${after}::uuid is null or m.contact_id > ${after}::uuid)
        order by m.contact_id limit ${EXPORT_PAGE}`),
    );
    after = page.at(-1)?.id ?? null;
    return {
      rows: page.map((c) => [
        c.email,
        contactName(c.values),
        optInLink(deps, profileId, c.id, now).url,
        c.id,
      ]),
      last: page.length < EXPORT_PAGE,
    };
  });
  return { filename: `${slug}-${column}.csv`, stream };
}
