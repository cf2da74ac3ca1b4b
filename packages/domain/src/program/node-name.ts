import { storableText } from "../text/storable-text";
import { NODE_TYPE_LABELS, type NodeType } from "./node-types";
import { PROGRAM_LIMITS } from "./program-limits";

/**
 * A node's name, what the marketer reads on the canvas, pickers, drill-downs and statistics
 * ("Wait 1"). Optional in documents from clients: parsing fills a missing one in.
 */
export const nodeNameSchema = storableText()
  .max(
    PROGRAM_LIMITS.maxNodeNameLength,
    `A node name can be at most ${PROGRAM_LIMITS.maxNodeNameLength} characters`,
  )
  .optional();

interface NamedNode {
  readonly type: NodeType;
  readonly data: { readonly name?: string | undefined };
}

/** The name a node is shown by: its own, else its type's label. */
export function nodeName(node: NamedNode): string {
  const name = node.data.name?.trim();
  return name ? name : NODE_TYPE_LABELS[node.type];
}

/** The first of "Wait 1", "Wait 2"… that no node in `taken` is called. */
export function defaultNodeName(type: NodeType, taken: ReadonlySet<string>): string {
  const label = NODE_TYPE_LABELS[type];
  let n = 1;
  while (taken.has(`${label} ${n}`)) n++;
  return `${label} ${n}`;
}

/**
 * The nodes with every blank name filled in ("Messenger 1", "Messenger 2"… in document
 * order, skipping names in use), so stored documents name every node. Named nodes are kept.
 */
export function nameNodes<T extends NamedNode>(nodes: readonly T[]): T[] {
  const taken = new Set<string>();
  for (const node of nodes) {
    const name = node.data.name?.trim();
    if (name) taken.add(name);
  }
  return nodes.map((node) => {
    if (node.data.name?.trim()) return node;
    const name = defaultNodeName(node.type, taken);
    taken.add(name);
    return { ...node, data: { ...node.data, name } };
  });
}
