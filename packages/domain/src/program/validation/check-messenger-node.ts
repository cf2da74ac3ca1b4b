import { getMessageTag } from "../../messenger/get-message-tag";
import { MESSAGE_TEXT_MAX_LENGTH } from "../../messenger/message-text-limit";
import { facebookRefusal } from "../../messenger/refused-tags";
import { resolveMessageTag } from "../../messenger/resolve-message-tag";
import { extractPlaceholders } from "../../personalisation/extract-placeholders";
import { renderMessage } from "../../personalisation/render-message";
import { countCodePoints } from "../../text/count-code-points";
import { formatCount } from "../../text/format-count";
import type { MessengerNode } from "../nodes/messenger-node";
import type { ProgramIssue } from "./program-issue";
import type { IndexedContext } from "./validation-context";

/** Checks a Messenger node's profile, tag (under the profile's policy) and message text. */
export function checkMessengerNode(node: MessengerNode, context: IndexedContext): ProgramIssue[] {
  return [...checkProfileAndTag(node, context), ...checkText(node, context)];
}

function checkProfileAndTag(node: MessengerNode, context: IndexedContext): ProgramIssue[] {
  const { profileId, tagId } = node.data;
  const nodeId = node.id;
  const issues: ProgramIssue[] = [];
  const profile = profileId === null ? undefined : context.profiles.get(profileId);
  if (profileId === null) {
    issues.push({
      code: "messenger_profile_missing",
      nodeId,
      message: "Choose a profile for this Messenger node",
    });
  } else if (!profile) {
    issues.push({
      code: "messenger_profile_unknown",
      nodeId,
      message: "The profile of this Messenger node no longer exists; choose another",
    });
  } else if (!profile.enabled) {
    issues.push({
      code: "messenger_profile_disabled",
      nodeId,
      profileId: profile.id,
      message: `Profile '${profile.name}' is disabled; enable it or choose another`,
    });
  } else if (profile.connection) {
    issues.push({
      code: "messenger_profile_disconnected",
      nodeId,
      profileId: profile.id,
      message: `Profile '${profile.name}' lost its connection to Facebook: ${profile.connection}. Reconnect it on its profile page, or choose another profile.`,
    });
  }

  const refusal = facebookRefusal(tagId);
  if (refusal) {
    issues.push({ code: "messenger_tag_refused", nodeId, message: refusal });
  } else if (!getMessageTag(tagId)) {
    issues.push({
      code: "messenger_tag_unknown",
      nodeId,
      message: `'${tagId}' is not a Messenger tag; choose one with Change tag`,
    });
  } else if (profile) {
    const resolved = resolveMessageTag(tagId, profile.policy);
    if (!resolved.ok) {
      issues.push({
        code: "messenger_tag_retired",
        nodeId,
        message: `${resolved.message} Profile '${profile.name}' uses the ${profile.policy} policy; choose another tag with Change tag.`,
      });
    }
  }
  return issues;
}

function checkText(node: MessengerNode, context: IndexedContext): ProgramIssue[] {
  const { text } = node.data;
  const nodeId = node.id;
  if (text.trim() === "") {
    return [
      {
        code: "messenger_text_empty",
        nodeId,
        message: "Write the message this Messenger node sends",
      },
    ];
  }
  const issues: ProgramIssue[] = [];
  const length = countCodePoints(text);
  if (length > MESSAGE_TEXT_MAX_LENGTH) {
    issues.push({
      code: "messenger_text_too_long",
      nodeId,
      message: `The message is ${formatCount(length)} characters; Messenger allows at most ${formatCount(MESSAGE_TEXT_MAX_LENGTH)}`,
    });
  }
  const placeholders = extractPlaceholders(text);
  const unknown = placeholders.filter((name) => !context.fields.has(name));
  if (placeholders.length > 0 && unknown.length === 0) {
    // Defaults apply to a contact with no values: if that renders nothing, someone gets nothing.
    const bare = renderMessage(text, {}, [...context.fields.values()]);
    if (bare.text.trim() === "") {
      const names = placeholders.map((name) => `@${name}@`).join(", ");
      issues.push({
        code: "messenger_text_empty_after_personalisation",
        nodeId,
        message: `For a contact with no value in ${names}, this message is empty and would not be sent. Add text around the fields, or set a default for them.`,
      });
    }
  }
  for (const name of placeholders) {
    if (!context.fields.has(name)) {
      issues.push({
        code: "messenger_unknown_placeholder",
        nodeId,
        message: `@${name}@ is not a data field; insert an existing field, create ${name}, or write @@ for a literal @`,
      });
    }
  }
  return issues;
}
