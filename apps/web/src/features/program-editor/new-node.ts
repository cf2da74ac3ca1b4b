import type { NodeType, ProgramNode } from "@waymark/domain";
import { DEFAULT_TAG_ID, defaultNodeName } from "@waymark/domain";
import type { FlowNode } from "./flow-types";
import { toFlowNode } from "./to-flow";

/** A short random id suffix; ids must match the document's `[A-Za-z0-9_.:-]` pattern. */
export function randomSuffix(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

/** A node id not in `taken`, readable in documents: "messenger-k3x9q2". */
export function newNodeId(type: NodeType, taken: ReadonlySet<string>, suffix = randomSuffix) {
  const prefix = type.replace("_", "-");
  let id = `${prefix}-${suffix()}`;
  while (taken.has(id)) id = `${prefix}-${suffix()}`;
  return id;
}

/** The program node a palette item adds: defaults a marketer would start from. */
export function defaultProgramNode(
  type: NodeType,
  id: string,
  position: { x: number; y: number },
): ProgramNode {
  switch (type) {
    case "start":
      return { id, type, position, data: { listId: null, allowApi: false } };
    case "messenger":
      return { id, type, position, data: { profileId: null, tagId: DEFAULT_TAG_ID, text: "" } };
    case "wait":
      return { id, type, position, data: { amount: 1, unit: "days" } };
    case "decision":
      return {
        id,
        type,
        position,
        data: { rule: { kind: "field", field: "", operator: "equals", value: "" } },
      };
    case "update_contact":
      return { id, type, position, data: { field: "", value: "" } };
    case "end":
      return { id, type, position, data: { outcome: "Completed" } };
  }
}

/** The names the nodes go by (blank ones left out). */
export function namesOf(nodes: readonly { data: { name?: string | undefined } }[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    const name = node.data.name?.trim();
    if (name) names.add(name);
  }
  return names;
}

/** A new, selected canvas node of `type` at `position`, named "Wait 2" after "Wait 1". */
export function createFlowNode(
  type: NodeType,
  position: { x: number; y: number },
  existing: readonly FlowNode[],
): FlowNode {
  const node = defaultProgramNode(type, newNodeId(type, new Set(existing.map((n) => n.id))), {
    x: Math.round(position.x),
    y: Math.round(position.y),
  });
  const named = { ...node, data: { ...node.data, name: defaultNodeName(type, namesOf(existing)) } };
  return { ...toFlowNode(named as ProgramNode), selected: true };
}
