import { rowsOf, type Transaction } from "@waymark/db";
import type {
  FieldDefinition,
  FieldType,
  FieldValue,
  MessengerContactState,
  ProfileSummary,
} from "@waymark/domain";
import { sql } from "drizzle-orm";
import { pgArray } from "./pg-array";

export interface AccountContext {
  timeZone: string;
  fields: FieldDefinition[];
  profiles: ProfileSummary[];
  profileIds: Set<string>;
}

/**
 * Each account's time zone, fields and profiles, in one query (DESIGN §2 step 2). Ids travel as
 * an array unnested in a subquery, so the planner probes the key per id.
 */
export async function loadAccountContexts(
  tx: Transaction,
  accountIds: string[],
): Promise<Map<string, AccountContext>> {
  const byAccount = new Map<string, AccountContext>();
  if (accountIds.length === 0) return byAccount;
  const accountRows = await tx.execute(sql`
      select a.id, a.time_zone,
        coalesce((select json_agg(json_build_object('name', f.name, 'type', f.type, 'default_value', f.default_value)
          order by f.name) from data_fields f where f.account_id = a.id), '[]') as fields,
        coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'status', p.status,
          'policy_version', p.policy_version) order by p.id) from messenger_profiles p where p.account_id = a.id), '[]') as profiles
      from accounts a where a.id in (select unnest((select ${pgArray(accountIds)}::uuid[])))`);
  for (const a of rowsOf<{
    id: string;
    time_zone: string;
    fields: { name: string; type: FieldType; default_value: FieldValue | null }[];
    profiles: { id: string; name: string; status: string; policy_version: "2018" | "2020" }[];
  }>(accountRows)) {
    byAccount.set(a.id, {
      timeZone: a.time_zone,
      fields: a.fields.map((f) => ({ name: f.name, type: f.type, defaultValue: f.default_value })),
      profiles: a.profiles.map((p) => ({
        id: p.id,
        name: p.name,
        enabled: p.status === "enabled",
        policy: p.policy_version,
      })),
      profileIds: new Set(a.profiles.map((p) => p.id)),
    });
  }
  return byAccount;
}

/** Messenger state per contact and profile, for `contactIds` (contacts of programs that read it). */
export async function loadMessengerStates(
  tx: Transaction,
  contactIds: string[],
): Promise<Map<string, Record<string, MessengerContactState>>> {
  const messenger = new Map<string, Record<string, MessengerContactState>>();
  if (contactIds.length === 0) return messenger;
  const stateRows = await tx.execute(sql`
          select contact_id, profile_id, psid, opted_in_at, last_inbound_at, extra_used_at, blocked_at
          from messenger_contacts
          where contact_id in (select unnest((select ${pgArray(contactIds)}::uuid[])))`);
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  for (const s of rowsOf<{
    contact_id: string;
    profile_id: string;
    psid: string;
    opted_in_at: string | null;
    last_inbound_at: string | null;
    extra_used_at: string | null;
    blocked_at: string | null;
  }>(stateRows)) {
    const states = messenger.get(s.contact_id) ?? {};
    states[s.profile_id] = {
      psid: s.psid,
      optedInAt: date(s.opted_in_at),
      lastInboundAt: date(s.last_inbound_at),
      extraUsedAt: date(s.extra_used_at),
      blockedAt: date(s.blocked_at),
    };
    messenger.set(s.contact_id, states);
  }
  return messenger;
}
