import { programs } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { createProgramAs, insertProfile, json, validDocument } from "../testing/test-programs";

describe.each(testDrivers())("programs on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let owner: { accountId: string; email: string };
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    owner = await browser.signUp("Programs Co");
  });
  afterAll(() => t?.close());

  const stored = async (id: string) =>
    (await t.db.select().from(programs).where(eq(programs.id, id)))[0]!;

  it("creates a draft with a lone Start node, lists it with its author, reads it", async () => {
    const created = await createProgramAs(browser, "  Welcome  ");
    expect(created).toMatchObject({ name: "Welcome", status: "draft", version: 1 });
    expect(created.updatedBy).toMatchObject({ email: owner.email });
    expect(created.document).toEqual({
      schemaVersion: 1,
      nodes: [
        {
          id: "start",
          type: "start",
          position: { x: 0, y: 0 },
          data: { name: "Start 1", listId: null, allowApi: false },
        },
      ],
      edges: [],
    });
    const { programs: list } = await json(await browser.request("GET", "/api/programs"));
    expect(list[0]).toMatchObject({ id: created.id, name: "Welcome", status: "draft" });
    expect(list[0].updatedBy.email).toBe(owner.email);
    expect(list[0].document).toBeUndefined();
    const read = await json(await browser.request("GET", `/api/programs/${created.id}`));
    expect(read).toEqual(created);
    const noName = await browser.request("POST", "/api/programs", { name: " " });
    expect(noName.status).toBe(400);
    expect((await json(noName)).error.details.fields.name).toBe("is required");
  });

  it("saves with the version, bumps it, renames, and fills defaults", async () => {
    const { id } = await createProgramAs(browser, "Draft");
    const doc = { schemaVersion: 1, nodes: [{ id: "w", type: "wait" }] };
    const res = await browser.request("PUT", `/api/programs/${id}`, {
      version: 1,
      name: "Renamed",
      document: doc,
    });
    expect(res.status).toBe(200);
    const saved = await json(res);
    expect(saved).toMatchObject({ version: 2, name: "Renamed" });
    expect(saved.document.nodes[0]).toEqual({
      id: "w",
      type: "wait",
      position: { x: 0, y: 0 },
      data: { name: "Wait 1", amount: 1, unit: "days" },
    });
    expect((await stored(id)).version).toBe(2);
  });

  it("refuses the second of two saves of the same version, and keeps the first", async () => {
    const { id } = await createProgramAs(browser, "Shared");
    const first = { schemaVersion: 1, nodes: [{ id: "a", type: "end" }], edges: [] };
    const second = { schemaVersion: 1, nodes: [{ id: "b", type: "end" }], edges: [] };
    const [r1, r2] = await Promise.all([
      browser.request("PUT", `/api/programs/${id}`, { version: 1, document: first }),
      browser.request("PUT", `/api/programs/${id}`, { version: 1, document: second }),
    ]);
    const statuses = [r1.status, r2.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    const winner = r1.status === 409 ? second : first;
    const body = await json(loser);
    expect(body.error).toMatchObject({ code: "stale_version", details: { version: 2 } });
    expect(body.error.message).toBe(
      "This program was changed by someone else (version 2). Reload to see their changes; your edits were not saved.",
    );
    const row = await stored(id);
    expect(row.version).toBe(2);
    expect((row.document as { nodes: { id: string }[] }).nodes[0]!.id).toBe(winner.nodes[0]!.id);
  });

  it("copies a program to a draft called 'Copy of …' and deletes drafts", async () => {
    const profileId = await insertProfile(t.db, owner.accountId);
    const original = await createProgramAs(browser, "Original", validDocument(profileId));
    const res = await browser.request("POST", `/api/programs/${original.id}/duplicate`);
    expect(res.status).toBe(201);
    const copy = await json(res);
    expect(copy).toMatchObject({ name: "Copy of Original", status: "draft", version: 1 });
    expect(copy.document).toEqual(original.document);
    expect((await stored(copy.id)).profileIds).toEqual([profileId]);
    expect((await browser.request("DELETE", `/api/programs/${copy.id}`)).status).toBe(204);
    expect((await browser.request("GET", `/api/programs/${copy.id}`)).status).toBe(404);
  });

  it("keeps the denormalised columns in step with the document on every save", async () => {
    const profileId = await insertProfile(t.db, owner.accountId);
    const list = await json(await browser.request("POST", "/api/lists", { name: "Newsletter" }));
    const doc = validDocument(profileId, list.id);
    const { id } = await createProgramAs(browser, "Columns", doc);
    expect(await stored(id)).toMatchObject({
      startListId: list.id,
      fieldNames: ["FIRSTNAME", "LASTNAME"],
      profileIds: [profileId],
    });
    const other = await insertProfile(t.db, owner.accountId);
    const nodes = [
      { id: "start", type: "start", data: { listId: null, allowApi: true } },
      { id: "set", type: "update_contact", data: { field: "FULLNAME", value: "x" } },
      { id: "opt", type: "decision", data: { rule: { kind: "opted_in", profileId: other } } },
      { id: "say", type: "messenger", data: { profileId: null, text: "@@ @LASTNAME@@FIRSTNAME@" } },
    ];
    const res = await browser.request("PUT", `/api/programs/${id}`, {
      version: 1,
      document: { schemaVersion: 1, nodes },
    });
    expect(res.status).toBe(200);
    expect(await stored(id)).toMatchObject({
      startListId: null,
      fieldNames: ["FIRSTNAME", "FULLNAME", "LASTNAME"],
      profileIds: [other],
    });
    // Another account's list (or a made-up one) is not recorded as the Start list.
    const stranger = new TestBrowser(t.app);
    await stranger.signUp("Stranger");
    const theirs = await json(await stranger.request("POST", "/api/lists", { name: "Theirs" }));
    const again = await browser.request("PUT", `/api/programs/${id}`, {
      version: 2,
      document: validDocument(profileId, theirs.id),
    });
    expect(again.status).toBe(200);
    expect((await stored(id)).startListId).toBeNull();
  });

  it("answers 404 on every program route for another account's program", async () => {
    const { id } = await createProgramAs(browser, "Private");
    const intruder = new TestBrowser(t.app);
    await intruder.signUp("Intruder");
    const doc = { schemaVersion: 1, nodes: [] };
    const attempts = [
      ["GET", `/api/programs/${id}`, undefined],
      ["PUT", `/api/programs/${id}`, { version: 1, document: doc }],
      ["DELETE", `/api/programs/${id}`, undefined],
      ["POST", `/api/programs/${id}/duplicate`, undefined],
      ["POST", `/api/programs/${id}/validate`, {}],
      ["POST", `/api/programs/${id}/activate`, {}],
      ["POST", `/api/programs/${id}/deactivate`, {}],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await intruder.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await json(res)).error.code).toBe("not_found");
    }
    const { programs: theirs } = await json(await intruder.request("GET", "/api/programs"));
    expect(theirs).toEqual([]);
    const row = await stored(id);
    expect(row).toMatchObject({ version: 1, status: "draft", name: "Private" });
  });

  it("requires a session", async () => {
    const anonymous = new TestBrowser(t.app);
    expect((await anonymous.request("GET", "/api/programs")).status).toBe(401);
  });
});
