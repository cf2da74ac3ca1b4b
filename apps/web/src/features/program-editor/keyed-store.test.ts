import { describe, expect, it } from "vitest";
import { createKeyedStore } from "./keyed-store";

type Counts = { now: number };
const same = (a: Counts, b: Counts) => a.now === b.now;

describe("keyed store", () => {
  it("keeps an entry equal to the one before, so only changed keys look new", () => {
    const a = { now: 1 };
    const store = createKeyedStore<Counts>(new Map([["a", a]]), same);
    let notified = 0;
    store.subscribe(() => notified++);
    store.set(
      new Map([
        ["a", { now: 1 }],
        ["b", { now: 2 }],
      ]),
    );
    expect(store.get("a")).toBe(a);
    expect(store.get("b")).toEqual({ now: 2 });
    expect(notified).toBe(1);
    store.set(new Map([["b", { now: 3 }]]));
    expect(store.get("a")).toBeUndefined();
    expect(store.get("b")).toEqual({ now: 3 });
  });

  it("ignores the same map given again and stops notifying after unsubscribe", () => {
    const values = new Map([["a", { now: 1 }]]);
    const store = createKeyedStore<Counts>(new Map(), same);
    let notified = 0;
    const unsubscribe = store.subscribe(() => notified++);
    store.set(values);
    store.set(values);
    expect(notified).toBe(1);
    unsubscribe();
    store.set(new Map());
    expect(notified).toBe(1);
  });
});
