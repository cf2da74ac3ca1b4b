import { facebookErrorReason } from "@waymark/domain";
import { GRAPH_ERROR_CODE_RANGES, GRAPH_ERROR_CODES } from "@waymark/facebook";
import { describe, expect, test } from "vitest";
import { describeFacebookError } from "./record-results";

// The client's table decides retries, the domain's the words a marketer reads: a code added to
// one and not the other would show as the bare "Facebook refused the message".
describe("every Graph error code the Facebook client knows has a plain reason", () => {
  test.each(GRAPH_ERROR_CODES.map((e) => [e.code, "subcode" in e ? e.subcode : undefined]))(
    "code %i / subcode %s",
    (code, subcode) => {
      expect(facebookErrorReason(code, subcode)).not.toBe("Facebook refused the message");
    },
  );

  test.each(GRAPH_ERROR_CODE_RANGES.flatMap((r) => [r.from, r.to]))("range edge %i", (code) => {
    expect(facebookErrorReason(code)).not.toBe("Facebook refused the message");
  });

  test("the recorded reason is the format the statistics explain", () => {
    const recorded = describeFacebookError({
      kind: "graph",
      code: 551,
      subcode: 1545041,
      message: "(#551) This person isn't available right now.",
    } as Parameters<typeof describeFacebookError>[0]);
    expect(recorded).toBe(
      "Facebook error 551/1545041: (#551) This person isn't available right now.",
    );
  });
});
