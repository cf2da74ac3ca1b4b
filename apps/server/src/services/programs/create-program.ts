import { programs } from "@waymark/db";
import { CURRENT_PROGRAM_SCHEMA_VERSION, type ProgramDocument } from "@waymark/domain";
import type { Actor, ServiceDeps } from "../context";
import { authorOf } from "./load-program";
import { requireProgramName } from "./program-name";
import { presentProgram } from "./program-view";
import { programWriteColumns } from "./program-write";
import { requireProgramDocument } from "./require-program-document";

/** What a new program starts with: a Start node, ready for the first connection. */
export function defaultProgramDocument(): ProgramDocument {
  return {
    schemaVersion: CURRENT_PROGRAM_SCHEMA_VERSION,
    nodes: [
      {
        id: "start",
        type: "start",
        position: { x: 0, y: 0 },
        data: { listId: null, allowApi: false },
      },
    ],
    edges: [],
  };
}

/** Creates a draft program from a name and, optionally, a document (else a lone Start node). */
export async function createProgram(
  deps: ServiceDeps,
  actor: Actor,
  input: { name: string; document?: unknown },
) {
  const name = requireProgramName(input.name);
  const document =
    input.document === undefined
      ? defaultProgramDocument()
      : requireProgramDocument(input.document);
  const now = deps.now();
  const [row] = await deps.db
    .insert(programs)
    .values({
      accountId: actor.accountId,
      name,
      status: "draft",
      version: 1,
      ...programWriteColumns(document, actor.accountId),
      createdAt: now,
      updatedAt: now,
      updatedByUserId: actor.userId,
    })
    .returning();
  return presentProgram(row!, await authorOf(deps.db, actor.userId));
}
