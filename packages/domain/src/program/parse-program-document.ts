import type { z } from "zod";
import { formatCount } from "../text/format-count";
import { isRecord } from "../text/is-record";
import { migrateProgramDocument } from "./migrations/migrate-program-document";
import { nameNodes } from "./node-name";
import { type ProgramDocument, programDocumentSchema } from "./program-document";
import { PROGRAM_LIMITS } from "./program-limits";

/** A field-level problem with the shape of a program document. */
export interface DocumentIssue {
  /** Where the problem is, e.g. "nodes[3].data.text" ("" for the whole document). */
  readonly path: string;
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
}

/** A checked, current-version document, or the problems with it. */
export type ParseProgramResult =
  | { ok: true; document: ProgramDocument; migratedFrom: number }
  | { ok: false; issues: DocumentIssue[] };

/**
 * Migrates and checks a program document from any source (API body, database row), filling in
 * defaults and the names of unnamed nodes. Never throws; oversized documents are refused
 * before their contents are examined.
 */
export function parseProgramDocument(raw: unknown): ParseProgramResult {
  const migrated = migrateProgramDocument(raw);
  if (!migrated.ok) {
    return { ok: false, issues: [{ path: "schemaVersion", message: migrated.message }] };
  }
  const document = migrated.document;
  const oversized = checkSizes(document);
  if (oversized.length > 0) return { ok: false, issues: oversized };

  const result = programDocumentSchema.safeParse(document);
  if (result.success) {
    const named = { ...result.data, nodes: nameNodes(result.data.nodes) };
    return { ok: true, document: named, migratedFrom: migrated.fromVersion };
  }
  const issues = result.error.issues
    .slice(0, PROGRAM_LIMITS.maxReportedIssues)
    .map((issue) => toDocumentIssue(issue, document));
  return { ok: false, issues };
}

function checkSizes(document: Record<string, unknown>): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const { nodes, edges } = document;
  if (Array.isArray(nodes) && nodes.length > PROGRAM_LIMITS.maxNodes) {
    issues.push({
      path: "nodes",
      message: `A program can have at most ${formatCount(PROGRAM_LIMITS.maxNodes)} nodes; this one has ${formatCount(nodes.length)}`,
    });
  }
  if (Array.isArray(edges) && edges.length > PROGRAM_LIMITS.maxEdges) {
    issues.push({
      path: "edges",
      message: `A program can have at most ${formatCount(PROGRAM_LIMITS.maxEdges)} connections; this one has ${formatCount(edges.length)}`,
    });
  }
  return issues;
}

function toDocumentIssue(
  issue: z.core.$ZodIssue,
  document: Record<string, unknown>,
): DocumentIssue {
  const path = formatPath(issue.path);
  const message =
    issue.code === "unrecognized_keys"
      ? `Unknown ${issue.keys.length === 1 ? "property" : "properties"} ${issue.keys
          .map((key) => `'${key}'`)
          .join(", ")}; remove ${issue.keys.length === 1 ? "it" : "them"}`
      : issue.message;
  const [collection, index] = issue.path;
  const item =
    typeof index === "number" && (collection === "nodes" || collection === "edges")
      ? itemId(document[collection], index)
      : undefined;
  if (item === undefined) return { path, message };
  return collection === "nodes" ? { path, message, nodeId: item } : { path, message, edgeId: item };
}

function itemId(list: unknown, index: number): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[index];
  return isRecord(item) && typeof item.id === "string" && item.id.length <= 64
    ? item.id
    : undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
