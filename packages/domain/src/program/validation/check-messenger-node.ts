import { getMessageTag } from "../../messenger/get-message-tag";
import { MESSAGE_TEXT_MAX_LENGTH } from "../../messenger/message-text-limit";
import { resolveMessageTag } from "../../messenger/resolve-message-tag";
import { extractPlaceholders } from "../../personalisation/extract-placeholders";
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
      message: `Profile '${profile.name}' is disabled; enable it or choose another`,
    });
  }

  if (!getMessageTag(tagId)) {
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
  for (const name of extractPlaceholders(text)) {
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
