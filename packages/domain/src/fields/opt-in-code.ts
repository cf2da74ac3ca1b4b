/** 32 characters without the look-alikes 0/O and 1/I, so one random byte maps without bias. */
export const OPT_IN_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** Number of characters in an opt-in code. */
export const OPT_IN_CODE_LENGTH = 4;

const OPT_IN_CODE_PATTERN = new RegExp(`^[${OPT_IN_CODE_ALPHABET}]{${OPT_IN_CODE_LENGTH}}$`);

/** True when the text is a well-formed opt-in code such as "7KQ2". */
export function isOptInCode(code: string): boolean {
  return OPT_IN_CODE_PATTERN.test(code);
}

/**
 * Makes a 4-character opt-in code from injected random bytes (at least 4).
 * @example generateOptInCode(crypto.getRandomValues(new Uint8Array(4))) // "7KQ2"
 */
export function generateOptInCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < OPT_IN_CODE_LENGTH) {
    throw new RangeError(`generateOptInCode needs ${OPT_IN_CODE_LENGTH} random bytes`);
  }
  let code = "";
  for (let i = 0; i < OPT_IN_CODE_LENGTH; i++) {
    code += OPT_IN_CODE_ALPHABET[(randomBytes[i] ?? 0) % OPT_IN_CODE_ALPHABET.length];
  }
  return code;
}
