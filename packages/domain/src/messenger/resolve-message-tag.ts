import { getMessageTag } from "./get-message-tag";
import type { MessageTag, MessagingType } from "./message-tag";
import type { PolicyVersion } from "./policy-version";

/** A tag resolved for sending under a policy, or the reason it cannot be sent. */
export type ResolvedMessageTag =
  | {
      ok: true;
      tag: MessageTag;
      messagingType: MessagingType;
      wireTag: string | null;
      mapped: boolean;
    }
  | { ok: false; code: "unknown_tag" | "retired_tag"; tag?: MessageTag; message: string };

/**
 * Resolves a node's tag id to what goes on the wire under the profile's policy version.
 * @example resolveMessageTag("shipping_update", "2020") // MESSAGE_TAG + POST_PURCHASE_UPDATE
 */
export function resolveMessageTag(tagId: string, policy: PolicyVersion): ResolvedMessageTag {
  const tag = getMessageTag(tagId);
  if (!tag) {
    return { ok: false, code: "unknown_tag", message: `'${tagId}' is not a Messenger tag` };
  }
  const rule = tag.rules[policy];
  if (rule.status === "retired") {
    return {
      ok: false,
      code: "retired_tag",
      tag,
      message: `Tag '${tag.label}' cannot be sent under the ${policy} policy. ${rule.explanation}`,
    };
  }
  return {
    ok: true,
    tag,
    messagingType: rule.messagingType,
    wireTag: rule.tag,
    mapped: rule.status === "mapped",
  };
}
