import { getMessageTag, MESSAGE_TAGS } from "@waymark/domain";
import { describe, expect, it } from "vitest";
import { tagPolicyNote } from "./tag-policy";

describe("tagPolicyNote", () => {
  it("says every 2018 tag is accepted but Personal productivity, which Facebook refuses", () => {
    for (const tag of MESSAGE_TAGS) {
      const expected = tag.id === "personal_productivity" ? "retired" : "allowed";
      expect(tagPolicyNote(tag, "2018").status).toBe(expected);
    }
    expect(tagPolicyNote(getMessageTag("personal_productivity")!, "2018").text).toContain(
      "Choose Business productivity or Account update",
    );
    expect(tagPolicyNote(getMessageTag("shipping_update")!, "2018").text).toContain(
      "sent as SHIPPING_UPDATE",
    );
  });

  it("says which current tag a 2020 message is sent as, or why it is retired", () => {
    expect(tagPolicyNote(getMessageTag("shipping_update")!, "2020")).toMatchObject({
      status: "mapped",
      text: expect.stringMatching(/^Sent as POST_PURCHASE_UPDATE\./),
    });
    expect(tagPolicyNote(getMessageTag("pairing_update")!, "2020")).toMatchObject({
      status: "retired",
      text: expect.stringMatching(/^Retired: Facebook retired this tag/),
    });
    expect(tagPolicyNote(getMessageTag("response")!, "2020").text).toContain("within 24 hours");
  });
});
