import { DECISION_OPERATOR_LABELS, NODE_TYPE_LABELS, operatorNeedsValue } from "@waymark/domain";
import type { NodeContent } from "./flow-types";

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function excerpt(text: string, max = 48): string {
  const flat = [...text.replace(/\s+/g, " ").trim()];
  return flat.length > max ? `${flat.slice(0, max - 1).join("")}…` : flat.join("");
}

/** One line that says what a node does, without looking anything up ("Wait 2 hours"). */
export function describeNode(node: NodeContent): string {
  switch (node.type) {
    case "start":
      if (node.data.listId === null)
        return node.data.allowApi ? "Through the API" : "No enrolment yet";
      return node.data.allowApi ? "From a list and the API" : "From a list";
    case "messenger":
      return node.data.text.trim() === "" ? "No message yet" : excerpt(node.data.text);
    case "wait":
      return `${node.data.amount} ${node.data.amount === 1 ? node.data.unit.replace(/s$/, "") : node.data.unit}`;
    case "decision": {
      const rule = node.data.rule;
      if (rule.kind === "opted_in") return "Has opted in to a profile";
      if (rule.field === "") return "No rule yet";
      const operator = DECISION_OPERATOR_LABELS[rule.operator];
      return operatorNeedsValue(rule.operator)
        ? `${rule.field} ${operator} ${String(rule.value)}`
        : `${rule.field} ${operator}`;
    }
    case "update_contact":
      return node.data.field === "" ? "No field yet" : `Set ${node.data.field}`;
    case "end":
      return node.data.outcome.trim() === "" ? "Unnamed outcome" : node.data.outcome;
  }
}

/** The accessible name of a node on the canvas: its type, then what it does. */
export function nodeAriaLabel(node: NodeContent): string {
  return `${NODE_TYPE_LABELS[node.type]}: ${describeNode(node)}`;
}
