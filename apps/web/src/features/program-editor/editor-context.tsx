import type { ProgramIssue } from "@waymark/domain";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { EditorState, EditorStore } from "./editor-store";

/** A data field as the editor needs it (from GET /api/data-fields). */
export interface EditorField {
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
const IssuesContext = createContext<ReadonlyMap<string, readonly ProgramIssue[]>>(new Map());

export const EditorProvider = EditorContext.Provider;
export const IssuesProvider = IssuesContext.Provider;

/** The editor's shared context; only used inside the program editor. */
export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor is used outside the program editor");
  return value;
}

/** The problems validation found on one node. */
export function useNodeIssues(nodeId: string): readonly ProgramIssue[] {
  return useContext(IssuesContext).get(nodeId) ?? NONE;
}
const NONE: readonly ProgramIssue[] = [];

/** A slice of the editor state; the selector must return values held in the state. */
export function useEditorState<T>(store: EditorStore, select: (state: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
