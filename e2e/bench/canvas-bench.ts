/**
 * Canvas performance benchmark (by hand; production build): a 500-node, 600-edge program,
 * created through the API, measured in Chromium for mount time and frame times while a node is
 * dragged. Build first (`npx turbo run build --filter=@waymark/server --filter=@waymark/web`),
 * then run `npx tsx e2e/bench/canvas-bench.ts`. Prints the figures; targets: mount ≤ 1 s,
 * p95 frame ≤ 16.7 ms.
 */
import { chromium } from "@playwright/test";
import { startWaymark } from "../fixtures/waymark-server";

const NODES = 500;
const EDGES = 600;
const COLUMNS = 20;

/** A loop-free draft: a chain through every node, with Decisions branching one step further. */
function benchDocument() {
  const type = (i: number) =>
    i === 0
      ? "start"
      : i >= NODES - 3
        ? "end"
        : i % 5 === 0
          ? "decision"
          : i % 2
            ? "messenger"
            : "wait";
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    id: `n${i}`,
    type: type(i),
    position: { x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 140 },
    ...(type(i) === "messenger" && { data: { text: `Hello @FIRSTNAME@, message ${i}` } }),
  }));
  const edges: { id: string; source: string; sourceHandle: string | null; target: string }[] = [];
  for (let i = 0; i < NODES - 3; i++) {
    const decision = type(i) === "decision";
    edges.push({
      id: `c${i}`,
      source: `n${i}`,
      sourceHandle: decision ? "yes" : null,
      target: `n${i + 1}`,
    });
    if (decision)
      edges.push({ id: `d${i}`, source: `n${i}`, sourceHandle: "no", target: `n${i + 2}` });
  }
  for (let i = 1; edges.length < EDGES; i += 2) {
    if (type(i) !== "decision" && type(i) !== "end" && i + 3 < NODES) {
      edges.push({ id: `x${i}`, source: `n${i}`, sourceHandle: null, target: `n${i + 3}` });
    }
  }
  return { schemaVersion: 1, nodes, edges: edges.slice(0, EDGES) };
}

// In-page scripts are strings: the TypeScript loader would wrap named functions in helpers the
// page does not have.
const FIRST_VISIBLE_NODE_AT = `new Promise((resolve) => {
  (function check() {
    const shown = [...document.querySelectorAll(".react-flow__node")].filter(
      (n) => n.style.visibility !== "hidden");
    if (shown.length > 0) resolve(performance.now()); else requestAnimationFrame(check);
  })();
})`;
const DATA_LOADED_AT = `Math.max(...performance.getEntriesByType("resource")
  .filter((r) => r.name.includes("/api/") && !r.name.endsWith("/api/health"))
  .map((r) => r.responseEnd))`;
const RECORD_FRAMES = `(() => {
  window.benchFrames = [];
  let last = performance.now();
  (function tick(now) {
    if (now !== undefined) { window.benchFrames.push(now - last); last = now; }
    requestAnimationFrame(tick);
  })();
})()`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

async function main() {
  const server = await startWaymark();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1600, height: 1000 },
    });
    const headers = { origin: server.url };
    const signUp = await context.request.post("/api/auth/signup", {
      headers,
      data: {
        accountName: "Bench",
        email: `bench-${Date.now()}@example.test`,
        password: "correct horse battery",
      },
    });
    if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()}`);
    const created = await context.request.post("/api/programs", {
      headers,
      data: { name: "Bench", document: benchDocument() },
    });
    if (!created.ok()) throw new Error(`create failed: ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };

    const page = await context.newPage();
    const mounts: number[] = [];
    const dataLoaded: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`/programs/${id}`);
      mounts.push(Number(await page.evaluate(FIRST_VISIBLE_NODE_AT)));
      dataLoaded.push(Number(await page.evaluate(DATA_LOADED_AT)));
    }
    const rendered = await page.locator(".react-flow__node").count();

    // Zoom in on one node, then drag it around for about two seconds while recording frames.
    await page.getByRole("button", { name: "Zoom In" }).click({ clickCount: 4 });
    const target = page.locator(".react-flow__node").first();
    const box = (await target.boundingBox())!;
    await page.evaluate(RECORD_FRAMES);
    const x0 = box.x + 40;
    const y0 = box.y + 12;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 120; i++) {
      await page.mouse.move(x0 + Math.sin(i / 10) * 200, y0 + i * 2);
    }
    await page.mouse.up();
    const frames = (await page.evaluate("window.benchFrames.slice(2)")) as number[];
    const mount = percentile(mounts, 50);
    console.log(`program: ${NODES} nodes, ${EDGES} edges (${rendered} rendered after fit view)`);
    console.log(
      `mount (navigation to first visible node, median of 3): ${mount.toFixed(0)} ms  [${mounts.map((m) => m.toFixed(0)).join(", ")}]; of which waiting for the API: ${percentile(dataLoaded, 50).toFixed(0)} ms`,
    );
    console.log(
      `drag: ${frames.length} frames; p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms; ${frames.filter((f) => f > 20).length} frames over 20 ms (dropped)`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
