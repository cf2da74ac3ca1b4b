import type { PolicyVersion } from "./policy-version";

/** `messaging_type` values Waymark sends. */
export type MessagingType = "RESPONSE" | "UPDATE" | "MESSAGE_TAG";

/** Standard messages (promotional, 24-hour window) or subscription tags (non-promotional). */
export type TagCategory = "standard" | "subscription";

/** How a tag goes on the wire under one policy version, or why it cannot be sent. */
export type TagRule =
  | {
      readonly status: "allowed";
      readonly messagingType: MessagingType;
      readonly tag: string | null;
    }
  | {
      readonly status: "mapped";
      readonly messagingType: "MESSAGE_TAG";
      readonly tag: string;
      readonly explanation: string;
    }
  | { readonly status: "retired"; readonly explanation: string };

/** A tag of the Messenger node's tag picker, with its wire rules per policy version. */
export interface MessageTag {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly category: TagCategory;
  readonly requiresPageApproval: boolean;
  readonly rules: Readonly<Record<PolicyVersion, TagRule>>;
}
