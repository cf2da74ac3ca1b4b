import { parseProgramDocument } from "../parse-program-document";
import type { ProgramDocument } from "../program-document";
import type { ProgramNode } from "../program-node";
import { checkConnections } from "./check-connections";
import { checkCycles } from "./check-cycles";
import { checkDecisionNode } from "./check-decision-node";
import { checkEndNode } from "./check-end-node";
import { checkMessengerNode } from "./check-messenger-node";
import { checkReachability } from "./check-reachability";
import { checkStartNode } from "./check-start-node";
import { checkUpdateContactNode } from "./check-update-contact-node";
import { checkWaitNode } from "./check-wait-node";
import type { ProgramIssue } from "./program-issue";
import { type IndexedContext, indexContext, type ValidationContext } from "./validation-context";

/**
 * Lists every problem that blocks activation (SPEC §5), each marked on its node or connection.
 * Accepts anything (a raw JSON body included) and never throws; an empty list means valid.
 * @example validateProgram(document, { fields, profiles, lists }) // [] when it can be activated
 */
export function validateProgram(document: unknown, context: ValidationContext): ProgramIssue[] {
  const parsed = parseProgramDocument(document);
  if (!parsed.ok) {
    return parsed.issues.map((issue) => ({ code: "invalid_document", ...issue }));
  }
  return validateParsed(parsed.document, indexContext(context));
}

function validateParsed(document: ProgramDocument, context: IndexedContext): ProgramIssue[] {
  const issues: ProgramIssue[] = [];
  const nodes = new Map<string, ProgramNode>();
  for (const node of document.nodes) {
    if (nodes.has(node.id)) {
      issues.push({
        code: "duplicate_node_id",
        nodeId: node.id,
        message: `Two nodes share the id '${node.id}'; node ids must be unique`,
      });
    } else {
      nodes.set(node.id, node);
    }
  }

  const starts = [...nodes.values()].filter((node) => node.type === "start");
  if (starts.length === 0) {
    issues.push({ code: "missing_start", message: "Add a Start node: it is where contacts enter" });
  }
  for (const extra of starts.slice(1)) {
    issues.push({
      code: "multiple_starts",
      nodeId: extra.id,
      message: `A program has exactly one Start node; this one is extra (${starts.length} in all), so delete it`,
    });
  }

  const connections = checkConnections(nodes, document.edges);
  issues.push(...connections.issues);
  issues.push(...checkReachability(nodes, connections.outgoing));
  issues.push(...checkCycles(nodes, connections.outgoing));
  for (const node of nodes.values()) issues.push(...checkNode(node, context));
  return issues;
}

function checkNode(node: ProgramNode, context: IndexedContext): ProgramIssue[] {
  switch (node.type) {
    case "start":
      return checkStartNode(node, context);
    case "messenger":
      return checkMessengerNode(node, context);
    case "wait":
      return checkWaitNode(node);
    case "decision":
      return checkDecisionNode(node, context);
    case "update_contact":
      return checkUpdateContactNode(node, context);
    case "end":
      return checkEndNode(node);
  }
}
