import { describe, expect, test } from "vitest";
import { decideSendWindow, type SendWindowInput } from "./decide-send-window";
import type { TagCategory } from "./message-tag";
import type { PolicyVersion } from "./policy-version";

const HOUR = 60 * 60 * 1000;
const T0 = new Date("2026-03-01T09:00:00.000Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const base: SendWindowInput = {
  policy: "2018",
  tagCategory: "standard",
  optedInAt: T0,
  lastInboundAt: null,
  extraUsedAt: null,
  now: at(1),
};

const ALLOWED = { allowed: true, usesExtra: false };
const EXTRA = { allowed: true, usesExtra: true };
const OUTSIDE = { allowed: false, reason: "outside the 24-hour window" };

describe("decideSendWindow", () => {
  test.each<[string, Partial<SendWindowInput>, object]>([
    ["2018 standard just after opt-in", {}, ALLOWED],
    ["2018 standard at opt-in time", { now: at(0) }, ALLOWED],
    ["2018 standard 1 ms before 24 h", { now: new Date(at(24).getTime() - 1) }, ALLOWED],
    ["2018 standard at exactly 24 h uses the +1", { now: at(24) }, EXTRA],
    ["2018 standard days later uses the +1", { now: at(24 * 30) }, EXTRA],
    ["2018 +1 already used", { now: at(30), extraUsedAt: at(26) }, OUTSIDE],
    [
      "2018 +1 used in an older window does not count",
      { optedInAt: T0, lastInboundAt: at(40), extraUsedAt: at(30), now: at(70) },
      EXTRA,
    ],
    [
      "2018 contact wrote again after the +1: new window",
      { lastInboundAt: at(50), extraUsedAt: at(30), now: at(51) },
      ALLOWED,
    ],
    [
      "2018 window runs from the later of opt-in and last message",
      { optedInAt: at(0), lastInboundAt: at(20), now: at(43) },
      ALLOWED,
    ],
    [
      "2018 opt-in later than last message",
      { optedInAt: at(20), lastInboundAt: at(0), now: at(43) },
      ALLOWED,
    ],
    [
      "2018 window from last message only",
      { optedInAt: null, lastInboundAt: at(0), now: at(2) },
      ALLOWED,
    ],
    ["2018 no window ever opened", { optedInAt: null, now: at(2) }, OUTSIDE],
    ["2018 clock skew: event after now", { optedInAt: at(2), now: at(1) }, ALLOWED],
    ["2018 subscription tag long after", { tagCategory: "subscription", now: at(500) }, ALLOWED],
    [
      "2018 subscription does not need the +1",
      { tagCategory: "subscription", extraUsedAt: at(30), now: at(31) },
      ALLOWED,
    ],
    [
      "2018 subscription without window times",
      { tagCategory: "subscription", optedInAt: null, now: at(1) },
      ALLOWED,
    ],
    ["2020 standard inside", { policy: "2020", now: at(23) }, ALLOWED],
    ["2020 standard at exactly 24 h", { policy: "2020", now: at(24) }, OUTSIDE],
    ["2020 has no +1", { policy: "2020", now: at(25) }, OUTSIDE],
    [
      "2020 window refreshed by a message",
      { policy: "2020", lastInboundAt: at(30), now: at(40) },
      ALLOWED,
    ],
    [
      "2020 mapped tag any time",
      { policy: "2020", tagCategory: "subscription", now: at(900) },
      ALLOWED,
    ],
  ])("%s", (_name, overrides, expected) => {
    expect(decideSendWindow({ ...base, ...overrides })).toEqual(expected);
  });

  test.each<[PolicyVersion, TagCategory]>([
    ["2018", "standard"],
    ["2020", "standard"],
  ])("%s %s: the window closes at exactly 24 hours", (policy, tagCategory) => {
    const inside = decideSendWindow({ ...base, policy, tagCategory, now: at(24 - 1 / 3600000) });
    const edge = decideSendWindow({ ...base, policy, tagCategory, now: at(24) });
    expect(inside).toEqual(ALLOWED);
    expect(edge).not.toEqual(ALLOWED);
  });
});
