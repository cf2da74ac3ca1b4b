import type { FieldDefinition } from "../fields/field-definition";
import type { ProfileSummary } from "../messenger/profile-summary";
import type { ProgramDocument } from "../program/program-document";
import type { DecisionHandle } from "../program/program-edge";
import { indexProgram } from "../program/program-graph";
import type { ContactSnapshot } from "./contact-snapshot";
import { decideMessengerEffects } from "./decide-messenger-effects";
import { decideUpdateContact } from "./decide-update-contact";
import { evaluateDecisionRule } from "./evaluate-decision-rule";
import { FALLBACK_OUTCOMES, type StepDecision, type StepEffect } from "./step-effect";
import { waitDurationMs } from "./wait-duration";

/** Everything one step needs; time comes in as `now`. */
export interface StepInput {
  readonly program: ProgramDocument;
  /** The node the contact is at. */
  readonly nodeId: string;
  readonly contact: ContactSnapshot;
  readonly fields: readonly FieldDefinition[];
  readonly profiles: readonly ProfileSummary[];
  readonly now: Date;
}

const fieldIndexes = new WeakMap<readonly FieldDefinition[], Map<string, FieldDefinition>>();
const profileIndexes = new WeakMap<readonly ProfileSummary[], Map<string, ProfileSummary>>();

/**
 * Runs one node for one contact, purely: where the contact goes next (and when) and the effects
 * to apply. Never throws on a broken program: a missing connection ends the contact's journey
 * with outcome "ended: no outgoing connection".
 * @example decideStep({ program, nodeId: "wait-1", contact, fields, profiles, now })
 */
export function decideStep(input: StepInput): StepDecision {
  const { program, nodeId, contact, fields, now } = input;
  const graph = indexProgram(program);
  const node = graph.nodes.get(nodeId);
  if (!node) return finish(FALLBACK_OUTCOMES.missingNode, []);

  const follow = (handle: DecisionHandle | null, effects: StepEffect[], dueAt = now) => {
    const target = graph.next(node.id, handle);
    if (!target) return finish(FALLBACK_OUTCOMES.noConnection, effects);
    return { next: { done: false as const, nodeId: target.id, dueAt }, effects };
  };

  switch (node.type) {
    case "start":
      return follow(null, []);
    case "messenger": {
      const profiles = index(profileIndexes, input.profiles, (profile) => profile.id);
      return follow(null, [decideMessengerEffects(node, contact, fields, profiles, now)]);
    }
    case "wait": {
      const dueAt = new Date(now.getTime() + waitDurationMs(node.data.amount, node.data.unit));
      return follow(null, [], dueAt);
    }
    case "decision": {
      const byName = index(fieldIndexes, fields, (field) => field.name);
      return follow(evaluateDecisionRule(node.data.rule, contact, byName) ? "yes" : "no", []);
    }
    case "update_contact": {
      const byName = index(fieldIndexes, fields, (field) => field.name);
      return follow(null, [decideUpdateContact(node, byName)]);
    }
    case "end":
      return finish(node.data.outcome.trim() || "Completed", []);
  }
}

function finish(outcome: string, effects: StepEffect[]): StepDecision {
  return { next: { done: true, outcome }, effects: [...effects, { type: "end", outcome }] };
}

function index<T>(
  cache: WeakMap<readonly T[], Map<string, T>>,
  items: readonly T[],
  key: (item: T) => string,
): Map<string, T> {
  let map = cache.get(items);
  if (!map) {
    map = new Map();
    for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
    cache.set(items, map);
  }
  return map;
}
