import type { FieldValues } from "../fields/field-value";

/** A contact's Messenger state for one profile (window times are Facebook's event times). */
export interface MessengerContactState {
  readonly psid: string | null;
  readonly optedInAt: Date | null;
  readonly lastInboundAt: Date | null;
  /** When the 2018 "+1" message after the window was used. */
  readonly extraUsedAt: Date | null;
  /** When Facebook reported the contact unreachable (blocked the page); cleared by writing again. */
  readonly blockedAt: Date | null;
}

/** What the engine knows about a contact when deciding a step. */
export interface ContactSnapshot {
  readonly values: FieldValues;
  /** Messenger state by profile id; a missing entry means never opted in. */
  readonly messenger: Readonly<Record<string, MessengerContactState | undefined>>;
}
