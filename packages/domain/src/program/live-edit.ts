import { waitDurationMs } from "../engine/wait-duration";
import { nodeName } from "./node-name";
import type { ProgramDocument } from "./program-document";
import type { ProgramNode } from "./program-node";

/** Contacts in a program at one node now; `waiting` of them have run it and wait to move on. */
export interface HeldContacts {
  readonly contacts: number;
  readonly waiting: number;
}

/**
 * What the marketer chose for contacts an edit would otherwise strand: per removed node, the
 * node they move to (null: they leave the program); per Wait whose duration changed, whether
 * the new one applies to those waiting ("all", recomputed from their arrival) or to new ones.
 */
export interface LiveEditChoices {
  readonly moves?: Readonly<Record<string, string | null>>;
  readonly waits?: Readonly<Record<string, "all" | "new">>;
}

/** A removed node that holds contacts, and the node after it, if it is still in the program. */
export interface RemovedNodeQuestion {
  readonly nodeId: string;
  readonly name: string;
  readonly contacts: number;
  readonly next: { readonly nodeId: string; readonly name: string } | null;
}

/** A Wait with contacts waiting whose duration changed. */
export interface WaitQuestion {
  readonly nodeId: string;
  readonly name: string;
  readonly waiting: number;
  readonly from: string;
  readonly to: string;
}

/** What saving an edit of a program with contacts in it does, or what must be asked first. */
export type LiveEditPlan =
  | {
      readonly ok: true;
      readonly moves: readonly { nodeId: string; to: string | null; contacts: number }[];
      readonly recompute: readonly { nodeId: string; durationMs: number }[];
    }
  | {
      readonly ok: false;
      readonly removed: readonly RemovedNodeQuestion[];
      readonly waits: readonly WaitQuestion[];
      readonly invalid: readonly string[];
    };

const duration = (node: Extract<ProgramNode, { type: "wait" }>) =>
  `${node.data.amount} ${node.data.amount === 1 ? node.data.unit.replace(/s$/, "") : node.data.unit}`;

/**
 * Checks an edit of a program against where its contacts are (SPEC §5, issue 19.2): a node
 * holding contacts may go only with a choice of where they go, and a Wait's new duration
 * only with a choice of whom it applies to. Pure: the caller reads `held` and applies the plan.
 */
export function planLiveEdit(
  before: ProgramDocument,
  after: ProgramDocument,
  held: ReadonlyMap<string, HeldContacts>,
  choices: LiveEditChoices = {},
): LiveEditPlan {
  const kept = new Map(after.nodes.map((n) => [n.id, n]));
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const removed: RemovedNodeQuestion[] = [];
  const waits: WaitQuestion[] = [];
  const invalid: string[] = [];
  const moves: { nodeId: string; to: string | null; contacts: number }[] = [];
  const recompute: { nodeId: string; durationMs: number }[] = [];

  for (const [nodeId, at] of held) {
    if (at.contacts === 0) continue;
    const node = kept.get(nodeId);
    const was = old.get(nodeId);
    const name = was ? nodeName(was) : nodeId;
    if (!node) {
      const choice = choices.moves?.[nodeId];
      if (choice === undefined) {
        const nextId = before.edges.find((e) => e.source === nodeId)?.target;
        const next = nextId === undefined ? undefined : kept.get(nextId);
        removed.push({
          nodeId,
          name,
          contacts: at.contacts,
          next: next ? { nodeId: next.id, name: nodeName(next) } : null,
        });
      } else if (choice !== null && (!kept.has(choice) || kept.get(choice)?.type === "start")) {
        invalid.push(`The contacts of ${name} cannot move to a node that is not in the program`);
      } else {
        moves.push({ nodeId, to: choice, contacts: at.contacts });
      }
      continue;
    }
    if (at.waiting === 0 || node.type !== "wait" || was?.type !== "wait") continue;
    if (node.data.amount === was.data.amount && node.data.unit === was.data.unit) continue;
    const choice = choices.waits?.[nodeId];
    if (choice === undefined) {
      waits.push({
        nodeId,
        name: nodeName(node),
        waiting: at.waiting,
        from: duration(was),
        to: duration(node),
      });
    } else if (choice === "all") {
      recompute.push({ nodeId, durationMs: waitDurationMs(node.data.amount, node.data.unit) });
    }
  }
  if (removed.length > 0 || waits.length > 0 || invalid.length > 0) {
    return { ok: false, removed, waits, invalid };
  }
  return { ok: true, moves, recompute };
}

/** Where contacts waiting at each Wait of this document go next (its one connection). */
export function waitTargets(document: ProgramDocument): Map<string, string> {
  const waits = new Set(document.nodes.filter((n) => n.type === "wait").map((n) => n.id));
  const targets = new Map<string, string>();
  for (const edge of document.edges) {
    if (waits.has(edge.source)) targets.set(edge.source, edge.target);
  }
  return targets;
}
