import type { Actor, ServiceDeps } from "../context";
import { loadProgram } from "./load-program";
import { presentProgram } from "./program-view";

/** One program of the account with its document. */
export async function getProgram(deps: ServiceDeps, actor: Actor, id: string) {
  const { row, author } = await loadProgram(deps.db, actor, id);
  return presentProgram(row, author);
}
