import type { FieldType } from "../../fields/field-type";

/** Operators of a Decision node's data field rule. */
export const DECISION_OPERATORS = [
  "equals",
  "not_equals",
  "contains",
  "is_empty",
  "is_not_empty",
  "greater_than",
  "less_than",
  "before",
  "after",
  "is_true",
  "is_false",
] as const;

/** A Decision rule operator. */
export type DecisionOperator = (typeof DECISION_OPERATORS)[number];

/** How each operator reads in the UI and in messages. */
export const DECISION_OPERATOR_LABELS: Readonly<Record<DecisionOperator, string>> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  greater_than: "is greater than",
  less_than: "is less than",
  before: "is before",
  after: "is after",
  is_true: "is Yes",
  is_false: "is No",
};

/** The operators that make sense for each field type. */
export const OPERATORS_BY_FIELD_TYPE: Readonly<Record<FieldType, readonly DecisionOperator[]>> = {
  text: ["equals", "not_equals", "contains", "is_empty", "is_not_empty"],
  number: ["equals", "not_equals", "greater_than", "less_than", "is_empty", "is_not_empty"],
  date: ["equals", "not_equals", "before", "after", "is_empty", "is_not_empty"],
  boolean: ["is_true", "is_false", "is_empty", "is_not_empty"],
};

const NO_VALUE: ReadonlySet<DecisionOperator> = new Set([
  "is_empty",
  "is_not_empty",
  "is_true",
  "is_false",
]);

/** True when the operator compares against a value the user enters. */
export function operatorNeedsValue(operator: DecisionOperator): boolean {
  return !NO_VALUE.has(operator);
}
