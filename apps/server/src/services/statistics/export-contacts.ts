import { messageStatusLabel, optInLinkFieldName } from "@waymark/domain";
import type { Actor, ServiceDeps } from "../context";
import { type OptInLinkDeps, optInLink } from "../messenger/opt-in";
import { csvStream } from "./csv";
import { localDateTime } from "./local-time";
import { type ContactListInput, readContactPage } from "./message-contacts";
import { profileContext } from "./profile-context";
import { resolveRange } from "./stats-range";

/** Rows read per database round trip while streaming. */
const EXPORT_PAGE = 1000;

/**
 * The contact list behind a number as CSV (SPEC §8), streamed: a header row, then one page of
 * rows per chunk, read by the same keyset query as the screen, so memory stays flat and the
 * database is never held open between chunks. The profile is checked (404) before anything
 * is sent.
 */
export async function exportMessageContacts(
  deps: ServiceDeps & OptInLinkDeps,
  actor: Actor,
  profileId: string,
  input: Omit<ContactListInput, "cursor" | "limit">,
) {
  const profile = await profileContext(deps, actor, profileId);
  const range = resolveRange(input, profile.today);
  const order = input.order ?? "newest";
  const slug =
    profile.profileName.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "profile";
  const filename = `${slug}-${input.kind}-${range.from}-to-${range.to}.csv`;
  const now = deps.now();
  let after: [string, string, string] | undefined;
  const header = [
    "Email",
    "Name",
    `Time (${profile.timeZone})`,
    "Program",
    "Node",
    "Status",
    "Reason",
    "Reason detail",
    "Contact ID",
    optInLinkFieldName(profile.optInFieldName),
  ];
  const stream = csvStream(header, async () => {
    const page = await readContactPage(deps.db, actor.accountId, profileId, {
      ...range,
      kind: input.kind,
      order,
      after,
      limit: EXPORT_PAGE,
    });
    if (page.after) after = [...page.after];
    return {
      rows: page.contacts.map((c) => [
        c.email,
        c.name,
        localDateTime(new Date(c.at), profile.timeZone),
        c.programName ?? (c.programId ? "" : "(deleted program)"),
        c.nodeName,
        messageStatusLabel(c.status),
        c.reason,
        c.reasonDetail,
        c.contactId,
        optInLink(deps, profileId, c.contactId, now).url,
      ]),
      last: !page.after,
    };
  });
  return { filename, stream };
}
