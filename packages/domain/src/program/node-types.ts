/** The node types of the program canvas. */
export const NODE_TYPES = [
  "start",
  "messenger",
  "wait",
  "decision",
  "update_contact",
  "end",
] as const;

/** A node type. */
export type NodeType = (typeof NODE_TYPES)[number];

/** The label shown for each node type (palette, messages). */
export const NODE_TYPE_LABELS: Readonly<Record<NodeType, string>> = {
  start: "Start",
  messenger: "Messenger",
  wait: "Wait",
  decision: "Decision",
  update_contact: "Update contact",
  end: "End",
};
