import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "./static-files";

let dir: string;
let app: ReturnType<typeof staticFiles>;
const script = "console.log('hello');".repeat(100);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "waymark-static-"));
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>Waymark</title>");
  await writeFile(join(dir, "assets", "index-abc123.js"), script);
  await writeFile(join(dir, "assets", "index-abc123.js.br"), brotliCompressSync(script));
  app = staticFiles(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("static files", () => {
  it("lets browsers keep hashed assets for a year and sends the Brotli copy when accepted", async () => {
    const res = await app.request("/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(brotliCompressSync(script));
  });

  it("sends the plain file to a browser that accepts no compression", async () => {
    const res = await app.request("/assets/index-abc123.js");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(await res.text()).toBe(script);
  });

  it("makes browsers check index.html on every load, also for client routes", async () => {
    for (const path of ["/", "/programs/123"]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(await res.text()).toContain("<title>Waymark</title>");
    }
  });

  it("sends index.html with a Content-Security-Policy that runs only our own scripts", async () => {
    for (const path of ["/", "/programs/123"]) {
      const csp = (await app.request(path)).headers.get("content-security-policy") ?? "";
      const scripts = csp.split(";").find((d) => d.trim().startsWith("script-src"));
      expect(scripts?.trim()).toBe("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
    }
  });

  it("leaves API paths to the API", async () => {
    expect((await app.request("/api/nothing-here")).status).toBe(404);
  });
});
