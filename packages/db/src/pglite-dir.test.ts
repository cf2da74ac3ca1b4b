import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "./client";
import { rowsOf } from "./rows";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

it("creates a new PGlite directory in a child process, then opens it with small shared buffers", async () => {
  const dataDir = join(await mkdtemp(join(tmpdir(), "waymark-pglite-")), "data");
  dirs.push(dataDir);
  for (const round of [1, 2]) {
    const handle = await openDatabase({ dataDir });
    try {
      expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
      const [row] = rowsOf<{ shared_buffers: string }>(
        await handle.db.execute(sql`show shared_buffers`),
      );
      expect(row?.shared_buffers).toBe("32MB");
      if (round === 1) await handle.db.execute(sql`create table kept (n int)`);
      else await handle.db.execute(sql`select * from kept`);
    } finally {
      await handle.close();
    }
  }
});
