import { useSyncExternalStore } from "react";

/**
 * Values per node id (problems, activity counts) that canvas nodes read one by one. Replacing
 * the whole map notifies every node, but an entry equal to the one before keeps its identity,
 * so only the nodes whose value changed re-render — a context would re-render all of them.
 */
export interface KeyedStore<T> {
  get(key: string): T | undefined;
  subscribe(listener: () => void): () => void;
  /** Replaces the values; entries `same` as before are kept as they were. */
  set(next: ReadonlyMap<string, T>): void;
}

export function createKeyedStore<T>(
  initial: ReadonlyMap<string, T>,
  same: (a: T, b: T) => boolean,
): KeyedStore<T> {
  let current = initial;
  let source = initial;
  const listeners = new Set<() => void>();
  return {
    get: (key) => current.get(key),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === source) return;
      source = next;
      const shared = new Map<string, T>();
      for (const [key, value] of next) {
        const before = current.get(key);
        shared.set(key, before !== undefined && same(before, value) ? before : value);
      }
      current = shared;
      for (const listener of listeners) listener();
    },
  };
}

/** One entry of a keyed store; re-renders when that entry changes. */
export function useKeyedValue<T>(store: KeyedStore<T>, key: string): T | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get(key));
}
