// The engine's public surface: what apps/server composes (loops, services' calls into the
// lifecycle) and what its integration tests drive step by step.

export { ClaimCursor } from "./claim-cursor";
export type { ClockAndDatabase } from "./clock-and-database";
export { createEngineLoops, ENGINE_BATCHES_IN_FLIGHT, type EngineLoopDeps } from "./engine-loops";
export { ENGINE_LOCK_SPACE, EnginePresence } from "./engine-presence";
export { enrolContacts, startNodeId, syncStartLists } from "./enrol";
export { applyReceipts, echoedMessageId, type ReceiptEvent } from "./lifecycle/apply-receipts";
export { bumpStats, type ReasonDelta, type StatDelta } from "./lifecycle/bump-stats";
export { claimDueMessages, releasePages } from "./lifecycle/claim-due-messages";
export { countMoves, type StatusMove } from "./lifecycle/count-moves";
export {
  dropHeldMessages,
  holdQueuedMessages,
  releaseHeldMessages,
} from "./lifecycle/hold-messages";
export { describeFacebookError, recordResults } from "./lifecycle/record-results";
export { recoverExpiredLeases, UNKNOWN_AFTER_CRASH } from "./lifecycle/recover-leases";
export { localDay } from "./local-day";
export {
  lookUpSubscriberNames,
  MAX_NAME_ATTEMPTS,
  NAME_LOOKUPS_PER_TURN,
  type NameLookupDeps,
} from "./look-up-subscriber-names";
export {
  type MergeOutcome,
  type MergePair,
  type MergeReason,
  mergeContacts,
} from "./merge-contacts";
export { makeOptInRef, OPT_IN_REF_TTL_DAYS, type OptInRefClaims, readOptInRef } from "./opt-in-ref";
export { parkEnrolments, resumeEnrolments } from "./park-enrolments";
export { pgArray, unnestRows } from "./pg-array";
export { PollLoop } from "./poll-loop";
export { processWebhookEvents, type WebhookProcessorDeps } from "./process-webhook-events";
export {
  checkActiveProfiles,
  checkProfileConnections,
  markProfilesLost,
  PROFILE_HEALTH_INTERVAL_MS,
  type ProfileHealth,
  type ProfileHealthDeps,
} from "./profile-health";
export { programVersionDocument } from "./program-cache";
export { pruneWebhookEvents, WEBHOOK_DEDUPE_RETENTION_MS } from "./prune-webhook-events";
export {
  RECONCILE_AFTER_MS,
  type ReconcileDeps,
  reconcileUnknownOutcomes,
} from "./reconcile-unknown";
export { ENGINE_BATCH_SIZE, type EngineDeps, runEngineBatch } from "./run-engine-batch";
export { pausedProfiles, planSendWaves, runSenderBatch, sendClaimed } from "./run-sender-batch";
export { open, seal } from "./secret-box";
export { SendPacer } from "./send-pacer";
export { SenderPipeline } from "./sender-pipeline";
export type { ClaimedMessage, SenderDeps } from "./sender-types";
export { startStatement } from "./start-statement";
