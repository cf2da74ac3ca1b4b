import { describe, expect, test } from "vitest";
import type { FieldValues } from "../fields/field-value";
import { SAMPLE_FIELDS } from "../fixtures/sample-context";
import type { DecisionOperator } from "../program/nodes/decision-operators";
import { evaluateDecisionRule } from "./evaluate-decision-rule";

const FIELDS = new Map(SAMPLE_FIELDS.map((field) => [field.name, field]));

const evaluate = (
  field: string,
  operator: DecisionOperator,
  value: string | number | boolean,
  values: FieldValues,
) =>
  evaluateDecisionRule(
    { kind: "field", field, operator, value },
    { values, messenger: {} },
    FIELDS,
  );

describe("field rules", () => {
  test.each<[string, DecisionOperator, string | number | boolean, FieldValues, boolean]>([
    ["FIRSTNAME", "equals", "ana", { FIRSTNAME: "Ana" }, true],
    ["FIRSTNAME", "equals", " ANA ", { FIRSTNAME: "ana" }, true],
    ["FIRSTNAME", "equals", "Bo", { FIRSTNAME: "Ana" }, false],
    ["FIRSTNAME", "equals", "there", {}, false],
    ["FIRSTNAME", "not_equals", "Bo", { FIRSTNAME: "Ana" }, true],
    ["FIRSTNAME", "not_equals", "Ana", { FIRSTNAME: "ana" }, false],
    ["FIRSTNAME", "not_equals", "Ana", {}, true],
    ["LASTNAME", "contains", "ILV", { LASTNAME: "Silva" }, true],
    ["LASTNAME", "contains", "x", { LASTNAME: "Silva" }, false],
    ["LASTNAME", "contains", "a", {}, false],
    ["FIRSTNAME", "is_empty", "", {}, true],
    ["FIRSTNAME", "is_empty", "", { FIRSTNAME: "" }, true],
    ["FIRSTNAME", "is_empty", "", { FIRSTNAME: null }, true],
    ["FIRSTNAME", "is_empty", "", { FIRSTNAME: "x" }, false],
    ["FIRSTNAME", "is_not_empty", "", { FIRSTNAME: "x" }, true],
    ["AGE", "equals", "30", { AGE: 30 }, true],
    ["AGE", "equals", 30, { AGE: 30 }, true],
    ["AGE", "equals", "30.0", { AGE: 30 }, true],
    ["AGE", "greater_than", "17", { AGE: 18 }, true],
    ["AGE", "greater_than", "18", { AGE: 18 }, false],
    ["AGE", "less_than", "18", { AGE: 17.5 }, true],
    ["AGE", "less_than", "18", {}, false],
    ["AGE", "greater_than", "17", { AGE: "21" }, true],
    ["AGE", "greater_than", "ten", { AGE: 21 }, false],
    ["AGE", "before", "10", { AGE: 5 }, false],
    ["BIRTHDAY", "before", "2000-01-01", { BIRTHDAY: "1999-12-31" }, true],
    ["BIRTHDAY", "before", "2000-01-01", { BIRTHDAY: "2000-01-01" }, false],
    ["BIRTHDAY", "after", "2000-01-01", { BIRTHDAY: "2000-01-02" }, true],
    ["BIRTHDAY", "equals", "2000-01-01", { BIRTHDAY: "2000-01-01" }, true],
    ["BIRTHDAY", "after", "2000-01-01", { BIRTHDAY: "garbage" }, false],
    ["VIP", "is_true", "", { VIP: true }, true],
    ["VIP", "is_true", "", { VIP: false }, false],
    ["VIP", "is_true", "", {}, false],
    ["VIP", "is_false", "", { VIP: false }, true],
    ["VIP", "is_false", "", {}, false],
    ["VIP", "is_true", "", { VIP: "yes" }, true],
    ["NOPE", "is_empty", "", {}, false],
    ["NOPE", "not_equals", "x", {}, false],
  ])("%s %s %j with %j → %s", (field, operator, value, values, expected) => {
    expect(evaluate(field, operator, value, values)).toBe(expected);
  });
});

describe("opted-in rules", () => {
  const contact = (psid: string | null) => ({
    values: {},
    messenger: {
      shop: { psid, optedInAt: null, lastInboundAt: null, extraUsedAt: null, blockedAt: null },
    },
  });

  test.each([
    ["shop", contact("123"), true],
    ["shop", contact(null), false],
    ["shop", contact(""), false],
    ["other", contact("123"), false],
    [null, contact("123"), false],
    ["toString", contact("123"), false],
  ])("profile %s → %#", (profileId, snapshot, expected) => {
    expect(evaluateDecisionRule({ kind: "opted_in", profileId }, snapshot, FIELDS)).toBe(expected);
  });
});
