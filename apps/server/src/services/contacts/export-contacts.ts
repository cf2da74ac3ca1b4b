import { AccountScope, messengerProfiles } from "@waymark/db";
import { optInLinkFieldName } from "@waymark/domain";
import type { Actor, ServiceDeps } from "../context";
import { type OptInLinkDeps, optInLink } from "../messenger/opt-in";
import { csvStream } from "../statistics/csv";
import { type ContactsFilter, readContactsPage } from "./contacts";
import { listDataFields } from "./data-fields";

/** Contacts read per database round trip while streaming. */
const EXPORT_PAGE = 1000;

/**
 * The contacts of the Contacts page's filter as CSV, newest first, streamed in keyset pages:
 * email, every data field (FBOPTIN_XXX included), each profile's personal opt-in link in a
 * FBOPTINLINK_XXX column (for an email or SMS tool elsewhere to carry), when added, and the id.
 */
export async function exportContacts(
  deps: ServiceDeps & OptInLinkDeps,
  actor: Actor,
  filter: ContactsFilter,
) {
  const fields = await listDataFields(deps, actor);
  const profiles = await new AccountScope(deps.db, actor.accountId)
    .select(messengerProfiles)
    .then((rows) => rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()));
  const now = deps.now();
  let cursor: [string, string] | undefined;
  const header = [
    "Email",
    ...fields.map((f) => f.name),
    ...profiles.map((p) => optInLinkFieldName(p.optInFieldName)),
    "Added",
    "Contact ID",
  ];
  const stream = csvStream(header, async () => {
    const page = await readContactsPage(deps, actor, { ...filter, cursor, limit: EXPORT_PAGE });
    const last = page.at(-1);
    if (last) cursor = [last.sortKey, last.id];
    return {
      rows: page.map((c) => [
        c.email,
        ...fields.map((f) => {
          const value = c.values[f.name];
          return typeof value === "boolean" ? (value ? "Yes" : "No") : (value ?? null);
        }),
        ...profiles.map((p) => optInLink(deps, p.id, c.id, now).url),
        c.createdAt.toISOString(),
        c.id,
      ]),
      last: page.length < EXPORT_PAGE,
    };
  });
  return { filename: "contacts.csv", stream };
}
