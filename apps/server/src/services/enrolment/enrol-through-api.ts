import { AccountScope, contacts, programs } from "@waymark/db";
import { normaliseEmail } from "@waymark/domain";
import { enrolContacts, programVersionDocument, startNodeId } from "@waymark/engine";
import { eq, inArray } from "drizzle-orm";
import { notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";

export interface EnrolInput {
  contactIds?: string[];
  emails?: string[];
}

export interface Skipped {
  contactId?: string;
  email?: string;
  reason: "no such contact" | "not a valid email address" | "already in the program";
}

/**
 * Enrols contacts by id or email into an active program (SPEC §6, §11): answers how many were
 * enrolled and which were skipped and why. Enrolment is idempotent: a contact already in the
 * program is skipped, never enrolled twice.
 */
export async function enrolThroughApi(
  deps: ServiceDeps & { onEnrolled?: () => void },
  actor: Actor,
  programId: string,
  input: EnrolInput,
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const [program] = await scope.select(programs, eq(programs.id, programId));
  if (!program) throw notFound("Program");
  if (program.status !== "active") {
    throw new ServiceError(
      409,
      "program_not_active",
      `'${program.name}' is not active; activate it to enrol contacts`,
    );
  }
  const document = await programVersionDocument(deps.db, program.id, program.version);
  const start = document && startNodeId(document);
  const startNode = document?.nodes.find((n) => n.id === start);
  if (!document || !start || startNode?.type !== "start") {
    throw new ServiceError(
      409,
      "program_not_ready",
      `'${program.name}' has no Start node to enrol into`,
    );
  }
  if (!startNode.data.allowApi) {
    throw new ServiceError(
      409,
      "api_enrolment_off",
      `The Start node of '${program.name}' does not accept contacts from the API; turn it on in the builder`,
    );
  }
  const skipped: Skipped[] = [];
  const emails: string[] = [];
  for (const raw of input.emails ?? []) {
    const email = normaliseEmail(raw);
    if (email.ok) emails.push(email.email);
    else skipped.push({ email: raw, reason: "not a valid email address" });
  }
  const ids = [...new Set(input.contactIds ?? [])];
  const found = [
    ...(ids.length > 0
      ? await deps.db
          .select({ id: contacts.id, email: contacts.email })
          .from(contacts)
          .where(scope.where(contacts, inArray(contacts.id, ids)))
      : []),
    ...(emails.length > 0
      ? await deps.db
          .select({ id: contacts.id, email: contacts.email })
          .from(contacts)
          .where(scope.where(contacts, inArray(contacts.email, emails)))
      : []),
  ];
  const foundIds = new Set(found.map((c) => c.id));
  const foundEmails = new Set(found.map((c) => c.email));
  for (const id of ids)
    if (!foundIds.has(id)) skipped.push({ contactId: id, reason: "no such contact" });
  for (const email of emails)
    if (!foundEmails.has(email)) skipped.push({ email, reason: "no such contact" });

  const enrolled = new Set(
    await enrolContacts(
      deps.db,
      { id: program.id, accountId: actor.accountId, version: program.version, startNodeId: start },
      [...foundIds],
      deps.now(),
    ),
  );
  for (const c of found) {
    if (!enrolled.has(c.id) && !skipped.some((s) => s.contactId === c.id || s.email === c.email)) {
      skipped.push({
        contactId: c.id,
        ...(c.email === null ? {} : { email: c.email }),
        reason: "already in the program",
      });
    }
  }
  if (enrolled.size > 0) deps.onEnrolled?.();
  return { enrolled: enrolled.size, skipped };
}
