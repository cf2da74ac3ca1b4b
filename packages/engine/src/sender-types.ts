import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@waymark/db";
import type { FacebookClient, FacebookError } from "@waymark/facebook";

export interface SenderDeps {
  db: Database;
  facebook: FacebookClient;
  keys: { pageToken: Buffer };
  now: () => Date;
  /** Sends per second per profile; 0 turns pacing off (benchmarks). */
  defaultRatePerSecond?: number;
  /** Parallel Send API calls (single sends or Graph batches) per turn. */
  concurrency?: number;
  /** Messages per Graph batch call, 1 to 50 (default); 1 sends each in a call of its own. */
  batchSize?: number;
  /** How long a claimed message may stay in flight before it is declared unknown. */
  leaseMs?: number;
  /** Who claims, when not this process's sender (tests of several senders in one process). */
  senderId?: string;
  maxAttempts?: number;
}

export interface ClaimedMessage {
  id: string;
  profile_id: string;
  page_id: string;
  page_token_enc: string;
  rate: number | null;
  psid: string;
  messaging_type: string;
  tag: string | null;
  text: string;
  attempts: number;
  /** 1 once the send-time check gave it the person's 2018 "+1" message. */
  uses_extra: number;
  day: string;
  contact_id: string;
  /** This claim's lease: later claims of the same row get a later one, so it names the claim. */
  lease_until: string;
}

export type Result =
  | { id: string; kind: "sent"; fbMessageId: string; sentAt: string }
  | { id: string; kind: "retry"; delayMs: number; error: FacebookError }
  | { id: string; kind: "failed"; error: FacebookError }
  | { id: string; kind: "unknown"; error: FacebookError }
  | { id: string; kind: "paused"; error: PauseReason };

/** The stored page token does not decrypt (SECRET_KEY changed): the Page must be reconnected. */
export interface UnreadableToken {
  kind: "unreadable_token";
}
export const UNREADABLE_TOKEN: UnreadableToken = { kind: "unreadable_token" };

/** Why a profile's messages wait: Facebook refused its token, or Waymark can't read it. */
export type PauseReason = FacebookError | UnreadableToken;

export const UNREADABLE_TOKEN_REASON =
  "Waymark can't read this profile's stored Page token (was SECRET_KEY changed?): log in to Facebook again to reconnect";

/** Sends per second for a profile that sets no rate (and the runtime gives none). */
export const DEFAULT_RATE_PER_SECOND = 50;
/** A turn claims per paced profile what its rate lets out in this many seconds. */
export const PACED_SECONDS_PER_TURN = 2;
/** The longest a sender holds a page after its last claim for it (less when the lease is shorter). */
export const MAX_SENDER_HOLD_MS = 30_000;
/** This process as a sender: its pacers are the pages' pacers while it holds them. */
export const PROCESS_SENDER_ID = `${hostname()}:${process.pid}:${randomUUID()}`;
