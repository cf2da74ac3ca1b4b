import type { ProgramIssue } from "@waymark/domain";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { EditorState, EditorStore } from "./editor-store";
import { createKeyedStore, type KeyedStore, useKeyedValue } from "./keyed-store";

/** A data field as the editor needs it (from GET /api/data-fields). */
export interface EditorField {
  id: string;
  name: string;
  type: "text" | "number" | "date" | "boolean";
  defaultValue: string | number | boolean | null;
  system: boolean;
}

/** A Messenger profile as the editor needs it (from GET /api/messenger/profiles). */
export interface EditorProfile {
  id: string;
  name: string;
  pageName: string;
  status: "enabled" | "disabled";
  policyVersion: "2018" | "2020";
  connection?: "ok" | "lost";
  lastError?: string | null;
}

/** What every part of the editor shares: the store and the account's fields, profiles, lists. */
export interface EditorContextValue {
  store: EditorStore;
  readOnly: boolean;
  fields: readonly EditorField[];
  profiles: readonly EditorProfile[];
  lists: readonly { id: string; name: string }[];
}

const EditorContext = createContext<EditorContextValue | null>(null);
const IssuesContext = createContext<KeyedStore<readonly ProgramIssue[]>>(
  createIssuesStore(new Map()),
);

export const EditorProvider = EditorContext.Provider;
export const IssuesProvider = IssuesContext.Provider;

/** The editor's shared context; only used inside the program editor. */
export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor is used outside the program editor");
  return value;
}

/** The problems per node id; a node re-renders only when its own problems change. */
export function createIssuesStore(initial: ReadonlyMap<string, readonly ProgramIssue[]>) {
  return createKeyedStore(initial, sameIssues);
}

function sameIssues(a: readonly ProgramIssue[], b: readonly ProgramIssue[]): boolean {
  return (
    a.length === b.length &&
    a.every((issue, i) => {
      const other = b[i]!;
      return (
        issue.code === other.code &&
        issue.message === other.message &&
        issue.edgeId === other.edgeId &&
        issue.path === other.path
      );
    })
  );
}

/** The problems validation found on one node. */
export function useNodeIssues(nodeId: string): readonly ProgramIssue[] {
  return useKeyedValue(useContext(IssuesContext), nodeId) ?? NONE;
}
const NONE: readonly ProgramIssue[] = [];

const FreeOutputsContext = createContext<KeyedStore<string>>(createFreeOutputsStore(new Map()));
export const FreeOutputsProvider = FreeOutputsContext.Provider;

/** Per node, its outputs that lead nowhere yet ("out", or "yes"/"no" joined by commas). */
export function createFreeOutputsStore(initial: ReadonlyMap<string, string>) {
  return createKeyedStore(initial, (a: string, b: string) => a === b);
}

/** The node's free outputs, for its "+" buttons; re-renders only when they change. */
export function useFreeOutputs(nodeId: string): readonly string[] {
  const value = useKeyedValue(useContext(FreeOutputsContext), nodeId);
  return value ? value.split(",") : NO_OUTPUTS;
}
const NO_OUTPUTS: readonly string[] = [];

/** A slice of the editor state; the selector must return values held in the state. */
export function useEditorState<T>(store: EditorStore, select: (state: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
