/**
 * Tags the seed lists but Facebook refuses whatever the policy (error 100, MESSENGER.md §8
 * rule 9). They stay in the picker as the seed shows them, but a node using one cannot be
 * activated; the value is the hint shown with that error.
 */
export const FACEBOOK_REFUSED_TAGS: Readonly<Record<string, string>> = {
  personal_productivity:
    "Facebook refuses the Personal productivity tag (error 100): no Messenger policy ever accepted it. Choose Business productivity or Account update with Change tag.",
};

/** Why Facebook refuses this tag, or undefined when it may be sent. */
export function facebookRefusal(tagId: string): string | undefined {
  return Object.hasOwn(FACEBOOK_REFUSED_TAGS, tagId) ? FACEBOOK_REFUSED_TAGS[tagId] : undefined;
}
