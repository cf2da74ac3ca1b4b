import { FIELD_TYPE_LABELS } from "../../fields/field-type";
import { parseFieldInput } from "../../fields/parse-field-input";
import type { DecisionNode } from "../nodes/decision-node";
import {
  DECISION_OPERATOR_LABELS,
  OPERATORS_BY_FIELD_TYPE,
  operatorNeedsValue,
} from "../nodes/decision-operators";
import type { ProgramIssue } from "./program-issue";
import type { IndexedContext } from "./validation-context";

/** Checks a Decision node's rule: its field or profile exists and the value fits the operator. */
export function checkDecisionNode(node: DecisionNode, context: IndexedContext): ProgramIssue[] {
  const { rule } = node.data;
  const nodeId = node.id;
  if (rule.kind === "opted_in") {
    if (rule.profileId === null) {
      return [
        {
          code: "decision_profile_missing",
          nodeId,
          message: "Choose the Messenger profile this Decision node checks",
        },
      ];
    }
    if (!context.profiles.has(rule.profileId)) {
      return [
        {
          code: "decision_profile_unknown",
          nodeId,
          message: "The profile this Decision node checks no longer exists; choose another",
        },
      ];
    }
    return [];
  }

  if (rule.field === "") {
    return [
      {
        code: "decision_field_missing",
        nodeId,
        message: "Choose the data field this Decision node checks",
      },
    ];
  }
  const field = context.fields.get(rule.field);
  if (!field) {
    return [
      {
        code: "decision_field_unknown",
        nodeId,
        message: `Data field '${rule.field}' does not exist; choose another field`,
      },
    ];
  }
  const allowed = OPERATORS_BY_FIELD_TYPE[field.type];
  if (!allowed.includes(rule.operator)) {
    const choices = allowed.map((operator) => DECISION_OPERATOR_LABELS[operator]).join(", ");
    return [
      {
        code: "decision_operator_invalid",
        nodeId,
        message: `'${DECISION_OPERATOR_LABELS[rule.operator]}' does not apply to the ${FIELD_TYPE_LABELS[field.type]} field ${field.name}; use one of: ${choices}`,
      },
    ];
  }
  if (!operatorNeedsValue(rule.operator)) return [];
  if (typeof rule.value === "string" && rule.value.trim() === "") {
    return [
      {
        code: "decision_value_missing",
        nodeId,
        message: `Enter the value to compare ${field.name} with${field.type === "text" ? " (or use 'is empty')" : ""}`,
      },
    ];
  }
  const parsed = parseFieldInput(field.type, rule.value);
  if (!parsed.ok) {
    return [
      {
        code: "decision_value_invalid",
        nodeId,
        message: `The value to compare ${field.name} with does not fit its type: ${parsed.message}`,
      },
    ];
  }
  return [];
}
