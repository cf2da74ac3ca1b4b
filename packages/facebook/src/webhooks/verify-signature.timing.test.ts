import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

const spy = vi.hoisted(() => ({ calls: [] as [Uint8Array, Uint8Array][] }));

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      spy.calls.push([
        new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
        new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      ]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { verifySignature } = await import("./verify-signature");

describe("verifySignature comparison", () => {
  afterEach(() => {
    spy.calls.length = 0;
  });

  it("compares digests with timingSafeEqual on equal-length buffers", () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    const wrong = createHmac("sha256", "other").update(body).digest("hex");
    expect(verifySignature(body, `sha256=${wrong}`, "app-secret")).toBe(false);
    expect(spy.calls).toHaveLength(1);
    const [a, b] = spy.calls[0] ?? [];
    expect(a?.length).toBe(32);
    expect(b?.length).toBe(32);
  });

  it("never calls it with a malformed header", () => {
    verifySignature(Buffer.from("{}"), "sha256=abc", "app-secret");
    expect(spy.calls).toHaveLength(0);
  });
});
