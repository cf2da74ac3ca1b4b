import { invalidField } from "../../errors";

/** Longest program name, in characters. */
export const PROGRAM_NAME_MAX_LENGTH = 120;

/** A trimmed, non-empty program name of at most 120 characters, or a 400 naming `name`. */
export function requireProgramName(raw: string): string {
  const name = raw.trim();
  if (name === "" || [...name].length > PROGRAM_NAME_MAX_LENGTH) {
    const message =
      name === "" ? "is required" : `must be at most ${PROGRAM_NAME_MAX_LENGTH} characters`;
    throw invalidField("name", message);
  }
  return name;
}

/** The name of a copy: "Copy of X", shortened to fit. */
export function copyName(name: string): string {
  const copy = `Copy of ${name}`;
  const chars = [...copy];
  return chars.length <= PROGRAM_NAME_MAX_LENGTH
    ? copy
    : `${chars.slice(0, PROGRAM_NAME_MAX_LENGTH - 1).join("")}…`;
}
