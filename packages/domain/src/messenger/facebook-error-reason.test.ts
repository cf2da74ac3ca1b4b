import { describe, expect, test } from "vitest";
import {
  explainNotSentReason,
  facebookErrorReason,
  formatFacebookError,
  formatNoAnswer,
} from "./facebook-error-reason";

const BLOCKED = "This person blocked your page or stopped receiving messages";
const RATE_LIMIT = "Facebook's rate limit — retried, then given up";
const WINDOW = "Outside Facebook's 24-hour window — the person has to write to your page first";
const PERMISSION = "Your Facebook app lacks a permission this message needs";
const TOKEN = "Facebook no longer accepts this page's access — reconnect the profile";
const UNDOCUMENTED = "Facebook refused the message without saying why";

// Every code and code/subcode row of MESSENGER.md §1.4, with the reason a marketer reads.
// biome-ignore format: one row per code reads as the table it mirrors
const MESSENGER_MD_CODES: [code: number, subcode: number | undefined, reason: string][] = [
  [1, undefined, "Facebook had an unexpected problem — retried, then given up"],
  [1, 99, PERMISSION],
  [1, 1357046, "Facebook could not read Waymark's request"],
  [2, undefined, "Facebook was temporarily unavailable — retried, then given up"],
  [2, 2018344, "Facebook refused the message for privacy or policy reasons"],
  [4, undefined, RATE_LIMIT],
  [4, 2018022, RATE_LIMIT],
  [4, 2018354, "Sent too soon after the previous marketing message — retried, then given up"],
  [9, 2018352, "Too many actions in a short time — retried, then given up"],
  [10, 2018278, WINDOW],
  [10, 2018276, WINDOW],
  [10, 2018065, WINDOW],
  [10, 2018108, BLOCKED],
  [17, undefined, RATE_LIMIT],
  [32, undefined, RATE_LIMIT],
  [100, undefined, "Facebook refused the message as invalid"],
  [100, 2018001, "This person cannot be found on your page (no longer a Messenger user of it)"],
  [100, 2018034, "The message was empty"],
  [100, 2018109, "The attachment is too large"],
  [190, undefined, TOKEN],
  [190, 458, TOKEN],
  [190, 459, TOKEN],
  [190, 460, TOKEN],
  [190, 463, TOKEN],
  [190, 464, TOKEN],
  [190, 467, TOKEN],
  [200, 1545041, BLOCKED],
  [200, 2018021, PERMISSION],
  [200, 2018027, PERMISSION],
  [200, 2018028, PERMISSION],
  [200, undefined, PERMISSION],
  [299, undefined, PERMISSION],
  [230, undefined, PERMISSION],
  [368, undefined, "Facebook has temporarily blocked your page for policy violations"],
  [551, undefined, BLOCKED],
  [551, 1545041, BLOCKED],
  [613, undefined, RATE_LIMIT],
  [1200, undefined, "Facebook could not send it at the time — retried, then given up"],
  [1200, 2018024, "Facebook could not send it at the time — retried, then given up"],
  [10303, undefined, "Facebook refused the account-linking token"],
  [2022, undefined, UNDOCUMENTED],
  [10900, undefined, UNDOCUMENTED],
  [10903, undefined, UNDOCUMENTED],
  [80000, undefined, RATE_LIMIT],
  [80006, undefined, RATE_LIMIT],
  [80014, undefined, RATE_LIMIT],
];

describe("facebookErrorReason", () => {
  test.each(MESSENGER_MD_CODES)("code %i / subcode %s reads plainly", (code, subcode, reason) => {
    expect(facebookErrorReason(code, subcode)).toBe(reason);
  });

  test("a subcode not in the table falls back to its code's reason", () => {
    expect(facebookErrorReason(551, 123)).toBe(BLOCKED);
    expect(facebookErrorReason(10, 999)).toBe(
      "Facebook does not allow this page to send this message",
    );
  });

  test("a code nobody documented is still a sentence, never a number", () => {
    expect(facebookErrorReason(31337)).toBe("Facebook refused the message");
    expect(facebookErrorReason(80015)).toBe("Facebook refused the message");
  });
});

describe("explainNotSentReason", () => {
  test("a recorded Facebook error gets its plain reason, the raw record as detail", () => {
    const recorded = formatFacebookError(
      551,
      1545041,
      "(#551) This person isn't available right now.",
    );
    expect(recorded).toBe(
      "Facebook error 551/1545041: (#551) This person isn't available right now.",
    );
    expect(explainNotSentReason("failed", recorded)).toEqual({ reason: BLOCKED, detail: recorded });
  });

  test("a recorded error without subcode", () => {
    const recorded = formatFacebookError(
      613,
      undefined,
      "Calls to this api have exceeded the rate limit.",
    );
    expect(recorded).toBe("Facebook error 613: Calls to this api have exceeded the rate limit.");
    expect(explainNotSentReason("failed", recorded)).toEqual({
      reason: RATE_LIMIT,
      detail: recorded,
    });
  });

  test("a lost answer says Waymark is finding out, with the cause as detail", () => {
    const recorded = formatNoAnswer("timeout");
    expect(explainNotSentReason("unknown", recorded)).toEqual({
      reason: "Facebook did not answer — Waymark checks the conversation to learn if it was sent",
      detail: "No answer from Facebook (timeout)",
    });
  });

  test("warnings are Waymark's own words and stay as they are", () => {
    expect(explainNotSentReason("warning", "contact has not opted in")).toEqual({
      reason: "contact has not opted in",
      detail: null,
    });
    // Even a warning that happens to look like a record is not reinterpreted.
    expect(explainNotSentReason("warning", "Facebook error 551: x").detail).toBeNull();
  });

  test("a refusal in Waymark's own words passes through", () => {
    const own = "Waymark can't read this profile's stored Page token";
    expect(explainNotSentReason("failed", own)).toEqual({ reason: own, detail: null });
  });
});
