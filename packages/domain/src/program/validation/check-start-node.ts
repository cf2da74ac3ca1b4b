import type { StartNode } from "../nodes/start-node";
import type { ProgramIssue } from "./program-issue";
import type { IndexedContext } from "./validation-context";

/** Checks that a Start node enrols from somewhere, and that its list still exists. */
export function checkStartNode(node: StartNode, context: IndexedContext): ProgramIssue[] {
  const { listId, allowApi } = node.data;
  if (listId !== null && !context.lists.has(listId)) {
    return [
      {
        code: "start_list_unknown",
        nodeId: node.id,
        message: "The list this Start node enrols from no longer exists; choose another list",
      },
    ];
  }
  if (listId === null && !allowApi) {
    return [
      {
        code: "start_no_enrolment",
        nodeId: node.id,
        message: "Choose a list to enrol contacts from, or allow enrolment through the API",
      },
    ];
  }
  return [];
}
