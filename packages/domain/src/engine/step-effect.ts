import type { FieldValue } from "../fields/field-value";
import type { MessagingType } from "../messenger/message-tag";

/** Something the caller must do as the result of a step; the engine itself does no I/O. */
export type StepEffect =
  | { readonly type: "set_field"; readonly field: string; readonly value: FieldValue | null }
  | {
      readonly type: "send_message";
      readonly profileId: string;
      readonly psid: string;
      readonly messagingType: MessagingType;
      readonly tag: string | null;
      readonly text: string;
      /** True when this is the 2018 "+1" message: record it as the contact's extraUsedAt. */
      readonly usesExtra: boolean;
    }
  | {
      readonly type: "warning";
      /** null when the warning belongs to no Messenger profile (e.g. an Update contact node). */
      readonly profileId: string | null;
      readonly reason: string;
    }
  | { readonly type: "end"; readonly outcome: string };

/** Where the contact goes next: a node at a time, or out of the program with an outcome. */
export type StepNext =
  | { readonly done: false; readonly nodeId: string; readonly dueAt: Date }
  | { readonly done: true; readonly outcome: string };

/** The result of one step: where the contact goes and what must happen. */
export interface StepDecision {
  readonly next: StepNext;
  readonly effects: StepEffect[];
}

/** Outcomes recorded when a program cannot be followed, instead of throwing. */
export const FALLBACK_OUTCOMES = {
  noConnection: "ended: no outgoing connection",
  missingNode: "ended: node no longer exists",
} as const;
