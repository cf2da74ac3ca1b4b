import { rowsOf, type Transaction } from "@waymark/db";
import type {
  ContactSnapshot,
  FieldDefinition,
  FieldType,
  FieldValue,
  MessengerContactState,
  ProfileSummary,
} from "@waymark/domain";
import { sql } from "drizzle-orm";

export interface AccountContext {
  timeZone: string;
  fields: FieldDefinition[];
  profiles: ProfileSummary[];
  profileIds: Set<string>;
}

/** Loads, in one query per kind, what the decisions of a batch need (DESIGN §2 step 2). */
export async function loadBatchContext(
  tx: Transaction,
  accountIds: string[],
  contactIds: string[],
) {
  const accounts = JSON.stringify(accountIds);
  const ids = JSON.stringify(contactIds);
  const [accountRows, fieldRows, profileRows, contactRows, stateRows] = await Promise.all([
    tx.execute(
      sql`select id, time_zone from accounts where id in (select (jsonb_array_elements_text(${accounts}::jsonb))::uuid)`,
    ),
    tx.execute(
      sql`select account_id, name, type, default_value from data_fields where account_id in (select (jsonb_array_elements_text(${accounts}::jsonb))::uuid)`,
    ),
    tx.execute(
      sql`select id, account_id, name, status, policy_version from messenger_profiles where account_id in (select (jsonb_array_elements_text(${accounts}::jsonb))::uuid)`,
    ),
    tx.execute(
      sql`select id, values from contacts where id in (select (jsonb_array_elements_text(${ids}::jsonb))::uuid)`,
    ),
    tx.execute(
      sql`select contact_id, profile_id, psid, opted_in_at, last_inbound_at, extra_used_at, blocked_at from messenger_contacts where contact_id in (select (jsonb_array_elements_text(${ids}::jsonb))::uuid)`,
    ),
  ]);
  const byAccount = new Map<string, AccountContext>();
  for (const a of rowsOf<{ id: string; time_zone: string }>(accountRows)) {
    byAccount.set(a.id, { timeZone: a.time_zone, fields: [], profiles: [], profileIds: new Set() });
  }
  for (const f of rowsOf<{
    account_id: string;
    name: string;
    type: FieldType;
    default_value: FieldValue | null;
  }>(fieldRows)) {
    byAccount
      .get(f.account_id)
      ?.fields.push({ name: f.name, type: f.type, defaultValue: f.default_value });
  }
  for (const p of rowsOf<{
    id: string;
    account_id: string;
    name: string;
    status: string;
    policy_version: "2018" | "2020";
  }>(profileRows)) {
    const account = byAccount.get(p.account_id);
    account?.profiles.push({
      id: p.id,
      name: p.name,
      enabled: p.status === "enabled",
      policy: p.policy_version,
    });
    account?.profileIds.add(p.id);
  }
  const contacts = new Map<string, ContactSnapshot>();
  const messenger = new Map<string, Record<string, MessengerContactState>>();
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
  for (const c of rowsOf<{ id: string; values: Record<string, FieldValue> }>(contactRows)) {
    contacts.set(c.id, { values: c.values, messenger: messenger.get(c.id) ?? {} });
  }
  return { accounts: byAccount, contacts };
}
