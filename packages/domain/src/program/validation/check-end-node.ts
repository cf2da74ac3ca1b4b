import type { EndNode } from "../nodes/end-node";
import type { ProgramIssue } from "./program-issue";

/** Checks that an End node has a name to record as the contact's outcome. */
export function checkEndNode(node: EndNode): ProgramIssue[] {
  if (node.data.outcome.trim() !== "") return [];
  return [
    {
      code: "end_outcome_missing",
      nodeId: node.id,
      message: "Name this End node; its name is recorded as the contact's outcome",
    },
  ];
}
