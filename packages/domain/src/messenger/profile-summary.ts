import type { PolicyVersion } from "./policy-version";

/** What programs need to know about a Messenger profile. */
export interface ProfileSummary {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly policy: PolicyVersion;
  /** Why Facebook no longer lets Waymark send for the page; absent while connected. */
  readonly connection?: string;
}
