import type { Actor, ServiceDeps } from "../context";
import { createProgram } from "./create-program";
import { loadProgram } from "./load-program";
import { copyName } from "./program-name";
import { readDocument } from "./program-view";

/** Copies a program (in any state) to a new draft called "Copy of <name>". */
export async function duplicateProgram(deps: ServiceDeps, actor: Actor, id: string) {
  const { row } = await loadProgram(deps.db, actor, id);
  return createProgram(deps, actor, { name: copyName(row.name), document: readDocument(row) });
}
