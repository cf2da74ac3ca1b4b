import { useCallback, useState } from "react";

/** Which parts around the canvas are shown; kept in this browser. */
export interface EditorLayout {
  readonly palette: boolean;
  readonly panel: boolean;
  readonly minimap: boolean;
}

const KEY = "waymark:editor-layout";
/** Below this width the palette and the minimap start hidden, so the canvas keeps most room. */
export const ROOMY_WIDTH = 1280;

/** The layout last chosen in this browser, or what suits the window's width. */
export function readLayout(width: number, storage: Storage | undefined): EditorLayout {
  const roomy = width >= ROOMY_WIDTH;
  const fallback = { palette: roomy, panel: true, minimap: roomy };
  try {
    const saved: unknown = JSON.parse(storage?.getItem(KEY) ?? "null");
    if (typeof saved !== "object" || saved === null) return fallback;
    const pick = (k: keyof EditorLayout) => {
      const v = (saved as Record<string, unknown>)[k];
      return typeof v === "boolean" ? v : fallback[k];
    };
    return { palette: pick("palette"), panel: pick("panel"), minimap: pick("minimap") };
  } catch {
    return fallback;
  }
}

/** The editor's layout and a setter that remembers the choice. */
export function useEditorLayout() {
  const [layout, setLayout] = useState(() => readLayout(window.innerWidth, safeStorage()));
  const change = useCallback((patch: Partial<EditorLayout>) => {
    setLayout((current) => {
      const next = { ...current, ...patch };
      safeStorage()?.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return [layout, change] as const;
}

// Storage may be refused (privacy settings); the layout then lasts for the page only.
function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
