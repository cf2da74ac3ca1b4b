import { type ProgramIssue, validateProgram } from "@waymark/domain";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";
import { loadValidationContext } from "./load-validation-context";
import { readDocument } from "./program-view";

/**
 * Lists what blocks activation (SPEC §5) for the stored program, or for `document` when the
 * client sends its unsaved canvas, checked against the account's fields, profiles and lists.
 */
export async function checkProgram(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  document?: unknown,
): Promise<{ valid: boolean; issues: ProgramIssue[] }> {
  const { row } = await loadProgram(deps.db, actor, id);
  const context = await loadValidationContext(deps.db, actor.accountId);
  const issues = validateProgram(document === undefined ? readDocument(row) : document, context);
  return { valid: issues.length === 0, issues };
}
