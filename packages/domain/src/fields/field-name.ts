import { z } from "zod";
import { countCodePoints } from "../text/count-code-points";
import { OPT_IN_LINK_PREFIX, RESERVED_FIELD_NAMES, SYSTEM_FIELD_PREFIX } from "./system-field-name";

/** Longest allowed data field name. */
export const FIELD_NAME_MAX_LENGTH = 20;

/** Upper case letters, digits and _, starting with a letter, at most 20 characters. */
export const FIELD_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,19}$/;

/** The outcome of checking a field name a user wants to create. */
export type FieldNameResult = { ok: true; name: string } | { ok: false; message: string };

/** True when the name has the shape of a field name (reserved names included). */
export function isFieldName(name: string): boolean {
  return FIELD_NAME_PATTERN.test(name);
}

/** Checks a name for a new user-defined data field, with a message saying how to fix it. */
export function validateFieldName(name: string): FieldNameResult {
  if (name.trim() === "") return { ok: false, message: "Enter a field name" };
  const length = countCodePoints(name);
  if (length > FIELD_NAME_MAX_LENGTH) {
    return {
      ok: false,
      message: `A field name can be at most ${FIELD_NAME_MAX_LENGTH} characters; this one has ${length}`,
    };
  }
  if (!FIELD_NAME_PATTERN.test(name)) {
    if (/^[A-Za-z0-9_]+$/.test(name) && FIELD_NAME_PATTERN.test(name.toUpperCase())) {
      return {
        ok: false,
        message: `Use upper case letters: ${name.toUpperCase()}, not ${name}`,
      };
    }
    if (!/^[A-Za-z]/.test(name)) {
      return { ok: false, message: "A field name must start with a letter (A–Z)" };
    }
    const bad = [...name].find((char) => !/^[A-Za-z0-9_]$/.test(char)) ?? " ";
    return {
      ok: false,
      message: `A field name can contain only upper case letters, digits and _; remove '${bad}'`,
    };
  }
  if (RESERVED_FIELD_NAMES.includes(name)) {
    return { ok: false, message: `${name} is reserved: it is the contact's key, not a data field` };
  }
  for (const prefix of [SYSTEM_FIELD_PREFIX, OPT_IN_LINK_PREFIX]) {
    if (name.startsWith(prefix)) {
      return {
        ok: false,
        message: `Names starting with ${prefix} are reserved for Messenger opt-in fields`,
      };
    }
  }
  return { ok: true, name };
}

/** Zod schema for the name of a new user-defined data field. */
export const fieldNameSchema = z.string().superRefine((name, ctx) => {
  const result = validateFieldName(name);
  if (!result.ok) ctx.addIssue({ code: "custom", message: result.message });
});
