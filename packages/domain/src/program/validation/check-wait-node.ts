import type { WaitNode } from "../nodes/wait-node";
import type { ProgramIssue } from "./program-issue";

/** Checks that a Wait node waits for a positive time. */
export function checkWaitNode(node: WaitNode): ProgramIssue[] {
  if (node.data.amount >= 1) return [];
  return [
    {
      code: "wait_duration_not_positive",
      nodeId: node.id,
      message: `Set how long this Wait node waits: at least 1 ${node.data.unit.slice(0, -1)}`,
    },
  ];
}
