import type { MessageTag } from "./message-tag";
import { MESSAGE_TAGS } from "./message-tags";

/** The tag a new Messenger node uses (SPEC §5: default Response). */
export const DEFAULT_TAG_ID = "response";

const BY_ID = new Map(MESSAGE_TAGS.map((tag) => [tag.id, tag]));

/** Looks up a tag of the picker by id ("shipping_update"); undefined when there is none. */
export function getMessageTag(id: string): MessageTag | undefined {
  return BY_ID.get(id);
}
