import { describe, expect, it } from "vitest";
import { SendPacer } from "./send-pacer";

/** A pacer on a fake clock whose timers fire `lateMs` late, like a busy event loop's. */
function fakeClockPacer(rate: number, lateMs: number) {
  const clock = { now: 0 };
  const pacer = new SendPacer(
    rate,
    () => clock.now,
    async (ms) => {
      clock.now += ms + lateMs;
    },
  );
  return { pacer, clock };
}

/** The grant times of `sends` single sends, one after the other. */
async function pacedRun(
  rate: number,
  sends: number,
  lateMs: number,
  stallAt?: { send: number; ms: number },
) {
  const { pacer, clock } = fakeClockPacer(rate, lateMs);
  const grants: number[] = [];
  for (let i = 0; i < sends; i++) {
    if (stallAt?.send === i) clock.now += stallAt.ms;
    await pacer.take();
    grants.push(clock.now);
  }
  return grants;
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
    const { pacer, clock } = fakeClockPacer(50, 0.7);
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 10; i++) {
          await pacer.take();
          grants.push(clock.now);
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

describe("SendPacer, several sends at once (a Graph batch)", () => {
  /** Grants of `chunks` takes of `sends` each, one grant time per send, timers `lateMs` late. */
  async function chunkedRun(rate: number, sends: number, chunks: number, lateMs: number) {
    const { pacer, clock } = fakeClockPacer(rate, lateMs);
    const grants: number[] = [];
    for (let i = 0; i < chunks; i++) {
      await pacer.take(sends);
      for (let j = 0; j < sends; j++) grants.push(clock.now);
    }
    return grants;
  }

  it("takes one slot per send: the rate holds and no second holds more than it", async () => {
    for (const lateMs of [0, 1.5]) {
      const grants = await chunkedRun(300, 50, 60, lateMs);
      expect(busiestSecond(grants)).toBeLessThanOrEqual(300);
      // 60 chunks go at 59 chunk intervals of 50 slots each.
      const seconds = ((grants.at(-1) ?? 0) - (grants[0] ?? 0)) / 1000;
      expect((59 * 50) / seconds).toBeGreaterThan(0.95 * 300);
      expect((59 * 50) / seconds).toBeLessThanOrEqual(300 + 1e-6);
    }
  });

  it("sends a first batch at once, without waiting for its last slot", async () => {
    const grants = await chunkedRun(300, 50, 2, 0);
    expect(grants[0]).toBe(0);
    expect(grants[50]).toBeCloseTo((50 * 1000) / 300, 6);
  });

  it("holds the cap for single sends and batches taken concurrently", async () => {
    const { pacer, clock } = fakeClockPacer(100, 0.3);
    const grants: number[] = [];
    const caller = (sends: number, takes: number) => async () => {
      for (let i = 0; i < takes; i++) {
        await pacer.take(sends);
        for (let j = 0; j < sends; j++) grants.push(clock.now);
      }
    };
    await Promise.all([
      ...Array.from({ length: 4 }, caller(37, 10)),
      ...Array.from({ length: 4 }, caller(1, 50)),
    ]);
    expect(grants).toHaveLength(4 * 370 + 200);
    expect(busiestSecond(grants.sort((a, b) => a - b))).toBeLessThanOrEqual(100);
  });

  it("covers at most a second's worth of sends in one grant", () => {
    const pacer = new SendPacer(10);
    expect(pacer.maxSends).toBe(10);
    expect(() => pacer.take(11)).toThrow(RangeError);
    expect(() => pacer.take(0)).toThrow(RangeError);
    expect(() => pacer.take(1.5)).toThrow(RangeError);
    expect(new SendPacer(0.5).maxSends).toBe(1);
  });
});
