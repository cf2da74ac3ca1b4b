import { AccountScope, programs, programVersions, type Transaction } from "@waymark/db";
import { validateProgram } from "@waymark/domain";
import {
  holdQueuedMessages,
  parkEnrolments,
  releaseHeldMessages,
  resumeEnrolments,
} from "@waymark/engine";
import { eq } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { Actor } from "../context";
import { checkChannelsLive } from "./check-channels-live";
import { moveContactsToVersion } from "./live-edit";
import { authorOf, loadProgram } from "./load-program";
import { loadValidationContext } from "./load-validation-context";
import type { ProgramDeps } from "./program-deps";
import { staleVersion } from "./program-errors";
import { presentProgram, readDocument } from "./program-view";

type ProgramRow = typeof programs.$inferSelect;

/** What a state change may check: the version the user was looking at. */
export interface StateChangeInput {
  version?: number;
}

/**
 * Draft or Deactivated → Active (SPEC §5). Refused with 409 and the issues while the program is
 * invalid, a profile it uses found lost by a live check with Facebook included; Facebook not
 * answering in time does not block it, and `warnings` names those profiles. In one transaction: validates, snapshots the document as the immutable version that
 * contacts will be pinned to, flips the status, and resumes its parked contacts and held
 * messages, moving contacts already in the program on to this version (where they are).
 * Activating an active program changes nothing.
 */
export async function activateProgram(
  deps: ProgramDeps,
  actor: Actor,
  id: string,
  input: StateChangeInput = {},
) {
  const { unchecked } = await checkChannelsLive(deps, actor, id);
  const result = await deps.db.transaction(async (tx) => {
    const { row, author } = await loadProgram(tx, actor, id, true);
    if (input.version !== undefined && input.version !== row.version) {
      throw staleVersion(row.version);
    }
    if (row.status === "active") return { view: presentProgram(row, author), changed: false };
    const document = readDocument(row);
    const issues = validateProgram(document, await loadValidationContext(tx, actor.accountId));
    if (issues.length > 0) {
      throw new ServiceError(
        409,
        "program_invalid",
        `This program has ${issues.length === 1 ? "a problem" : `${issues.length} problems`} to fix before it can be activated: ${issues[0]!.message}`,
        { issues },
      );
    }
    await tx
      .insert(programVersions)
      .values({ programId: row.id, version: row.version, accountId: row.accountId, document })
      .onConflictDoNothing();
    const activated = await setStatus(tx, deps, actor, row, "active");
    await releaseHeldMessages(tx, row.id);
    await resumeEnrolments(tx, row.id);
    await moveContactsToVersion(tx, row.id, row.version, document);
    return { view: presentProgram(activated, await authorOf(tx, actor.userId)), changed: true };
  });
  if (result.changed) deps.onProgramActivated?.();
  return { ...result.view, warnings: unchecked.map(uncheckedWarning) };
}

/** What activation says of a profile Facebook did not answer for in time. */
function uncheckedWarning(profileName: string): string {
  return `Facebook did not answer in time about profile '${profileName}', so its connection was not checked. The program is active; if Facebook refuses its sends, the profile is marked lost and its messages wait.`;
}

/**
 * Active → Deactivated (SPEC §5): the program stops enrolling and sending and becomes editable;
 * contacts stay where they are, parked out of the engine's due index, and its unsent messages
 * are held, until it is activated again. Deactivating a deactivated program changes nothing.
 */
export async function deactivateProgram(
  deps: ProgramDeps,
  actor: Actor,
  id: string,
  input: StateChangeInput = {},
) {
  return deps.db.transaction(async (tx) => {
    const { row, author } = await loadProgram(tx, actor, id, true);
    if (input.version !== undefined && input.version !== row.version) {
      throw staleVersion(row.version);
    }
    if (row.status === "deactivated") return presentProgram(row, author);
    if (row.status === "draft") {
      throw new ServiceError(
        409,
        "program_not_active",
        "This program is a draft and is not running; only an active program can be deactivated",
      );
    }
    const deactivated = await setStatus(tx, deps, actor, row, "deactivated");
    await holdQueuedMessages(tx, row);
    await parkEnrolments(tx, row.id);
    return presentProgram(deactivated, await authorOf(tx, actor.userId));
  });
}

async function setStatus(
  tx: Transaction,
  deps: ProgramDeps,
  actor: Actor,
  row: ProgramRow,
  status: "active" | "deactivated",
): Promise<ProgramRow> {
  const [updated] = await tx
    .update(programs)
    .set({ status, updatedAt: deps.now(), updatedByUserId: actor.userId })
    .where(new AccountScope(tx, actor.accountId).where(programs, eq(programs.id, row.id)))
    .returning();
  return updated!;
}
