import { programs, programVersions } from "@waymark/db";
import type { ProgramDocumentInput } from "@waymark/domain";
import {
  processWebhookEvents,
  programVersionDocument,
  recoverExpiredLeases,
  runEngineBatch,
  runSenderBatch,
  startNodeId,
  syncStartLists,
} from "@waymark/engine";
import type { TestApp } from "./test-app";

/** Inserts an active program with its version snapshot, as activation does. */
export async function insertActiveProgram(
  t: TestApp,
  input: {
    accountId: string;
    name: string;
    document: ProgramDocumentInput;
    startListId?: string;
    profileIds?: string[];
  },
) {
  const [program] = await t.db
    .insert(programs)
    .values({
      accountId: input.accountId,
      name: input.name,
      status: "active",
      document: input.document,
      startListId: input.startListId,
      profileIds: input.profileIds ?? [],
      activatedAt: t.runtime.deps.now(),
    })
    .returning();
  await t.db.insert(programVersions).values({
    programId: program!.id,
    version: program!.version,
    accountId: input.accountId,
    document: input.document,
  });
  return program!;
}

/**
 * Runs every engine loop until nothing is left to do: list enrolment, steps, sends (no
 * pacing), the sandbox's webhooks and the inbox. What the background loops do, made
 * deterministic for tests.
 */
export async function driveEngine(t: TestApp, options: { rounds?: number } = {}) {
  const deps = t.runtime.deps;
  for (let round = 0; round < (options.rounds ?? 6); round++) {
    let work = 0;
    work += await syncStartLists(deps, async (id, version) => {
      const doc = await programVersionDocument(deps.db, id, version);
      return doc ? startNodeId(doc) : null;
    });
    for (let n = await runEngineBatch(deps); n > 0; n = await runEngineBatch(deps)) work += n;
    await recoverExpiredLeases(deps);
    for (let n = await runSenderBatch({ ...deps, defaultRatePerSecond: 0 }); n > 0; ) {
      work += n;
      n = await runSenderBatch({ ...deps, defaultRatePerSecond: 0 });
    }
    await t.runtime.sandbox?.admin.settle();
    for (let n = await processWebhookEvents(deps); n > 0; n = await processWebhookEvents(deps))
      work += n;
    if (work === 0) return;
  }
}
