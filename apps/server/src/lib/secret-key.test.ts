import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSecretKey } from "./secret-key";

describe("resolveSecretKey", () => {
  it("prefers SECRET_KEY", async () => {
    expect(await resolveSecretKey("x".repeat(40), "/nonexistent")).toBe("x".repeat(40));
  });

  it("generates a private key into DATA_DIR once and reuses it", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "wm-secret-")), "data");
    const first = await resolveSecretKey(undefined, dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await resolveSecretKey(undefined, dir)).toBe(first);
    expect((await readFile(join(dir, "secret.key"), "utf8")).trim()).toBe(first);
    expect((await stat(join(dir, "secret.key"))).mode & 0o777).toBe(0o600);
  });
});
