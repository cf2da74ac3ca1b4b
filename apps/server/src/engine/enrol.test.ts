import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { programDocument } from "@waymark/domain/fixtures";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

describe.each(testDrivers())("Start-list enrolment on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
  });
  afterAll(() => t?.close());

  it("enrols a list member once, also when later additions are re-checked", async () => {
    const { accountId } = await browser.signUp("Lists");
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Members" })
    ).json()) as Json;
    const add = async (email: string) => {
      const contact = (await (
        await browser.request("POST", "/api/contacts", { email, values: {} })
      ).json()) as Json;
      await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: [contact.id] });
      return contact.id as string;
    };
    for (const email of ["a@example.com", "b@example.com", "c@example.com"]) await add(email);
    const program = await insertActiveProgram(t, {
      accountId,
      name: "Once",
      startListId: list.id,
      document: programDocument(
        [
          {
            id: "start",
            type: "start",
            position: { x: 0, y: 0 },
            data: { listId: list.id, allowApi: false },
          },
          { id: "end", type: "end", position: { x: 0, y: 100 }, data: { outcome: "Done" } },
        ],
        [{ id: "a", source: "start", sourceHandle: null, target: "end" }],
      ),
    });
    await driveEngine(t);
    // A member added now: the re-check of recent additions (with its overlap) sees all four,
    // and only the new one has not been in the program.
    const late = await add("d@example.com");
    await driveEngine(t);
    const rows = rowsOf<{ contact_id: string; n: number; state: string }>(
      await t.db.execute(sql`select contact_id, count(*)::int as n, min(state) as state
        from enrolments where program_id = ${program.id}::uuid group by contact_id`),
    );
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.n === 1 && r.state === "done")).toBe(true);
    expect(rows.map((r) => r.contact_id)).toContain(late);
  });
});
