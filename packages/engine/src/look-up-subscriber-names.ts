import { rowsOf, unnestRows } from "@waymark/db";
import type { FacebookClient, FacebookError, UserProfile } from "@waymark/facebook";
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { ClockAndDatabase } from "./clock-and-database";
import { describeFacebookError } from "./lifecycle/record-results";
import { open } from "./secret-box";
import { UNREADABLE_TOKEN_REASON } from "./sender-types";

export interface NameLookupDeps extends ClockAndDatabase {
  facebook: FacebookClient;
  keys: { pageToken: Buffer };
}

/** Subscribers asked per turn: a turn stays short, and Facebook is not asked in bursts. */
export const NAME_LOOKUPS_PER_TURN = 20;
/** A claimed lookup is another process's (or a later turn's) again after this long. */
const CLAIM_MS = 2 * 60_000;
/** After a retryable failure: 30 s, doubling with each attempt, at most 6 hours. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3_600_000;
/** Retryable failures after which the lookup stops, its last error kept. */
export const MAX_NAME_ATTEMPTS = 12;
/** Profile reads are spaced this far apart per page (Graph's page-level limits, MESSENGER.md §6). */
const CALL_SPACING_MS = 200;

/** Per page, when its next profile read may start (this process's clock). */
const nextCallAt = new LRUCache<string, number>({ max: 10_000 });

async function paceRead(pageId: string): Promise<void> {
  const now = performance.now();
  const at = Math.max(now, nextCallAt.get(pageId) ?? now);
  nextCallAt.set(pageId, at + CALL_SPACING_MS);
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}

interface DueLookup {
  profile_id: string;
  contact_id: string;
  psid: string;
  attempts: number;
  page_id: string;
  page_token_enc: string;
}

type Outcome =
  | { contact_id: string; profile_id: string; kind: "named"; profile: UserProfile }
  | { contact_id: string; profile_id: string; kind: "retry" | "stop"; error: string };

/** Failures a later call may not repeat: Facebook busy or down, a token being reconnected. */
function retryable(error: FacebookError): boolean {
  return (
    error.classification === "retry" ||
    error.classification === "unknown" ||
    error.classification === "token_invalid" ||
    error.classification === "permission"
  );
}

/**
 * One turn of the subscriber name lookups (issue 18): up to `limit` due subscribers are claimed
 * (a lease, committed before any call), their names read from the User Profile API with their
 * page's token, paced per page, and written where the contact has no FIRSTNAME, LASTNAME or
 * FULLNAME yet. A retryable failure is asked again later with backoff (attempts and next time
 * on the link); no profile (2018218) or a refused request stops the lookup. Returns how many
 * lookups it made.
 */
export async function lookUpSubscriberNames(
  deps: NameLookupDeps,
  limit = NAME_LOOKUPS_PER_TURN,
): Promise<number> {
  const now = deps.now();
  const due = rowsOf<DueLookup>(
    await deps.db.execute(sql`
      with due as (
        select profile_id, contact_id from messenger_contacts
        where name_due_at is not null and name_due_at <= ${now.toISOString()}::timestamptz
        order by name_due_at
        limit ${limit}
        for update skip locked
      )
      update messenger_contacts m
      set name_due_at = ${new Date(now.getTime() + CLAIM_MS).toISOString()}::timestamptz
      from due, messenger_profiles p
      where m.profile_id = due.profile_id and m.contact_id = due.contact_id and p.id = m.profile_id
      returning m.profile_id, m.contact_id, m.psid, m.name_attempts as attempts, p.page_id,
        p.page_token_enc`),
  );
  if (due.length === 0) return 0;
  const outcomes: Outcome[] = [];
  for (const lookup of due) {
    const key = { contact_id: lookup.contact_id, profile_id: lookup.profile_id };
    let token: string;
    try {
      token = open(deps.keys.pageToken, lookup.page_token_enc, lookup.profile_id);
    } catch {
      outcomes.push({ ...key, kind: "retry", error: UNREADABLE_TOKEN_REASON });
      continue;
    }
    await paceRead(lookup.page_id);
    const answer = await deps.facebook.getUserProfile(token, lookup.psid);
    if (answer.ok) outcomes.push({ ...key, kind: "named", profile: answer.profile });
    else {
      const kind = retryable(answer.error) ? "retry" : "stop";
      outcomes.push({ ...key, kind, error: describeFacebookError(answer.error) });
    }
  }
  await recordNameLookups(deps, outcomes);
  return due.length;
}

/** Writes the names and each lookup's state in one transaction, set-based. */
async function recordNameLookups(deps: ClockAndDatabase, outcomes: Outcome[]) {
  const now = deps.now().toISOString();
  const names = outcomes.flatMap((o) =>
    o.kind === "named"
      ? [
          {
            contact_id: o.contact_id,
            first: o.profile.firstName,
            last: o.profile.lastName,
            full: o.profile.name,
          },
        ]
      : [],
  );
  const states = outcomes.map((o) => ({
    contact_id: o.contact_id,
    profile_id: o.profile_id,
    kind: o.kind,
    error: o.kind === "named" ? null : o.error,
  }));
  await deps.db.transaction(async (tx) => {
    if (names.length > 0) {
      // Only the account's own name fields, and only where the contact has no value.
      await tx.execute(sql`
        update contacts c
        set values = c.values || coalesce((
          select jsonb_object_agg(f.name, v.value)
          from (values ('FIRSTNAME', x.first), ('LASTNAME', x.last), ('FULLNAME', x.full_name))
            v(name, value)
          join data_fields f on f.account_id = c.account_id and f.name = v.name
          where v.value is not null and not (c.values ? v.name)
        ), '{}'::jsonb),
        updated_at = ${now}::timestamptz
        from ${unnestRows(names, "x", {
          contact_id: ["uuid", (n) => n.contact_id],
          first: ["text", (n) => n.first ?? null],
          last: ["text", (n) => n.last ?? null],
          full_name: ["text", (n) => n.full ?? null],
        })}
        where c.id = x.contact_id`);
    }
    await tx.execute(sql`
      update messenger_contacts m set
        name_attempts = case when x.kind = 'named' then m.name_attempts else m.name_attempts + 1 end,
        name_error = x.error,
        name_due_at = case
          when x.kind = 'retry' and m.name_attempts + 1 < ${MAX_NAME_ATTEMPTS}
          then ${now}::timestamptz + least(${MAX_RETRY_MS}, ${FIRST_RETRY_MS} * power(2, m.name_attempts))
            * interval '1 millisecond'
          else null end
      from ${unnestRows(states, "x", {
        contact_id: ["uuid", (r) => r.contact_id],
        profile_id: ["uuid", (r) => r.profile_id],
        kind: ["text", (r) => r.kind],
        error: ["text", (r) => r.error],
      })}
      where m.profile_id = x.profile_id and m.contact_id = x.contact_id`);
  });
}
