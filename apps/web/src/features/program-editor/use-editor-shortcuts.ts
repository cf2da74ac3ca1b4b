import { useEffect } from "react";
import { readClipboard, writeClipboard } from "./clipboard";
import type { EditorStore } from "./editor-store";

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest("dialog")) return true;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The editor's keyboard: Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo, Ctrl+C / Ctrl+V copy
 * and paste (through localStorage, so between programs too), Ctrl+D duplicates, Delete or
 * Backspace deletes, Ctrl+A selects all, Ctrl+S saves. Fields keep their own keys.
 */
export function useEditorShortcuts(
  store: EditorStore,
  options: { readOnly: boolean; onSave(): void; onNotice(message: string): void },
) {
  const { readOnly, onSave, onNotice } = options;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const handled = () => e.preventDefault();
      const inDialog = e.target instanceof HTMLElement && e.target.closest("dialog") !== null;
      if (mod && key === "s" && !readOnly && !inDialog) {
        onSave();
        return handled();
      }
      if (typingInField(e.target)) return;
      if (mod && key === "c") {
        const content = store.copySelection();
        if (!content) return;
        writeClipboard(content);
        onNotice(
          `Copied ${content.nodes.length === 1 ? "1 node" : `${content.nodes.length} nodes`}`,
        );
        return handled();
      }
      if (mod && key === "a") {
        store.selectAll();
        return handled();
      }
      if (readOnly) return;
      if (mod && (key === "y" || (key === "z" && e.shiftKey))) {
        store.redo();
        return handled();
      }
      if (mod && key === "z") {
        store.undo();
        return handled();
      }
      if (mod && key === "v") {
        const content = readClipboard();
        if (!content) return onNotice("Nothing to paste: copy nodes first");
        store.paste(content);
        return handled();
      }
      if (mod && key === "d") {
        store.duplicateSelection();
        return handled();
      }
      if (!mod && (e.key === "Delete" || e.key === "Backspace")) {
        store.deleteSelection();
        return handled();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [store, readOnly, onSave, onNotice]);
}
