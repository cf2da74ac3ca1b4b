import type { Database } from "@waymark/db";
import type { FacebookClient } from "@waymark/facebook";
import { ClaimCursor } from "./claim-cursor";
import { EnginePresence } from "./engine-presence";
import { startNodeId, syncStartLists } from "./enrol";
import { releasePages } from "./lifecycle/claim-due-messages";
import { recoverExpiredLeases } from "./lifecycle/recover-leases";
import { lookUpSubscriberNames } from "./look-up-subscriber-names";
import { PollLoop } from "./poll-loop";
import { processWebhookEvents } from "./process-webhook-events";
import { checkActiveProfiles, PROFILE_HEALTH_INTERVAL_MS } from "./profile-health";
import { programVersionDocument } from "./program-cache";
import { pruneWebhookEvents } from "./prune-webhook-events";
import { reconcileUnknownOutcomes } from "./reconcile-unknown";
import { ENGINE_BATCH_SIZE, runEngineBatch } from "./run-engine-batch";
import { SenderPipeline } from "./sender-pipeline";
import { PROCESS_SENDER_ID } from "./sender-types";

export interface EngineLoopDeps {
  db: Database;
  now: () => Date;
  facebook: FacebookClient;
  keys: { pageToken: Buffer; optInRef: Buffer };
  /** Sends per second per profile when the profile sets none; 0 = no pacing. */
  sendRatePerSecond?: number;
  sendLeaseMs?: number;
  /** How long after its call a lost send answer is looked up in Facebook's conversations. */
  reconcileAfterMs?: number;
  /** How often the leader asks Facebook whether the profiles active programs use still work. */
  profileHealthIntervalMs?: number;
}

/**
 * Engine turns each process keeps in flight: while one batch's writes run in PostgreSQL, the
 * next is claimed and decided, so the database and this process work at the same time. SKIP
 * LOCKED keeps the batches apart, as it does across workers; on PGlite they take turns.
 */
export const ENGINE_BATCHES_IN_FLIGHT = 2;

/**
 * The engine's background loops (DESIGN §8): steps, sends, list enrolment, the webhook inbox
 * and its pruning, the reconciliation of lost send answers and the names of new subscribers. Every process runs steps, sends and the inbox, sharing them through SKIP
 * LOCKED claims and the pages' send leases; list enrolment and inbox pruning, which go over
 * every account, run in the elected leader only (`EnginePresence`), as do the checks of the
 * profiles active programs use (`profile-health.ts`).
 */
export function createEngineLoops(deps: EngineLoopDeps) {
  const engine = { db: deps.db, now: deps.now, claimCursor: new ClaimCursor() };
  const stepLoops = Array.from(
    { length: ENGINE_BATCHES_IN_FLIGHT },
    (_, i) =>
      new PollLoop(`engine ${i + 1}`, () => runEngineBatch(engine, ENGINE_BATCH_SIZE), {
        busyDelayMs: 0,
        idleDelayMs: 500,
      }),
  );
  const steps = {
    nudge: () => {
      for (const loop of stepLoops) loop.nudge();
    },
  };
  const presence = new EnginePresence(deps.db, PROCESS_SENDER_ID, () => {
    lists.nudge();
    inboxPruning.nudge();
    profileHealth.nudge();
  });
  const sending = new SenderPipeline();
  const sender = new PollLoop(
    "sender",
    async () => {
      // Counted among the live senders before the first claim shares the pages out.
      await presence.ready;
      await recoverExpiredLeases(deps);
      return sending.turn({
        ...deps,
        defaultRatePerSecond: deps.sendRatePerSecond,
        leaseMs: deps.sendLeaseMs,
      });
    },
    { busyDelayMs: 0, idleDelayMs: 500 },
  );
  const lists = new PollLoop(
    "list enrolment",
    async () => {
      if (!presence.isLeader()) return 0;
      const enrolled = await syncStartLists(deps, async (id, version) => {
        const document = await programVersionDocument(deps.db, id, version);
        return document ? startNodeId(document) : null;
      });
      if (enrolled > 0) steps.nudge();
      return enrolled;
    },
    { busyDelayMs: 0, idleDelayMs: 2_000 },
  );
  const webhooks = new PollLoop(
    "webhook inbox",
    () => processWebhookEvents({ db: deps.db, now: deps.now, keys: deps.keys }),
    { busyDelayMs: 0, idleDelayMs: 1_000 },
  );
  // Hourly; a backlog (after a long stop) goes in chunks a second apart.
  const inboxPruning = new PollLoop(
    "webhook inbox pruning",
    async () => (presence.isLeader() ? pruneWebhookEvents({ db: deps.db, now: deps.now }) : 0),
    { busyDelayMs: 1_000, idleDelayMs: 3_600_000 },
  );
  // Slowly, in the leader only: Facebook allows about 2 conversation reads a second per page,
  // and the reads are paced in the process that makes them.
  const reconciling = new PollLoop(
    "unknown outcomes",
    async () => (presence.isLeader() ? reconcileUnknownOutcomes(deps) : 0),
    { busyDelayMs: 1_000, idleDelayMs: 30_000 },
  );
  // In the leader only, paced per page: names of subscribers from anonymous opt-ins.
  const naming = new PollLoop(
    "subscriber names",
    async () => (presence.isLeader() ? lookUpSubscriberNames(deps) : 0),
    { busyDelayMs: 1_000, idleDelayMs: 5_000 },
  );
  // In the leader only: a page that lost its access is found without waiting for a send.
  const profileHealth = new PollLoop(
    "profile health",
    async () => {
      if (presence.isLeader()) await checkActiveProfiles(deps);
      return 0;
    },
    { busyDelayMs: 0, idleDelayMs: deps.profileHealthIntervalMs ?? PROFILE_HEALTH_INTERVAL_MS },
  );
  const all = [
    ...stepLoops,
    sender,
    lists,
    webhooks,
    inboxPruning,
    reconciling,
    naming,
    profileHealth,
  ];
  return {
    start: () => {
      presence.start();
      for (const loop of all) loop.start();
    },
    stop: async () => {
      await Promise.all(all.map((loop) => loop.stop()));
      // Another process leads and counts one sender fewer at once.
      await presence
        .stop()
        .catch((error: unknown) => console.error("engine: could not let go of its locks", error));
      // Neither fails a stop: an unrecorded turn is recovered by lease, and the pages are free
      // once the hold lapses.
      await sending
        .flush()
        .catch((error: unknown) => console.error("sender: recording the last turn failed", error));
      await releasePages(deps).catch((error: unknown) =>
        console.error("sender: could not let go of its pages", error),
      );
    },
    /** Whether this process runs the account-wide jobs (list enrolment, inbox pruning). */
    isLeader: () => presence.isLeader(),
    /** Cut the matching loop's sleep short after new work was written. */
    nudge: {
      steps: () => steps.nudge(),
      sender: () => sender.nudge(),
      lists: () => lists.nudge(),
      webhooks: () => webhooks.nudge(),
    },
  };
}
