import {
  type ContactSnapshot,
  decideStep,
  type FieldDefinition,
  type FieldValue,
  type MessengerContactState,
  type ProfileSummary,
  type ProgramDocument,
} from "@waymark/domain";

/** An enrolment as the runner claimed it. */
export interface ClaimedEnrolment {
  id: number;
  nodeId: string;
  nextNodeId: string | null;
  visit: number;
}

export interface PlannedStep {
  nodeId: string;
  visit: number;
  outcome: string | null;
}

export interface PlannedMessage {
  profileId: string;
  nodeId: string;
  visit: number;
  psid: string | null;
  messagingType: string | null;
  tag: string | null;
  text: string | null;
  usesExtra: boolean;
  status: "queued" | "not_sent";
  reason: string | null;
}

/** Everything one enrolment's turn changes; written set-based with the rest of its batch. */
export interface EnrolmentPlan {
  enrolmentId: number;
  nodeId: string;
  nextNodeId: string | null;
  visit: number;
  dueAt: Date;
  done: boolean;
  outcome: string | null;
  steps: PlannedStep[];
  messages: PlannedMessage[];
  fieldChanges: Record<string, FieldValue | null>;
}

/** A bound on steps per turn; programs are acyclic, so only a broken graph could reach it. */
const MAX_STEPS_PER_TURN = 200;

/**
 * Moves one contact through instant nodes until it waits, leaves, or runs out of steps, using
 * the pure `decideStep` per node (SPEC §7.1). Pure: no I/O, time comes in as `now`.
 */
export function advanceEnrolment(input: {
  enrolment: ClaimedEnrolment;
  program: ProgramDocument;
  contact: ContactSnapshot;
  fields: readonly FieldDefinition[];
  profiles: readonly ProfileSummary[];
  existingProfiles: ReadonlySet<string>;
  now: Date;
}): EnrolmentPlan {
  const { enrolment, program, fields, profiles, now } = input;
  const values: Record<string, FieldValue | null | undefined> = { ...input.contact.values };
  const messenger: Record<string, MessengerContactState | undefined> = {
    ...input.contact.messenger,
  };
  const plan: EnrolmentPlan = {
    enrolmentId: enrolment.id,
    nodeId: enrolment.nodeId,
    nextNodeId: null,
    visit: enrolment.visit,
    dueAt: now,
    done: false,
    outcome: null,
    steps: [],
    messages: [],
    fieldChanges: {},
  };
  if (enrolment.nextNodeId) {
    plan.nodeId = enrolment.nextNodeId;
    plan.visit += 1;
  }
  for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
    const decision = decideStep({
      program,
      nodeId: plan.nodeId,
      contact: { values, messenger },
      fields,
      profiles,
      now,
    });
    let outcome: string | null = null;
    for (const effect of decision.effects) {
      if (effect.type === "set_field") {
        values[effect.field] = effect.value;
        plan.fieldChanges[effect.field] = effect.value;
      } else if (effect.type === "send_message") {
        outcome = "message queued";
        plan.messages.push({
          profileId: effect.profileId,
          nodeId: plan.nodeId,
          visit: plan.visit,
          psid: effect.psid,
          messagingType: effect.messagingType,
          tag: effect.tag,
          text: effect.text,
          usesExtra: effect.usesExtra,
          status: "queued",
          reason: null,
        });
        const state = messenger[effect.profileId];
        if (effect.usesExtra && state) messenger[effect.profileId] = { ...state, extraUsedAt: now };
      } else if (effect.type === "warning") {
        outcome = `warning: ${effect.reason}`;
        if (effect.profileId && input.existingProfiles.has(effect.profileId)) {
          plan.messages.push({
            profileId: effect.profileId,
            nodeId: plan.nodeId,
            visit: plan.visit,
            psid: messenger[effect.profileId]?.psid ?? null,
            messagingType: null,
            tag: null,
            text: null,
            usesExtra: false,
            status: "not_sent",
            reason: effect.reason,
          });
        }
      } else if (effect.type === "end") {
        outcome = effect.outcome;
      }
    }
    plan.steps.push({ nodeId: plan.nodeId, visit: plan.visit, outcome });
    if (decision.next.done) {
      plan.done = true;
      plan.outcome = decision.next.outcome;
      return plan;
    }
    if (decision.next.dueAt.getTime() > now.getTime()) {
      // Waiting: the contact stays at this node until dueAt, then moves on without re-running it.
      plan.nextNodeId = decision.next.nodeId;
      plan.dueAt = decision.next.dueAt;
      return plan;
    }
    plan.nodeId = decision.next.nodeId;
    plan.visit += 1;
  }
  plan.done = true;
  plan.outcome = "ended: too many steps";
  return plan;
}
