import { describe, expect, test } from "vitest";
import { DEFAULT_TAG_ID, getMessageTag } from "./get-message-tag";
import { MESSAGE_TAGS } from "./message-tags";
import { resolveMessageTag } from "./resolve-message-tag";

const SEED_LABELS = [
  "Response",
  "Update",
  "Shipping_update",
  "Reservation_update",
  "Issue_resolution",
  "Appointment_update",
  "Game_event",
  "Transportation_update",
  "Feature_functionality_update",
  "Ticket_update",
  "Account_update",
  "Payment_update",
  "Personal_finance_update",
  "Pairing_update",
  "Application_update",
  "Confirmed_event_reminder",
  "Community_alert",
  "Non_promotional_subscription",
  "Business_productivity",
  "Personal_productivity",
];

describe("the tag catalogue", () => {
  test("lists the seed's 20 tags in the seed's order", () => {
    expect(MESSAGE_TAGS.map((tag) => tag.label)).toEqual(SEED_LABELS);
  });

  test("has unique ids, a description for each, 2 standard and 18 subscription tags", () => {
    expect(new Set(MESSAGE_TAGS.map((tag) => tag.id)).size).toBe(20);
    expect(MESSAGE_TAGS.every((tag) => tag.description.length > 20)).toBe(true);
    expect(MESSAGE_TAGS.filter((tag) => tag.category === "standard")).toHaveLength(2);
    expect(MESSAGE_TAGS.filter((tag) => tag.category === "subscription")).toHaveLength(18);
  });

  test("defaults to Response", () => {
    expect(getMessageTag(DEFAULT_TAG_ID)?.label).toBe("Response");
  });

  test("only Non_promotional_subscription needs page approval", () => {
    expect(MESSAGE_TAGS.filter((tag) => tag.requiresPageApproval).map((tag) => tag.id)).toEqual([
      "non_promotional_subscription",
    ]);
  });

  test("every retired or mapped rule explains itself", () => {
    for (const tag of MESSAGE_TAGS) {
      for (const rule of Object.values(tag.rules)) {
        if (rule.status !== "allowed") expect(rule.explanation).toMatch(/4 March 2020/);
      }
    }
  });
});

describe("policy 2018", () => {
  test.each([
    ["response", "RESPONSE", null],
    ["update", "UPDATE", null],
    ["shipping_update", "MESSAGE_TAG", "SHIPPING_UPDATE"],
    ["reservation_update", "MESSAGE_TAG", "RESERVATION_UPDATE"],
    ["issue_resolution", "MESSAGE_TAG", "ISSUE_RESOLUTION"],
    ["appointment_update", "MESSAGE_TAG", "APPOINTMENT_UPDATE"],
    ["game_event", "MESSAGE_TAG", "GAME_EVENT"],
    ["transportation_update", "MESSAGE_TAG", "TRANSPORTATION_UPDATE"],
    ["feature_functionality_update", "MESSAGE_TAG", "FEATURE_FUNCTIONALITY_UPDATE"],
    ["ticket_update", "MESSAGE_TAG", "TICKET_UPDATE"],
    ["account_update", "MESSAGE_TAG", "ACCOUNT_UPDATE"],
    ["payment_update", "MESSAGE_TAG", "PAYMENT_UPDATE"],
    ["personal_finance_update", "MESSAGE_TAG", "PERSONAL_FINANCE_UPDATE"],
    ["pairing_update", "MESSAGE_TAG", "PAIRING_UPDATE"],
    ["application_update", "MESSAGE_TAG", "APPLICATION_UPDATE"],
    ["confirmed_event_reminder", "MESSAGE_TAG", "CONFIRMED_EVENT_REMINDER"],
    ["community_alert", "MESSAGE_TAG", "COMMUNITY_ALERT"],
    ["non_promotional_subscription", "MESSAGE_TAG", "NON_PROMOTIONAL_SUBSCRIPTION"],
    ["business_productivity", "MESSAGE_TAG", "BUSINESS_PRODUCTIVITY"],
    ["personal_productivity", "MESSAGE_TAG", "PERSONAL_PRODUCTIVITY"],
  ])("%s is sent as %s %s", (id, messagingType, wireTag) => {
    const resolved = resolveMessageTag(id, "2018");
    expect(resolved).toMatchObject({ ok: true, messagingType, wireTag, mapped: false });
  });
});

describe("policy 2020", () => {
  test.each([
    ["response", "RESPONSE", null, false],
    ["update", "UPDATE", null, false],
    ["shipping_update", "MESSAGE_TAG", "POST_PURCHASE_UPDATE", true],
    ["reservation_update", "MESSAGE_TAG", "POST_PURCHASE_UPDATE", true],
    ["payment_update", "MESSAGE_TAG", "POST_PURCHASE_UPDATE", true],
    ["appointment_update", "MESSAGE_TAG", "CONFIRMED_EVENT_UPDATE", true],
    ["transportation_update", "MESSAGE_TAG", "CONFIRMED_EVENT_UPDATE", true],
    ["ticket_update", "MESSAGE_TAG", "CONFIRMED_EVENT_UPDATE", true],
    ["confirmed_event_reminder", "MESSAGE_TAG", "CONFIRMED_EVENT_UPDATE", true],
    ["issue_resolution", "MESSAGE_TAG", "ACCOUNT_UPDATE", true],
    ["personal_finance_update", "MESSAGE_TAG", "ACCOUNT_UPDATE", true],
    ["application_update", "MESSAGE_TAG", "ACCOUNT_UPDATE", true],
    ["account_update", "MESSAGE_TAG", "ACCOUNT_UPDATE", false],
  ])("%s is sent as %s %s (mapped: %s)", (id, messagingType, wireTag, mapped) => {
    const resolved = resolveMessageTag(id, "2020");
    expect(resolved).toMatchObject({ ok: true, messagingType, wireTag, mapped });
  });

  test.each([
    "game_event",
    "feature_functionality_update",
    "pairing_update",
    "community_alert",
    "non_promotional_subscription",
    "business_productivity",
    "personal_productivity",
  ])("%s is retired with an explanation", (id) => {
    const resolved = resolveMessageTag(id, "2020");
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.code).toBe("retired_tag");
      expect(resolved.message).toContain("cannot be sent under the 2020 policy");
      expect(resolved.message).toContain("retired this tag on 4 March 2020");
    }
  });

  test("never sends a tag outside the 2020 allow-list", () => {
    const allowed = new Set(["CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE"]);
    for (const tag of MESSAGE_TAGS) {
      const resolved = resolveMessageTag(tag.id, "2020");
      if (resolved.ok && resolved.wireTag !== null)
        expect(allowed.has(resolved.wireTag)).toBe(true);
    }
  });
});

test.each(["2018", "2020"] as const)("an unknown tag is refused under %s", (policy) => {
  expect(resolveMessageTag("human_agent", policy)).toMatchObject({
    ok: false,
    code: "unknown_tag",
    message: "'human_agent' is not a Messenger tag",
  });
});
