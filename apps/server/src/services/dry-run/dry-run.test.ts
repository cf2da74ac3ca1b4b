import { messengerContacts, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import type { ProgramDocumentInput } from "@waymark/domain";
import { WARNING_REASONS } from "@waymark/domain";
import { programDocument } from "@waymark/domain/fixtures";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile } from "../../testing/sandbox-login";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../../testing/test-app";
import { requestDryRunCancel, settledDryRun, startDryRun } from "./dry-runs";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const HOUR = 3_600_000;

/**
 * Start → Messenger "hello" (Response, @NICKNAME@) → Decision FIRSTNAME not empty →
 * yes: Messenger "ship" (Shipping update) → End "Shipped"; no: Update NICKNAME → End "Anon".
 */
function program(profileId: string, listId: string): ProgramDocumentInput {
  const at = (y: number) => ({ x: 0, y });
  return programDocument(
    [
      { id: "start", type: "start", position: at(0), data: { listId, allowApi: false } },
      {
        id: "hello",
        type: "messenger",
        position: at(100),
        data: { profileId, tagId: "response", text: "Hello @NICKNAME@" },
      },
      {
        id: "named",
        type: "decision",
        position: at(200),
        data: { rule: { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } },
      },
      {
        id: "ship",
        type: "messenger",
        position: at(300),
        data: { profileId, tagId: "shipping_update", text: "Hi @FIRSTNAME@, it shipped" },
      },
      { id: "shipped", type: "end", position: at(400), data: { outcome: "Shipped" } },
      {
        id: "mark",
        type: "update_contact",
        position: at(300),
        data: { field: "NICKNAME", value: "friend" },
      },
      { id: "anon", type: "end", position: at(400), data: { outcome: "Anon" } },
    ],
    [
      { id: "e1", source: "start", sourceHandle: null, target: "hello" },
      { id: "e2", source: "hello", sourceHandle: null, target: "named" },
      { id: "e3", source: "named", sourceHandle: "yes", target: "ship" },
      { id: "e4", source: "ship", sourceHandle: null, target: "shipped" },
      { id: "e5", source: "named", sourceHandle: "no", target: "mark" },
      { id: "e6", source: "mark", sourceHandle: null, target: "anon" },
    ],
  );
}

describe.each(testDrivers())("dry runs on %s", (driver) => {
  let clock = new Date("2026-11-20T09:00:00Z");
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let userId: string | null;
  let profileId: string;
  let listId: string;
  let programId: string;
  let document: ProgramDocumentInput;
  let apiKey: string;
  const contactIds: string[] = [];

  const json = async (res: Response) => (await res.json()) as Json;
  const v1 = (method: string, path: string) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}` },
    });
  /** Starts a dry run through the browser's API and waits for it to end. */
  const dryRun = async () => {
    const started = await browser.request("POST", `/api/dry-runs/programs/${programId}`);
    expect(started.status).toBe(202);
    const { id } = await json(started);
    await settledDryRun(id);
    return json(await browser.request("GET", `/api/dry-runs/programs/${programId}/runs/${id}`));
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    const me = await browser.signUp("Dry");
    accountId = me.accountId;
    userId = me.userId;
    apiKey = (await json(await browser.request("POST", "/api/api-keys", { name: "ci" }))).key;
    profileId = (
      await json(await createSandboxProfile(browser, { name: "Dry", pageId: ADMIN_PAGE }))
    ).id;
    await browser.request("POST", "/api/data-fields", { name: "NICKNAME", type: "text" });
    listId = (await json(await browser.request("POST", "/api/lists", { name: "Dry" }))).id;
    for (let i = 0; i < 12; i++) {
      const values: Record<string, string> = {};
      if (i % 3 !== 2) values.FIRSTNAME = `Ann${i}`;
      if (i % 4 === 0) values.NICKNAME = `nick${i}`;
      const contact = await json(
        await browser.request("POST", "/api/contacts", { email: `c${i}@example.com`, values }),
      );
      contactIds.push(contact.id);
    }
    await browser.request("POST", `/api/lists/${listId}/members`, { contactIds });
    // 0–3 opted in an hour ago, 4–5 thirty hours ago, 6 blocked the page, 7–11 never opted in.
    await t.db.insert(messengerContacts).values(
      contactIds.slice(0, 7).map((contactId, i) => ({
        profileId,
        contactId,
        accountId,
        psid: `PSID-${i}`,
        optedInAt: new Date(clock.getTime() - (i < 4 || i === 6 ? 1 : 30) * HOUR),
        blockedAt: i === 6 ? new Date(clock.getTime() - HOUR / 2) : null,
      })),
    );
    document = program(profileId, listId);
    programId = (
      await json(await browser.request("POST", "/api/programs", { name: "Dry", document }))
    ).id;
  });
  afterAll(() => t?.close());

  it("counts what the engine does with the same contacts, sending nothing", async () => {
    const run = await dryRun();
    expect(run.staleReasons).toEqual([]);
    expect(run).toMatchObject({ status: "done", stale: false, progress: { done: 12, total: 12 } });
    expect(run.assumptions.join(" ")).toMatch(/Wait is taken as already elapsed/);
    const [count] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from messenger_messages`),
    );
    expect(count?.n).toBe(0);

    // The same program, activated as a separate one, run by the real engine now.
    const engine = await insertActiveProgram(t, {
      accountId,
      name: "Engine twin",
      document,
      startListId: listId,
      profileIds: [profileId],
    });
    await driveEngine(t);
    const reached = rowsOf<{ node_id: string; passed: number }>(
      await t.db.execute(
        sql`select node_id, passed::int from program_node_counts where program_id = ${engine.id}::uuid`,
      ),
    );
    const dryNodes = run.summary.nodes as Record<string, { reached: number; sent: number }>;
    expect(Object.fromEntries(Object.entries(dryNodes).map(([id, c]) => [id, c.reached]))).toEqual(
      Object.fromEntries(reached.map((r) => [r.node_id, r.passed])),
    );
    const messageRows = rowsOf<{
      node_id: string;
      sent: boolean;
      reason: string | null;
      n: number;
    }>(
      await t.db.execute(sql`
        select node_id, status <> 'not_sent' as sent, case when status = 'not_sent' then reason end as reason, count(*)::int as n
        from messenger_messages where program_id = ${engine.id}::uuid group by 1, 2, 3`),
    );
    const sends = Object.fromEntries(
      messageRows.filter((r) => r.sent).map((r) => [r.node_id, r.n]),
    );
    expect(
      Object.fromEntries(
        Object.entries(dryNodes)
          .filter(([, c]) => c.sent > 0)
          .map(([id, c]) => [id, c.sent]),
      ),
    ).toEqual(sends);
    const skips = (run.summary.reasons as Json[])
      .filter((r) => r.kind === "skipped")
      .map((r) => `${r.nodeId}: ${r.reason} × ${r.count}`)
      .sort();
    expect(skips).toEqual(
      messageRows
        .filter((r) => !r.sent)
        .map((r) => `${r.node_id}: ${r.reason} × ${r.n}`)
        .sort(),
    );
    expect(skips).toContain(`hello: ${WARNING_REASONS.notOptedIn} × 5`);
    expect(skips).toContain(`hello: ${WARNING_REASONS.blocked} × 1`);
  });

  it("lists the contacts behind a reason by pages, with names and emails, and as CSV", async () => {
    const { dryRun: run } = await json(
      await browser.request("GET", `/api/dry-runs/programs/${programId}/latest`),
    );
    const reason = (run.summary.reasons as Json[]).find(
      (r) => r.nodeId === "hello" && r.reason === WARNING_REASONS.notOptedIn,
    )!;
    const base = `/api/dry-runs/programs/${programId}/runs/${run.id}/reasons/${reason.id}`;
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await json(await browser.request("GET", `${base}/contacts?limit=2${query}`));
      expect(page.contacts.length).toBeLessThanOrEqual(2);
      seen.push(...page.contacts);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((c) => c.email).sort()).toEqual(
      [7, 8, 9, 10, 11].map((i) => `c${i}@example.com`).sort(),
    );
    expect(seen.find((c) => c.email === "c7@example.com")?.name).toBe("Ann7");
    const csv = await browser.request("GET", `${base}/contacts.csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("name,email");
    expect(lines).toHaveLength(6);
    // The public API gives the same run and the same file with an API key.
    const latest = await json(await v1("GET", `/programs/${programId}/dry-runs/latest`));
    expect(latest.dryRun.id).toBe(run.id);
    const publicCsv = await v1(
      "GET",
      `/programs/${programId}/dry-runs/${run.id}/reasons/${reason.id}/contacts.csv`,
    );
    expect(publicCsv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await publicCsv.text()).trim().split("\r\n")).toEqual(lines);
    const bad = await browser.request("GET", `${base}/contacts?cursor=nope`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/cursor/);
  });

  it("is marked stale when a contact, then the program, changes", async () => {
    const run = await dryRun();
    expect(run.staleReasons).toEqual([]);
    const latest = () =>
      browser.request("GET", `/api/dry-runs/programs/${programId}/latest`).then(json);
    // Rows written with the database's own now() are newer than the test clock: move past both.
    clock = new Date(Math.max(clock.getTime(), Date.now()) + 60_000);
    await browser.request("PATCH", `/api/contacts/${contactIds[1]}`, {
      values: { FIRSTNAME: "" },
    });
    expect((await latest()).dryRun.staleReasons).toEqual(["Contacts of the Start list changed."]);
    const current = await json(await browser.request("GET", `/api/programs/${programId}`));
    await browser.request("PUT", `/api/programs/${programId}`, {
      version: current.version,
      name: "Dry again",
      document,
    });
    expect((await latest()).dryRun.staleReasons).toContain("The program was saved since.");
  });

  it("is marked stale when a field's default, the profile or the list's members change", async () => {
    const latest = () =>
      browser.request("GET", `/api/dry-runs/programs/${programId}/latest`).then(json);
    const run = await dryRun();
    expect(run.staleReasons).toEqual([]);
    // A default turns "field missing with no default" skips into sends.
    const fields = await json(await browser.request("GET", "/api/data-fields"));
    const nickname = (fields.dataFields as Json[]).find((f) => f.name === "NICKNAME")!;
    await browser.request("PATCH", `/api/data-fields/${nickname.id}`, { defaultValue: "friend" });
    expect((await latest()).dryRun.staleReasons).toEqual([
      "Data fields or their default values changed.",
    ]);
    expect((await dryRun()).staleReasons).toEqual([]);
    // The API refuses to disable a profile an active program uses (the engine twin): as SQL.
    const setStatus = (status: string) =>
      t.db.execute(
        sql`update messenger_profiles set status = ${status} where id = ${profileId}::uuid`,
      );
    await setStatus("disabled");
    expect((await latest()).dryRun.staleReasons).toEqual([
      "A Messenger profile the program uses changed.",
    ]);
    await setStatus("enabled");
    expect((await latest()).dryRun.staleReasons).toEqual([]);
    // Membership: a contact leaves the list, then joins it again (the count is back, not the run).
    const members = `/api/lists/${listId}/members`;
    await browser.request("DELETE", `${members}/${contactIds[11]}`);
    expect((await latest()).dryRun.staleReasons).toEqual(["Contacts of the Start list changed."]);
    expect((await dryRun()).progress.total).toBe(11);
    await browser.request("POST", members, { contactIds: [contactIds[11]] });
    expect((await latest()).dryRun.staleReasons).toEqual(["Contacts of the Start list changed."]);
  });

  it("stops when cancelled, keeping what it counted, and is documented in the public API", async () => {
    const actor = { accountId, userId };
    const { dryRun } = await startDryRun(t.runtime.deps, actor, programId, {
      batchSize: 4,
      afterBatch: async (done) => {
        if (done === 4) await requestDryRunCancel(t.runtime.deps, actor, programId, dryRun.id);
      },
    });
    await settledDryRun(dryRun.id);
    const after = await json(await v1("GET", `/programs/${programId}/dry-runs/${dryRun.id}`));
    expect(after).toMatchObject({ status: "cancelled", progress: { done: 4, total: 12 } });
    expect(after.summary.contacts).toBe(4);

    const started = await v1("POST", `/programs/${programId}/dry-runs`);
    expect(started.status).toBe(202);
    const { id } = await json(started);
    await settledDryRun(id);
    const cancelled = await json(await v1("POST", `/programs/${programId}/dry-runs/${id}/cancel`));
    expect(cancelled.status).toBe("done");
    const missing = await v1("GET", `/programs/${programId}/dry-runs/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
  });
});
