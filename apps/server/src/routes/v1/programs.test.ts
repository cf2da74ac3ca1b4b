import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../../testing/test-app";
import { insertProfile, json, validDocument } from "../../testing/test-programs";

describe.each(testDrivers())("public API programs on %s", (driver) => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  let profileId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    const browser = new TestBrowser(t.app);
    const { accountId } = await browser.signUp("Api Co");
    key = (await json(await browser.request("POST", "/api/api-keys", { name: "ci" }))).key;
    profileId = await insertProfile(t.db, accountId, { live: t });
    const other = new TestBrowser(t.app);
    await other.signUp("Other Co");
    otherKey = (await json(await other.request("POST", "/api/api-keys", { name: "ci" }))).key;
  });
  afterAll(() => t?.close());

  const v1 = (method: string, path: string, body?: unknown, apiKey = key) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("creates, reads, updates with the version, activates and deactivates a program", async () => {
    const broken = validDocument(profileId);
    broken.edges = broken.edges!.slice(1);
    const created = await v1("POST", "/programs", { name: "From CRM", document: broken });
    expect(created.status).toBe(201);
    const program = await json(created);
    expect(program).toMatchObject({
      name: "From CRM",
      status: "draft",
      version: 1,
      updatedBy: null,
    });

    const read = await json(await v1("GET", `/programs/${program.id}`));
    expect(read.document.nodes).toHaveLength(5);
    const { programs } = await json(await v1("GET", "/programs"));
    expect(programs.map((p: { id: string }) => p.id)).toContain(program.id);

    const refused = await v1("POST", `/programs/${program.id}/activate`);
    expect(refused.status).toBe(409);
    const issues = (await json(refused)).error.details.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "missing_output", nodeId: "start" }),
      ]),
    );

    const put = await v1("PUT", `/programs/${program.id}`, {
      version: 1,
      document: validDocument(profileId),
    });
    expect(put.status).toBe(200);
    expect((await json(put)).version).toBe(2);
    const stale = await v1("PUT", `/programs/${program.id}`, {
      version: 1,
      document: broken,
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe("stale_version");

    const active = await v1("POST", `/programs/${program.id}/activate`);
    expect(active.status).toBe(200);
    expect((await json(active)).status).toBe("active");
    const readOnly = await v1("PUT", `/programs/${program.id}`, {
      version: 2,
      document: broken,
    });
    expect((await json(readOnly)).error.code).toBe("program_active");
    const off = await v1("POST", `/programs/${program.id}/deactivate`, { version: 2 });
    expect((await json(off)).status).toBe("deactivated");
  });

  it("creates a program with just a name, and hides it from other accounts", async () => {
    const program = await json(await v1("POST", "/programs", { name: "Blank" }));
    expect(program.document.nodes.map((n: { type: string }) => n.type)).toEqual(["start"]);
    for (const [method, path, body] of [
      ["GET", `/programs/${program.id}`, undefined],
      ["PUT", `/programs/${program.id}`, { version: 1, document: program.document }],
      ["POST", `/programs/${program.id}/activate`, undefined],
      ["POST", `/programs/${program.id}/deactivate`, undefined],
    ] as const) {
      const res = await v1(method, path, body, otherKey);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await v1("GET", `/programs/${program.id}`, undefined, "wrong")).status).toBe(401);
  });

  it("describes the program document in the OpenAPI document", async () => {
    const doc = await json(await t.app.request(`${TEST_ORIGIN}/api/v1/openapi.json`));
    const schema = doc.components.schemas.ProgramDocument;
    expect(Object.keys(schema.properties)).toEqual(["schemaVersion", "nodes", "edges"]);
    expect(schema.properties.nodes.items.oneOf).toHaveLength(6);
    expect(doc.components.schemas.ProgramUpdate.properties.document.allOf[0].$ref).toBe(
      "#/components/schemas/ProgramDocument",
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/programs",
        "/programs/{id}",
        "/programs/{id}/activate",
        "/programs/{id}/deactivate",
      ]),
    );
  });
});
