import type { FieldDefinition } from "../fields/field-definition";
import { decideSendWindow } from "../messenger/decide-send-window";
import type { ProfileSummary } from "../messenger/profile-summary";
import { resolveMessageTag } from "../messenger/resolve-message-tag";
import { WARNING_REASONS } from "../messenger/warning-reasons";
import { checkRenderedMessage } from "../personalisation/check-rendered-message";
import { renderMessage } from "../personalisation/render-message";
import type { MessengerNode } from "../program/nodes/messenger-node";
import type { ContactSnapshot, MessengerContactState } from "./contact-snapshot";
import type { StepEffect } from "./step-effect";

/**
 * Decides what a Messenger node does for one contact (SPEC §7.1–7.3): one send_message, or one
 * warning with the reason it was not sent. The contact moves on either way.
 */
export function decideMessengerEffects(
  node: MessengerNode,
  contact: ContactSnapshot,
  fields: readonly FieldDefinition[],
  profiles: ReadonlyMap<string, ProfileSummary>,
  now: Date,
): StepEffect {
  const { profileId, tagId, text } = node.data;
  if (profileId === null) return warn(null, WARNING_REASONS.noProfile);
  const profile = profiles.get(profileId);
  if (!profile) return warn(profileId, WARNING_REASONS.profileMissing);
  if (!profile.enabled) return warn(profileId, WARNING_REASONS.profileDisabled);

  const state = Object.hasOwn(contact.messenger, profileId)
    ? contact.messenger[profileId]
    : undefined;
  if (!state?.psid) return warn(profileId, WARNING_REASONS.notOptedIn);
  if (isBlocked(state)) return warn(profileId, WARNING_REASONS.blocked);

  const tag = resolveMessageTag(tagId, profile.policy);
  if (!tag.ok) {
    return warn(
      profileId,
      tag.code === "retired_tag" ? WARNING_REASONS.tagRetired : WARNING_REASONS.tagUnknown,
    );
  }
  const window = decideSendWindow({
    policy: profile.policy,
    tagCategory: tag.tag.category,
    optedInAt: state.optedInAt,
    lastInboundAt: state.lastInboundAt,
    extraUsedAt: state.extraUsedAt,
    now,
  });
  if (!window.allowed) return warn(profileId, window.reason);

  const rendered = renderMessage(text, contact.values, fields);
  const check = checkRenderedMessage(rendered);
  if (!check.ok) return warn(profileId, check.reason);

  return {
    type: "send_message",
    profileId,
    psid: state.psid,
    messagingType: tag.messagingType,
    tag: tag.wireTag,
    text: rendered.text,
    usesExtra: window.usesExtra,
  };
}

/** Whether a recorded block still holds: until the contact opts in or writes again after it. */
export function isBlocked(
  state: Pick<MessengerContactState, "blockedAt" | "optedInAt" | "lastInboundAt">,
): boolean {
  if (state.blockedAt === null) return false;
  const blocked = state.blockedAt.getTime();
  const resumed = Math.max(state.optedInAt?.getTime() ?? 0, state.lastInboundAt?.getTime() ?? 0);
  return blocked >= resumed;
}

function warn(profileId: string | null, reason: string): StepEffect {
  return { type: "warning", profileId, reason };
}
