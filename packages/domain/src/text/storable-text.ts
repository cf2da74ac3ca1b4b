import { z } from "zod";

// A high surrogate not followed by a low one, or a low surrogate not after a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What an error says about text holding a character PostgreSQL cannot store. */
export const UNSTORABLE_TEXT_MESSAGE =
  "contains a character that cannot be stored (a NUL character or half of a surrogate pair)";

/**
 * True when PostgreSQL can store the text as it is: no NUL character (refused in text and
 * JSON) and no unpaired UTF-16 surrogate (refused in JSON, silently replaced in text).
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/**
 * The one zod string schema for text from clients (web forms, browser API, public API):
 * a string PostgreSQL can store. Chain limits as on `z.string()`, e.g. `storableText().max(100)`.
 */
export function storableText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}
