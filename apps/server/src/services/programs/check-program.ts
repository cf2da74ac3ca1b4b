import { lintProgram, type ProgramIssue, validateProgram } from "@waymark/domain";
import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";
import { loadValidationContext } from "./load-validation-context";
import { programPersonalisationCoverage } from "./personalisation-coverage";
import { readDocument } from "./program-view";

/**
 * Lists what blocks activation (SPEC §5) for the stored program, or for `document` when the
 * client sends its unsaved canvas, checked against the account's fields, profiles and lists;
 * plus the warnings that do not block it, with the personalisation coverage of its contacts.
 */
export async function checkProgram(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  document?: unknown,
) {
  const { row } = await loadProgram(deps.db, actor, id);
  const context = await loadValidationContext(deps.db, actor.accountId);
  const checked = document === undefined ? readDocument(row) : document;
  const issues: ProgramIssue[] = validateProgram(checked, context);
  const coverage = await programPersonalisationCoverage(
    deps.db,
    actor.accountId,
    checked,
    context.fields,
  );
  const warnings = lintProgram(checked, context, coverage);
  return { valid: issues.length === 0, issues, warnings, coverage: coverage ?? null };
}
