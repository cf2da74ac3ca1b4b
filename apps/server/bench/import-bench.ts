/**
 * CSV import benchmark (SPEC §3: 100,000 rows in under 10 seconds): streams a generated file
 * through the real import route on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 *
 *   npx tsx apps/server/bench/import-bench.ts [--rows 100000]
 */
import { parseArgs } from "node:util";
import { testDrivers } from "@waymark/db/testing";
import { createTestApp, TEST_ORIGIN, TestBrowser } from "../src/testing/test-app";
import { runBench } from "./run-bench";

const { values: args } = parseArgs({ options: { rows: { type: "string", default: "100000" } } });
const ROWS = Number(args.rows);

function csv(rows: number): Uint8Array {
  const lines = ["Email,First name,Last name,Age"];
  for (let i = 0; i < rows; i++)
    lines.push(`person${i}@example.com,"First ${i}",Last${i},${20 + (i % 50)}`);
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

async function main() {
  const file = csv(ROWS);
  for (const driver of testDrivers()) {
    const t = await createTestApp(driver);
    const browser = new TestBrowser(t.app);
    await browser.signUp("Import bench");
    await browser.request("POST", "/api/data-fields", { name: "AGE", type: "number" });
    const started = performance.now();
    const start = await browser.request("POST", "/api/contacts/imports", {
      fileName: "bench.csv",
      totalBytes: file.length,
      newListName: "Bench",
      mapping: { Email: "EMAIL", "First name": "FIRSTNAME", "Last name": "LASTNAME", Age: "AGE" },
    });
    const { id } = (await start.json()) as { id: string };
    const res = await t.app.request(`${TEST_ORIGIN}/api/contacts/imports/${id}/file`, {
      method: "PUT",
      headers: { origin: TEST_ORIGIN, cookie: browser.cookie, "content-type": "text/csv" },
      body: file,
    });
    const report = (await res.json()) as { created: number; invalid: number };
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${driver.padEnd(8)} ${ROWS.toLocaleString()} rows (${(file.length / 1e6).toFixed(1)} MB): ${report.created.toLocaleString()} created, ${report.invalid} invalid in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString()} rows/s (target < 10 s)`,
    );
    await t.close();
  }
}

runBench(main);
