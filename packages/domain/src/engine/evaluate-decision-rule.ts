import type { FieldDefinition } from "../fields/field-definition";
import type { FieldValue } from "../fields/field-value";
import { toFieldValue } from "../fields/to-field-value";
import type { DecisionRule } from "../program/nodes/decision-node";
import type { ContactSnapshot } from "./contact-snapshot";

/**
 * Evaluates a Decision rule on the contact's current data (defaults are not used: they only
 * fill personalisation). Text comparisons ignore case and surrounding spaces. An empty value
 * matches only is_empty and not_equals; an unusable rule answers No. Never throws.
 */
export function evaluateDecisionRule(
  rule: DecisionRule,
  contact: ContactSnapshot,
  fields: ReadonlyMap<string, FieldDefinition>,
): boolean {
  if (rule.kind === "opted_in") {
    if (rule.profileId === null || !Object.hasOwn(contact.messenger, rule.profileId)) return false;
    const psid = contact.messenger[rule.profileId]?.psid;
    return typeof psid === "string" && psid !== "";
  }
  const field = fields.get(rule.field);
  if (!field) return false;
  const own = Object.hasOwn(contact.values, field.name) ? contact.values[field.name] : undefined;
  const value = toFieldValue(field.type, own);
  switch (rule.operator) {
    case "is_empty":
      return value === undefined;
    case "is_not_empty":
      return value !== undefined;
    case "is_true":
      return value === true;
    case "is_false":
      return value === false;
    case "not_equals":
      return value === undefined || !equals(field, value, rule.value);
    default:
      return value !== undefined && compare(field, rule.operator, value, rule.value);
  }
}

function compare(
  field: FieldDefinition,
  operator: "equals" | "contains" | "greater_than" | "less_than" | "before" | "after",
  value: FieldValue,
  raw: FieldValue,
): boolean {
  if (operator === "equals") return equals(field, value, raw);
  const other = operand(field, raw);
  if (other === undefined) return false;
  if (operator === "contains") {
    return field.type === "text" && normalise(value).includes(normalise(other));
  }
  const ordered =
    (field.type === "number" && operator.endsWith("_than")) ||
    (field.type === "date" && (operator === "before" || operator === "after"));
  if (!ordered || typeof value !== typeof other) return false;
  return operator === "greater_than" || operator === "after" ? value > other : value < other;
}

function equals(field: FieldDefinition, value: FieldValue, raw: FieldValue): boolean {
  const other = operand(field, raw);
  if (other === undefined) return false;
  return field.type === "text" ? normalise(value) === normalise(other) : value === other;
}

function operand(field: FieldDefinition, raw: FieldValue): FieldValue | undefined {
  return field.type === "text" ? String(raw) : toFieldValue(field.type, raw);
}

function normalise(value: FieldValue): string {
  return String(value).trim().toLowerCase();
}
