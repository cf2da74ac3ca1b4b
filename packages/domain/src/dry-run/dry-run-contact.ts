import type { ContactSnapshot, MessengerContactState } from "../engine/contact-snapshot";
import { decideStep } from "../engine/decide-step";
import type { FieldDefinition } from "../fields/field-definition";
import type { FieldValue } from "../fields/field-value";
import { toFieldValue } from "../fields/to-field-value";
import type { ProfileSummary } from "../messenger/profile-summary";
import { extractPlaceholders } from "../personalisation/extract-placeholders";
import type { ProgramDocument } from "../program/program-document";

/** Why a dry run says a Messenger send would not go out, beyond the engine's own reasons. */
export const DRY_RUN_REASONS = {
  profileDisconnected: "profile is disconnected from Facebook",
} as const;

/** What one node does to one contact in a dry run. */
export interface DryRunStep {
  readonly nodeId: string;
  /** A Messenger send would go out at this node. */
  readonly sent: boolean;
  /** Why the node's send would not go out (the engine's warning reason), or null. */
  readonly skipReason: string | null;
  /** Fields of a sent message's `@FIELD@`s with no value and no default (they render empty). */
  readonly blankFields: readonly string[];
}

/** A contact's whole way through a program in a dry run. */
export interface DryRunPath {
  readonly steps: readonly DryRunStep[];
  readonly outcome: string;
}

export interface DryRunContactInput {
  readonly program: ProgramDocument;
  readonly startNodeId: string;
  readonly contact: ContactSnapshot;
  readonly fields: readonly FieldDefinition[];
  readonly profiles: readonly ProfileSummary[];
  /** Profiles whose Page connection is lost: the engine would queue, Facebook would refuse. */
  readonly disconnectedProfiles: ReadonlySet<string>;
  readonly now: Date;
}

/** The same bound on steps as the engine's turn; programs are acyclic. */
const MAX_STEPS = 200;

/**
 * Walks one contact through the program as the engine would (SPEC §7.1), with every Wait taken
 * as elapsed and every Decision and send window judged at `now`: the engine's `decideStep` per
 * node, field updates and the 2018 "+1" carried forward as its batch interpreter does. Pure.
 */
export function dryRunContact(input: DryRunContactInput): DryRunPath {
  const { program, fields, profiles, now } = input;
  // Copied only when a node changes them: most contacts pass through unchanged.
  let values = input.contact.values as Record<string, FieldValue | null | undefined>;
  let messenger = input.contact.messenger as Record<string, MessengerContactState | undefined>;
  let ownValues = false;
  let ownMessenger = false;
  const steps: DryRunStep[] = [];
  let nodeId = input.startNodeId;
  for (let i = 0; i < MAX_STEPS; i++) {
    const decision = decideStep({
      program,
      nodeId,
      contact: { values, messenger },
      fields,
      profiles,
      now,
    });
    let sent = false;
    let skipReason: string | null = null;
    let blankFields: readonly string[] = NONE;
    for (const effect of decision.effects) {
      if (effect.type === "set_field") {
        if (!ownValues) {
          values = { ...values };
          ownValues = true;
        }
        values[effect.field] = effect.value;
      } else if (effect.type === "send_message") {
        if (input.disconnectedProfiles.has(effect.profileId)) {
          skipReason = DRY_RUN_REASONS.profileDisconnected;
          continue;
        }
        sent = true;
        blankFields = blanksOf(program, nodeId, values, fields);
        const state = messenger[effect.profileId];
        if (effect.usesExtra && state) {
          if (!ownMessenger) {
            messenger = { ...messenger };
            ownMessenger = true;
          }
          messenger[effect.profileId] = { ...state, extraUsedAt: now };
        }
      } else if (effect.type === "warning") {
        skipReason = effect.reason;
      }
    }
    steps.push({ nodeId, sent, skipReason, blankFields });
    if (decision.next.done) return { steps, outcome: decision.next.outcome };
    nodeId = decision.next.nodeId;
  }
  return { steps, outcome: "ended: too many steps" };
}

const NONE: readonly string[] = [];

const placeholderCache = new WeakMap<ProgramDocument, Map<string, readonly string[]>>();
const fieldIndexes = new WeakMap<readonly FieldDefinition[], Map<string, FieldDefinition>>();

/** The `@FIELD@`s of a Messenger node's text, read once per program document. */
function placeholdersOf(program: ProgramDocument, nodeId: string): readonly string[] {
  let byNode = placeholderCache.get(program);
  if (!byNode) {
    byNode = new Map();
    for (const node of program.nodes) {
      if (node.type === "messenger") byNode.set(node.id, extractPlaceholders(node.data.text));
    }
    placeholderCache.set(program, byNode);
  }
  return byNode.get(nodeId) ?? NONE;
}

function blanksOf(
  program: ProgramDocument,
  nodeId: string,
  values: Readonly<Record<string, FieldValue | null | undefined>>,
  fields: readonly FieldDefinition[],
): readonly string[] {
  const names = placeholdersOf(program, nodeId);
  if (names.length === 0) return NONE;
  let byName = fieldIndexes.get(fields);
  if (!byName) {
    byName = new Map(fields.map((f) => [f.name, f]));
    fieldIndexes.set(fields, byName);
  }
  const blank: string[] = [];
  for (const name of names) {
    const field = byName.get(name);
    const own = Object.hasOwn(values, name) ? values[name] : undefined;
    const missing =
      !field ||
      (toFieldValue(field.type, own) ?? toFieldValue(field.type, field.defaultValue)) === undefined;
    if (missing) blank.push(name);
  }
  return blank.length === 0 ? NONE : blank;
}
