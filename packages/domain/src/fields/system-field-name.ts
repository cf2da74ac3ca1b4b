import { isOptInCode } from "./opt-in-code";

/** Prefix of the fields the system creates, one per Messenger profile. */
export const SYSTEM_FIELD_PREFIX = "FBOPTIN_";

/** Names users may never create: EMAIL is the contact's key, not a data field. */
export const RESERVED_FIELD_NAMES: readonly string[] = ["EMAIL"];

/** True for system-managed fields (any name with the FBOPTIN_ prefix): readable, never editable. */
export function isSystemFieldName(name: string): boolean {
  return name.startsWith(SYSTEM_FIELD_PREFIX);
}

/** The FBOPTIN_XXX field name for a profile's opt-in code, e.g. "7KQ2" → "FBOPTIN_7KQ2". */
export function makeOptInFieldName(code: string): string {
  if (!isOptInCode(code)) {
    throw new RangeError(`'${code}' is not an opt-in code (4 characters of the opt-in alphabet)`);
  }
  return SYSTEM_FIELD_PREFIX + code;
}

/** Prefix of each contact's personal opt-in link for a profile: computed per export, never stored. */
export const OPT_IN_LINK_PREFIX = "FBOPTINLINK_";

/** The FBOPTINLINK_XXX name of a profile's opt-in links, from its FBOPTIN_XXX field's name. */
export function optInLinkFieldName(optInFieldName: string): string {
  return OPT_IN_LINK_PREFIX + optInFieldName.slice(SYSTEM_FIELD_PREFIX.length);
}
