import { describe, expect, test } from "vitest";
import {
  edge,
  endNode,
  messengerNode,
  programDocument,
  startNode,
} from "../../fixtures/program-builders";
import { SAMPLE_CONTEXT, SAMPLE_PROFILES } from "../../fixtures/sample-context";
import { findPromotionalPhrases } from "../../messenger/promotional-phrases";
import type { MessengerNode } from "../nodes/messenger-node";
import { formatShare, lintProgram, type PersonalisationCoverage } from "./lint-program";
import { validateProgram } from "./validate-program";

const around = (node: MessengerNode) =>
  programDocument(
    [startNode("start"), node, endNode("end")],
    [edge("start", node.id), edge(node.id, "end")],
  );
const outlet = (data: Partial<MessengerNode["data"]>) =>
  around(messengerNode("m", { profileId: "profile-outlet", ...data }));
const coverage = (
  fields: PersonalisationCoverage["fields"],
  contacts = 10,
): PersonalisationCoverage => ({ scope: "start_list", contacts, fields });

describe("the Personal productivity tag Facebook refuses", () => {
  test.each([
    ["2018", "profile-shop"],
    ["2020", "profile-outlet"],
  ])("is an activation error under the %s policy, with the tags to choose instead", (_p, id) => {
    const issues = validateProgram(
      around(messengerNode("m", { profileId: id, tagId: "personal_productivity" })),
      SAMPLE_CONTEXT,
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: "messenger_tag_refused", nodeId: "m" }),
    ]);
    expect(issues[0]?.message).toContain("Choose Business productivity or Account update");
  });

  test("Business productivity stays valid under 2018 and is retired under 2020", () => {
    const tagId = "business_productivity";
    expect(validateProgram(around(messengerNode("m", { tagId })), SAMPLE_CONTEXT)).toEqual([]);
    expect(validateProgram(outlet({ tagId }), SAMPLE_CONTEXT)).toEqual([
      expect.objectContaining({ code: "messenger_tag_retired" }),
    ]);
  });
});

describe("channel health", () => {
  test("a profile that lost its connection is an activation error naming the reason and the profile", () => {
    const context = {
      ...SAMPLE_CONTEXT,
      profiles: [{ ...SAMPLE_PROFILES[0]!, connection: "the app was removed from the page" }],
    };
    expect(validateProgram(around(messengerNode("m")), context)).toEqual([
      expect.objectContaining({
        code: "messenger_profile_disconnected",
        profileId: "profile-shop",
        message: expect.stringContaining(
          "Shop' lost its connection to Facebook: the app was removed",
        ),
      }),
    ]);
  });
});

describe("empty after personalisation", () => {
  test.each([
    ["@LASTNAME@", true],
    [" @LASTNAME@@FULLNAME@ \n", true],
    ["@FIRSTNAME@", false], // FIRSTNAME defaults to "there"
    ["Hi @LASTNAME@", false],
    ["@VIP@", false], // booleans default to No
    ["@NOPE@", false], // reported as an unknown field instead
  ])("%j is an error: %s", (text, error) => {
    const codes = validateProgram(around(messengerNode("m", { text })), SAMPLE_CONTEXT).map(
      (issue) => issue.code,
    );
    expect(codes.includes("messenger_text_empty_after_personalisation")).toBe(error);
  });
});

describe("tag vs content under the 2020 policy", () => {
  test("a tagged promotional message is a warning naming the words", () => {
    const warnings = lintProgram(
      outlet({ tagId: "shipping_update", text: "SALE! 20% off with this coupon, buy  now" }),
      SAMPLE_CONTEXT,
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "messenger_tag_promotional", nodeId: "m" });
    expect(warnings[0]?.message).toContain('("sale", "% off", "coupon", "buy now")');
    expect(warnings[0]?.message).toContain("Shipping update tag");
  });

  test.each([
    ["an untagged Update", outlet({ tagId: "update", text: "Big sale today" })],
    ["the 2018 policy", around(messengerNode("m", { tagId: "shipping_update", text: "Sale" }))],
    ["a plain shipping notice", outlet({ tagId: "shipping_update", text: "Your parcel shipped" })],
  ])("no warning for %s", (_name, document) => {
    expect(lintProgram(document, SAMPLE_CONTEXT)).toEqual([]);
  });

  test.each([
    ["Wholesale prices", []],
    ["Sales team update", []],
    ["Our discounts", []],
    ["Get a discount", ["discount"]],
    ["Free\nshipping on this order", ["free shipping"]],
    ["50 % off", ["% off"]],
  ])("%j matches %j", (text, expected) => {
    expect(findPromotionalPhrases(text)).toEqual(expected);
  });
});

describe("personalisation coverage", () => {
  test("a field empty for some contacts of the start list is a warning with the count and share", () => {
    const document = around(
      messengerNode("m", { text: "Hi @LASTNAME@ @LASTNAME@ from @FULLNAME@" }),
    );
    const warnings = lintProgram(
      document,
      SAMPLE_CONTEXT,
      coverage({ LASTNAME: { empty: 3, longest: 8 }, FULLNAME: { empty: 0, longest: 20 } }),
    );
    expect(warnings).toEqual([
      {
        code: "messenger_field_empty_for_contacts",
        nodeId: "m",
        field: "LASTNAME",
        message: expect.stringContaining(
          "@LASTNAME@ is empty for 3 of 10 contacts in the start list (30%)",
        ),
      },
    ]);
    expect(warnings[0]?.message).toContain("Set a default for LASTNAME");
  });

  test("no warning without the base's numbers, or with nobody to count", () => {
    const document = around(messengerNode("m", { text: "Hi @LASTNAME@" }));
    expect(lintProgram(document, SAMPLE_CONTEXT)).toEqual([]);
    expect(lintProgram(document, SAMPLE_CONTEXT, coverage({}, 0))).toEqual([]);
  });

  test("over 2,000 characters with the longest values is a warning; at 2,000 it is not", () => {
    const text = `${"x".repeat(1980)} @LASTNAME@`; // 1,981 characters around the field
    const lint = (longest: number) =>
      lintProgram(
        around(messengerNode("m", { text })),
        SAMPLE_CONTEXT,
        coverage({ LASTNAME: { empty: 0, longest } }),
      );
    expect(lint(19)).toEqual([]);
    expect(lint(20)).toEqual([
      expect.objectContaining({
        code: "messenger_text_may_be_too_long",
        message: expect.stringContaining("this message is 2,001 characters"),
      }),
    ]);
  });

  test("a default longer than every value counts as the longest", () => {
    const context = {
      ...SAMPLE_CONTEXT,
      fields: [{ name: "NOTE", type: "text" as const, defaultValue: "y".repeat(60) }],
    };
    const document = around(messengerNode("m", { text: `${"x".repeat(1950)}@NOTE@` }));
    const warnings = lintProgram(document, context, coverage({ NOTE: { empty: 0, longest: 3 } }));
    expect(warnings.map((w) => w.code)).toEqual(["messenger_text_may_be_too_long"]);
  });

  test("a broken document lints to nothing", () => {
    expect(lintProgram({ nodes: "no" }, SAMPLE_CONTEXT)).toEqual([]);
  });
});

test.each([
  [3, 10, "30%"],
  [1, 1000, "0.1%"],
  [1, 100_000, "0.1%"],
  [999, 1000, "99.9%"],
  [10, 10, "100%"],
])("formatShare(%i, %i) is %s", (part, whole, expected) => {
  expect(formatShare(part, whole)).toBe(expected);
});
