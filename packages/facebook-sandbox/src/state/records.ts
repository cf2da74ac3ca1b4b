import type { PolicyVersion } from "../domain/policy";
import type { PageTask } from "../domain/tasks";

export interface UserRecord {
  id: string;
  name: string;
}

export interface PageRecord {
  id: string;
  name: string;
  policyVersion: PolicyVersion;
  approvedForNonPromotionalSubscription: boolean;
  /** The app's subscribed webhook fields on this Page; `null` when not subscribed. */
  subscribedFields: string[] | null;
}

export interface TokenRecord {
  token: string;
  kind: "user" | "page";
  userId: string;
  pageId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The expected `appsecret_proof`, computed once. */
  proof: string;
}

export interface PersonRecord {
  id: string;
  firstName: string;
  lastName: string;
}

export interface ThreadRecord {
  psid: string;
  pageId: string;
  personId: string;
  optedInAt: Date | null;
  lastInboundAt: Date | null;
  plusOneUsed: boolean;
  blockedAt: Date | null;
  readWatermark: number | null;
  /** Epoch ms of the newest message delivered to the person (kept in memory). */
  deliveredWatermark: number | null;
}

export interface UserRefRecord {
  id: string;
  pageId: string;
  personId: string;
  userRef: string;
  ref: string | null;
  optedInAt: Date;
  sentAt: Date | null;
  repliedAt: Date | null;
}

export type RoleMap = Map<string, Map<string, PageTask[]>>;
