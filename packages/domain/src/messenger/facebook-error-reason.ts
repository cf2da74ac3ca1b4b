/**
 * Facebook's send errors in words a marketer reads (MESSENGER.md §1.4), and the one format in
 * which a refused or unanswered send is recorded as its reason, so statistics can show the
 * plain reason with the raw code below it.
 */

/** A not-sent reason as shown: what happened in plain words, and the raw record under it. */
export interface ExplainedReason {
  reason: string;
  /** Facebook's code and message as recorded; null for Waymark's own warnings. */
  detail: string | null;
}

const BLOCKED = "This person blocked your page or stopped receiving messages";
const RATE_LIMIT = "Facebook's rate limit — retried, then given up";
const TEMPORARY = "Facebook was temporarily unavailable — retried, then given up";
const WINDOW = "Outside Facebook's 24-hour window — the person has to write to your page first";
const TOKEN = "Facebook no longer accepts this page's access — reconnect the profile";
const PERMISSION = "Your Facebook app lacks a permission this message needs";
const UNDOCUMENTED = "Facebook refused the message without saying why";
const REFUSED = "Facebook refused the message";

/** Exact code/subcode pairs first; a code alone (subcode undefined) when no pair matches. */
// biome-ignore format: one row per code reads as the table in MESSENGER.md §1.4
const BY_CODE: readonly { code: number; subcode?: number; reason: string }[] = [
  { code: 1, reason: "Facebook had an unexpected problem — retried, then given up" },
  { code: 1, subcode: 99, reason: PERMISSION },
  { code: 1, subcode: 1357046, reason: "Facebook could not read Waymark's request" },
  { code: 2, reason: TEMPORARY },
  { code: 2, subcode: 2018344, reason: "Facebook refused the message for privacy or policy reasons" },
  { code: 4, reason: RATE_LIMIT },
  { code: 4, subcode: 2018022, reason: RATE_LIMIT },
  { code: 4, subcode: 2018354, reason: "Sent too soon after the previous marketing message — retried, then given up" },
  { code: 9, subcode: 2018352, reason: "Too many actions in a short time — retried, then given up" },
  { code: 10, reason: "Facebook does not allow this page to send this message" },
  { code: 10, subcode: 2018278, reason: WINDOW },
  { code: 10, subcode: 2018276, reason: WINDOW },
  { code: 10, subcode: 2018065, reason: WINDOW },
  { code: 10, subcode: 2018108, reason: BLOCKED },
  { code: 17, reason: RATE_LIMIT },
  { code: 32, reason: RATE_LIMIT },
  { code: 100, reason: "Facebook refused the message as invalid" },
  { code: 100, subcode: 2018001, reason: "This person cannot be found on your page (no longer a Messenger user of it)" },
  { code: 100, subcode: 2018218, reason: "Facebook has no profile of this person for your page (they never wrote to it or opted in)" },
  { code: 100, subcode: 2018034, reason: "The message was empty" },
  { code: 100, subcode: 2018109, reason: "The attachment is too large" },
  { code: 190, reason: TOKEN },
  { code: 200, subcode: 1545041, reason: BLOCKED },
  { code: 230, reason: PERMISSION },
  { code: 368, reason: "Facebook has temporarily blocked your page for policy violations" },
  { code: 551, reason: BLOCKED },
  { code: 613, reason: RATE_LIMIT },
  { code: 1200, reason: "Facebook could not send it at the time — retried, then given up" },
  { code: 2022, reason: UNDOCUMENTED },
  { code: 10303, reason: "Facebook refused the account-linking token" },
  { code: 10900, reason: UNDOCUMENTED },
  { code: 10903, reason: UNDOCUMENTED },
];

/** The plain-language reason Facebook refused a send, from its error code and subcode. */
export function facebookErrorReason(code: number, subcode?: number | null): string {
  const exact =
    (subcode == null ? undefined : BY_CODE.find((e) => e.code === code && e.subcode === subcode)) ??
    BY_CODE.find((e) => e.code === code && e.subcode === undefined);
  if (exact) return exact.reason;
  if (code >= 200 && code <= 299) return PERMISSION;
  if (code >= 80000 && code <= 80014) return RATE_LIMIT;
  return REFUSED;
}

/** How a Facebook error is recorded as a message's reason: "Facebook error 551/1545041: …". */
export function formatFacebookError(
  code: number,
  subcode: number | null | undefined,
  message: string,
) {
  return `Facebook error ${code}${subcode ? `/${subcode}` : ""}: ${message}`;
}

/** How a send with no answer is recorded: "No answer from Facebook (timeout)". */
export function formatNoAnswer(cause: string) {
  return `No answer from Facebook (${cause})`;
}

const RECORDED_ERROR = /^Facebook error (\d+)(?:\/(\d+))?: /;
const NO_ANSWER = /^No answer from Facebook \(/;

/**
 * A recorded not-sent reason as a marketer reads it. Warnings are Waymark's own words and stay
 * as they are; Facebook's errors get a plain reason with the recorded code and message as detail.
 */
export function explainNotSentReason(
  kind: "warning" | "failed" | "unknown",
  recorded: string,
): ExplainedReason {
  if (kind === "warning") return { reason: recorded, detail: null };
  const error = RECORDED_ERROR.exec(recorded);
  if (error) {
    const subcode = error[2] === undefined ? undefined : Number(error[2]);
    return { reason: facebookErrorReason(Number(error[1]), subcode), detail: recorded };
  }
  if (NO_ANSWER.test(recorded)) {
    return {
      reason: "Facebook did not answer — Waymark checks the conversation to learn if it was sent",
      detail: recorded,
    };
  }
  // Waymark's own words for a refused send (e.g. an unreadable token) already read plainly.
  return { reason: recorded, detail: null };
}
