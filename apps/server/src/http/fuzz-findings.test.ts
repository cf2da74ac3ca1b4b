import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";
import { json } from "../testing/test-programs";

/** Inputs the route fuzz (fuzz-routes.test.ts) found answered with 500, each pinned here. */
describe.each(testDrivers())("inputs the fuzz found, on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Findings Co");
    key = (await json(await browser.request("POST", "/api/api-keys", { name: "ci" }))).key;
  });
  afterAll(() => t?.close());

  const v1 = (method: string, path: string, body: unknown) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("a program version past PostgreSQL's integer is a 400 naming version, in both APIs", async () => {
    const program = await json(await browser.request("POST", "/api/programs", { name: "P" }));
    const { document } = program;
    for (const version of [2 ** 31, 2 ** 53, 1e308]) {
      const answers = [
        await browser.request("PUT", `/api/programs/${program.id}`, { version, document }),
        await browser.request("POST", `/api/programs/${program.id}/activate`, { version }),
        await browser.request("POST", `/api/programs/${program.id}/deactivate`, { version }),
        await v1("PUT", `/programs/${program.id}`, { version, document }),
        await v1("POST", `/programs/${program.id}/activate`, { version }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(400);
        expect((await json(res)).error.details.fields.version).toBe(
          "is not a version of this program",
        );
      }
    }
    const saved = await browser.request("PUT", `/api/programs/${program.id}`, {
      version: 1,
      document,
    });
    expect((await json(saved)).version).toBe(2);
  });
});
