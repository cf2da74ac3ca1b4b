import { rowsOf } from "@waymark/db";
import { pgArray } from "@waymark/engine";
import { sql } from "drizzle-orm";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";
import { readDocument } from "./program-view";

/**
 * What activating or deactivating the program will do, for the confirmation (issue 19.3): the
 * Start list and how many contacts it enrols now, whether the API may enrol, the Messenger
 * profiles it sends through, and the contacts and messages in flight that deactivation holds
 * (or activation resumes). Read from the saved program; the dialog saves first if needed.
 */
export async function activationSummary(deps: ServiceDeps, actor: Actor, id: string) {
  const { row } = await loadProgram(deps.db, actor, id);
  const document = readDocument(row);
  const start = document.nodes.find((n) => n.type === "start");
  const listId = start?.type === "start" ? start.data.listId : null;
  const profileIds = [
    ...new Set(
      document.nodes.flatMap((n) =>
        n.type === "messenger" && n.data.profileId !== null ? [n.data.profileId] : [],
      ),
    ),
  ];
  const [list] = listId
    ? rowsOf<{ id: string; name: string; members: number; enrolled: number }>(
        await deps.db.execute(sql`
          select l.id, l.name,
            (select count(*)::int from list_members m where m.list_id = l.id) as members,
            (select count(*)::int from list_members m where m.list_id = l.id and exists (
              select 1 from enrolments e where e.program_id = ${id}::uuid and e.contact_id = m.contact_id and e.state = 'active')) as enrolled
          from lists l where l.id = ${listId}::uuid and l.account_id = ${actor.accountId}::uuid`),
      )
    : [];
  const profiles =
    profileIds.length === 0
      ? []
      : rowsOf<{ id: string; name: string; status: string }>(
          await deps.db.execute(sql`
            select id, name, status from messenger_profiles
            where account_id = ${actor.accountId}::uuid and id = any(${pgArray(profileIds)}::uuid[])
            order by name`),
        );
  const [flight] = rowsOf<{ contacts: number; waiting: number; queued: number; held: number }>(
    await deps.db.execute(sql`
      select
        (select count(*)::int from enrolments where program_id = ${id}::uuid and state = 'active') as contacts,
        (select count(*)::int from enrolments where program_id = ${id}::uuid and state = 'active' and next_node_id is not null) as waiting,
        (select count(*)::int from messenger_messages where program_id = ${id}::uuid and status in ('queued', 'in_flight')) as queued,
        (select count(*)::int from messenger_messages where program_id = ${id}::uuid and status = 'held') as held`),
  );
  return {
    status: row.status,
    version: row.version,
    list: list
      ? {
          id: list.id,
          name: list.name,
          members: list.members,
          toEnrol: list.members - list.enrolled,
        }
      : null,
    allowApi: start?.type === "start" ? start.data.allowApi : false,
    profiles: profiles.map((p) => ({ id: p.id, name: p.name, enabled: p.status === "enabled" })),
    contactsInProgram: flight?.contacts ?? 0,
    contactsWaiting: flight?.waiting ?? 0,
    messagesQueued: flight?.queued ?? 0,
    messagesHeld: flight?.held ?? 0,
  };
}
