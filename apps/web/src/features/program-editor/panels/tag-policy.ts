import { facebookRefusal, type MessageTag, type PolicyVersion } from "@waymark/domain";

/** Whether Facebook accepts a tag under a policy version, in words for the tag picker. */
export interface TagPolicyNote {
  readonly status: "allowed" | "mapped" | "retired";
  readonly text: string;
}

/** What happens to a message sent with `tag` under `policy` (SPEC §7.2), for people to read. */
export function tagPolicyNote(tag: MessageTag, policy: PolicyVersion): TagPolicyNote {
  // Kept in the picker as the seed shows it, but Facebook refuses it whatever the policy.
  const refusal = facebookRefusal(tag.id);
  if (refusal) return { status: "retired", text: refusal };
  const rule = tag.rules[policy];
  switch (rule.status) {
    case "allowed":
      return {
        status: "allowed",
        text:
          tag.category === "standard"
            ? `Facebook accepts it (${policy} policy) within 24 hours of the contact's last message.`
            : `Facebook accepts it at any time (${policy} policy), sent as ${rule.tag}.`,
      };
    case "mapped":
      return { status: "mapped", text: `Sent as ${rule.tag}. ${rule.explanation}` };
    case "retired":
      return { status: "retired", text: `Retired: ${rule.explanation}` };
  }
}
