import { describe, expect, it } from "vitest";
import { SendPacer } from "./send-pacer";

/** A pacer on a fake clock whose timers fire `lateMs` late, like a busy event loop's. */
function pacedRun(
  rate: number,
  sends: number,
  lateMs: number,
  stallAt?: { send: number; ms: number },
) {
  let now = 0;
  const pacer = new SendPacer(
    rate,
    () => now,
    async (ms) => {
      now += ms + lateMs;
    },
  );
  return (async () => {
    const grants: number[] = [];
    for (let i = 0; i < sends; i++) {
      if (stallAt?.send === i) now += stallAt.ms;
      await pacer.take();
      grants.push(now);
    }
    return grants;
  })();
}

/** The most grants in any one-second window [t, t + 1000), up to float rounding. */
function busiestSecond(grants: number[]): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < grants.length; end++) {
    while ((grants[end] ?? 0) - (grants[start] ?? 0) >= 1000 - 1e-6) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe("SendPacer", () => {
  it("spaces sends evenly at the rate", async () => {
    const grants = await pacedRun(300, 900, 0);
    const gaps = grants.slice(1).map((t, i) => t - (grants[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThan(3.3);
    expect(Math.max(...gaps)).toBeLessThan(3.4);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(300);
  });

  it("makes up for late timers: the achieved rate stays the configured one, never above it", async () => {
    const grants = await pacedRun(300, 1500, 1.5);
    const seconds = ((grants.at(-1) ?? 0) - (grants[0] ?? 0)) / 1000;
    expect(1499 / seconds).toBeGreaterThan(0.95 * 300);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(300);
  });

  it("makes up for a short pause within the cap", async () => {
    const grants = await pacedRun(300, 1500, 0, { send: 600, ms: 200 });
    expect(busiestSecond(grants)).toBeLessThanOrEqual(300);
    const seconds = ((grants.at(-1) ?? 0) - (grants[0] ?? 0)) / 1000;
    expect(1499 / seconds).toBeGreaterThan(0.99 * 300);
  });

  it("starts afresh after a long stall instead of bursting, never above the rate", async () => {
    const grants = await pacedRun(300, 1500, 0, { send: 600, ms: 2_000 });
    expect(busiestSecond(grants)).toBeLessThanOrEqual(300);
    const resumed = grants[600] ?? 0;
    expect(grants.filter((t) => t >= resumed && t < resumed + 10)).toHaveLength(3);
  });

  it("holds the cap for concurrent callers", async () => {
    let now = 0;
    const pacer = new SendPacer(
      50,
      () => now,
      async (ms) => {
        now += ms + 0.7;
      },
    );
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 10; i++) {
          await pacer.take();
          grants.push(now);
        }
      }),
    );
    expect(grants).toHaveLength(200);
    expect(busiestSecond(grants.sort((a, b) => a - b))).toBeLessThanOrEqual(50);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new SendPacer(0)).toThrow(RangeError);
  });
});
