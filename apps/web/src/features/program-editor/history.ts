/** Undo/redo stacks around a present value, with typing-style coalescing. */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The key and time of the last recorded edit, to merge a burst of keystrokes into one step. */
  readonly lastKey: string | null;
  readonly lastAt: number;
}

/** How many steps back undo can go. */
export const HISTORY_LIMIT = 100;
/** Edits with the same key this close together are one undo step. */
export const COALESCE_MS = 1000;

/** A history with nothing to undo. */
export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

/**
 * Records an edit: the old present becomes undoable and redo is cleared. An edit with the
 * same `key` as the previous one, within COALESCE_MS, joins its step instead.
 */
export function record<T>(
  history: History<T>,
  present: T,
  options: { key?: string; now?: number; before?: T } = {},
): History<T> {
  const now = options.now ?? 0;
  const joins =
    options.key !== undefined &&
    options.key === history.lastKey &&
    now - history.lastAt < COALESCE_MS;
  const before = options.before ?? history.present;
  const past = joins ? history.past : [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, present, future: [], lastKey: options.key ?? null, lastAt: now };
}

/** Replaces the present without making an undo step (selection, sizes, a drag in progress). */
export function replacePresent<T>(history: History<T>, present: T): History<T> {
  return { ...history, present };
}

/** Steps back one edit; nothing happens when there is none. */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
    lastAt: 0,
  };
}

/** Steps forward one undone edit; nothing happens when there is none. */
export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: rest,
    lastKey: null,
    lastAt: 0,
  };
}
