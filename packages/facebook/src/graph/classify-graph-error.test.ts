import { describe, expect, it } from "vitest";
import { classifyGraphError } from "./classify-graph-error";
import { GRAPH_ERROR_CODES } from "./graph-error-codes";

// Every code / subcode of MESSENGER.md §1.4 and the class Waymark gives it.
const TABLE = [
  [1, undefined, "retry", "transient"],
  [1, 99, "retry", "transient"],
  [1, 1357046, "bad_request", undefined],
  [2, undefined, "retry", "transient"],
  [2, 2018344, "permanent_recipient", undefined],
  [4, undefined, "retry", "rate_limit"],
  [4, 2018022, "retry", "rate_limit"],
  [4, 2018354, "retry", "rate_limit"],
  [9, 2018352, "retry", "rate_limit"],
  [10, undefined, "permission", undefined],
  [10, 2018278, "window", undefined],
  [10, 2018276, "window", undefined],
  [10, 2018065, "window", undefined],
  [10, 2018108, "permanent_recipient", undefined],
  [17, undefined, "retry", "rate_limit"],
  [32, undefined, "retry", "rate_limit"],
  [100, undefined, "bad_request", undefined],
  [100, 2018001, "permanent_recipient", undefined],
  [100, 2018218, "permanent_recipient", undefined],
  [100, 2018034, "bad_request", undefined],
  [100, 2018109, "bad_request", undefined],
  [100, 33, "bad_request", undefined],
  [190, undefined, "token_invalid", undefined],
  [190, 458, "token_invalid", undefined],
  [190, 459, "token_invalid", undefined],
  [190, 460, "token_invalid", undefined],
  [190, 463, "token_invalid", undefined],
  [190, 464, "token_invalid", undefined],
  [190, 467, "token_invalid", undefined],
  [200, undefined, "permission", undefined],
  [200, 1545041, "permanent_recipient", undefined],
  [200, 2018021, "permission", undefined],
  [200, 2018027, "permission", undefined],
  [200, 2018028, "permission", undefined],
  [230, undefined, "permission", undefined],
  [299, undefined, "permission", undefined],
  [368, undefined, "permission", undefined],
  [551, undefined, "permanent_recipient", undefined],
  [551, 1545041, "permanent_recipient", undefined],
  [613, undefined, "retry", "rate_limit"],
  [1200, undefined, "retry", "transient"],
  [1200, 2018024, "retry", "transient"],
  [10303, undefined, "bad_request", undefined],
  [2022, undefined, "bad_request", undefined],
  [10900, undefined, "bad_request", undefined],
  [10903, undefined, "bad_request", undefined],
  [80000, undefined, "retry", "rate_limit"],
  [80006, undefined, "retry", "rate_limit"],
  [80014, undefined, "retry", "rate_limit"],
  [80015, undefined, "bad_request", undefined],
  [12345, undefined, "bad_request", undefined],
] as const;

describe("classifyGraphError", () => {
  it.each(TABLE)("code %s / subcode %s → %s (%s)", (code, subcode, classification, backoff) => {
    const result = classifyGraphError({
      code,
      ...(subcode === undefined ? {} : { subcode }),
      httpStatus: 400,
    });
    expect(result).toEqual(
      backoff === undefined ? { classification } : { classification, backoff },
    );
  });

  it("falls back to the bare code for an unknown subcode", () => {
    expect(classifyGraphError({ code: 190, subcode: 999, httpStatus: 400 }).classification).toBe(
      "token_invalid",
    );
    expect(classifyGraphError({ code: 10, subcode: 1, httpStatus: 403 }).classification).toBe(
      "permission",
    );
  });

  it("retries unknown codes only when the server reports a 5xx", () => {
    expect(classifyGraphError({ code: 12345, httpStatus: 503 })).toEqual({
      classification: "retry",
      backoff: "transient",
    });
  });

  it("covers every entry of the code table", () => {
    for (const entry of GRAPH_ERROR_CODES) {
      const row = TABLE.find(
        ([code, subcode]) =>
          code === entry.code && subcode === ("subcode" in entry ? entry.subcode : undefined),
      );
      expect(row, `${entry.code}/${"subcode" in entry ? entry.subcode : ""}`).toBeDefined();
      expect(row?.[2]).toBe(entry.classification);
    }
  });
});
