import { type Queryable, rowsOf } from "@waymark/db";
import { NODE_TYPES, type NodeType, nameNodes } from "@waymark/domain";
import { pgArray } from "@waymark/engine";
import { sql } from "drizzle-orm";

/** Finds a node's name: (program, node id) → the name a marketer reads, or null if never known. */
export type NodeNameOf = (programId: string | null, nodeId: string) => string | null;

const isNodeType = (type: string): type is NodeType =>
  (NODE_TYPES as readonly string[]).includes(type);

/**
 * The names of the nodes of these programs: as the current document names them, else as the
 * newest activated version that had the node (a node deleted since keeps the name contacts
 * passed it under), so histories and statistics never show an id. Names are read in SQL and
 * the blank ones filled in as parsing does, without parsing whole documents.
 */
export async function loadNodeNames(
  db: Queryable,
  accountId: string,
  programIds: readonly string[],
): Promise<NodeNameOf> {
  const ids = [...new Set(programIds)];
  if (ids.length === 0) return () => null;
  const rows = rowsOf<{
    program_id: string;
    rank: number;
    id: string;
    type: string;
    name: string | null;
  }>(
    await db.execute(sql`
      select d.program_id, d.rank, n.node->>'id' as id, n.node->>'type' as type, n.node->'data'->>'name' as name
      from (
        select id as program_id, 2147483647 as rank, document from programs
        where account_id = ${accountId}::uuid and id = any(${pgArray(ids)}::uuid[])
        union all
        select program_id, version, document from program_versions
        where account_id = ${accountId}::uuid and program_id = any(${pgArray(ids)}::uuid[])
      ) d
      cross join lateral jsonb_array_elements(case when jsonb_typeof(d.document->'nodes') = 'array' then d.document->'nodes' else '[]'::jsonb end)
        with ordinality as n(node, ord)
      order by d.program_id, d.rank desc, n.ord`),
  );
  const documents = new Map<string, { id: string; type: NodeType; data: { name?: string } }[]>();
  for (const r of rows) {
    if (!isNodeType(r.type) || typeof r.id !== "string") continue;
    const key = `${r.program_id}:${r.rank}`;
    const nodes = documents.get(key) ?? [];
    nodes.push({ id: r.id, type: r.type, data: r.name === null ? {} : { name: r.name } });
    documents.set(key, nodes);
  }
  // Documents arrive newest first per program: the first name met for a node wins.
  const names = new Map<string, string>();
  for (const [key, nodes] of documents) {
    const programId = key.slice(0, key.lastIndexOf(":"));
    for (const node of nameNodes(nodes)) {
      const at = `${programId}:${node.id}`;
      if (!names.has(at)) names.set(at, node.data.name ?? node.type);
    }
  }
  return (programId, nodeId) =>
    programId === null ? null : (names.get(`${programId}:${nodeId}`) ?? null);
}
