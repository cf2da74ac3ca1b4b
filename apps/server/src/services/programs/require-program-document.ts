import {
  type DocumentIssue,
  type ProgramDocument,
  type ProgramIssueCode,
  parseProgramDocument,
  validateProgram,
} from "@waymark/domain";
import { invalidField, ServiceError } from "../../errors";

/**
 * Problems the canvas can never produce (it has no handle into Start or out of End, refuses
 * connections that would loop, and gives every item a fresh id), so a document with them is
 * broken input rather than a draft in progress: it is refused instead of stored.
 */
const STRUCTURAL: ReadonlySet<ProgramIssueCode> = new Set([
  "duplicate_node_id",
  "duplicate_edge_id",
  "edge_unknown_source",
  "edge_unknown_target",
  "edge_invalid_handle",
  "start_has_inputs",
  "end_has_outputs",
  "cycle",
]);

const NO_CONTEXT = { fields: [], profiles: [], lists: [] };

/**
 * Parses (and migrates) a program document from a client, or throws 400 with one message per
 * field (`document.nodes.3.type`). Drafts may be incomplete; only structural damage is refused.
 */
export function requireProgramDocument(raw: unknown, field = "document"): ProgramDocument {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    const message = "must be a program document: an object with schemaVersion, nodes and edges";
    throw invalidField(field, message);
  }
  const parsed = parseProgramDocument(raw);
  if (!parsed.ok) throw documentError(field, parsed.issues);
  const structural = validateProgram(parsed.document, NO_CONTEXT)
    .filter((issue) => STRUCTURAL.has(issue.code))
    .map((issue) => ({ ...issue, path: itemPath(parsed.document, issue) }));
  if (structural.length > 0) throw documentError(field, structural);
  return parsed.document;
}

function itemPath(document: ProgramDocument, issue: { edgeId?: string; nodeId?: string }) {
  if (issue.edgeId !== undefined) {
    const index = document.edges.findIndex((edge) => edge.id === issue.edgeId);
    if (index >= 0) return `edges[${index}]`;
  }
  if (issue.nodeId !== undefined) {
    const index = document.nodes.findIndex((node) => node.id === issue.nodeId);
    if (index >= 0) return `nodes[${index}]`;
  }
  return "";
}

function documentError(field: string, issues: readonly DocumentIssue[]): ServiceError {
  const fields: Record<string, string> = {};
  const listed = issues.map((issue) => {
    const path = [field, issue.path.replace(/\[(\d+)\]/g, ".$1")].filter(Boolean).join(".");
    fields[path] ??= issue.message;
    return {
      path,
      message: issue.message,
      ...(issue.nodeId !== undefined && { nodeId: issue.nodeId }),
      ...(issue.edgeId !== undefined && { edgeId: issue.edgeId }),
    };
  });
  const first = listed[0];
  const message = first ? `${first.path}: ${first.message}` : `${field}: is not a program document`;
  return new ServiceError(400, "invalid_request", message, { fields, issues: listed });
}
