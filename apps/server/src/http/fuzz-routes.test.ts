import { testDrivers } from "@waymark/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bodyText, pathSegment, queryString } from "../testing/fuzz-inputs";
import { FUZZ_QUERY_PARAMS, type FuzzIds, fuzzQueries, fuzzSeeds } from "../testing/fuzz-seeds";
import { ADMIN_PAGE, createSandboxProfile, sandboxLogin } from "../testing/sandbox-login";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";
import { json } from "../testing/test-programs";

// Requests per route and driver: enough to reach every field of a route's body with each kind
// of hostile value over a few CI runs, within about a minute per driver on two cores.
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 25);

// Which id a path parameter takes, by the segment before `:id` or by its own name.
const ID_OF: Record<string, keyof FuzzIds> = {
  contacts: "contactId",
  contactId: "contactId",
  lists: "listId",
  programs: "programId",
  profiles: "profileId",
  statistics: "profileId",
  "data-fields": "dataFieldId",
  imports: "importId",
  "api-keys": "apiKeyId",
  logins: "loginId",
};
const NODE_IDS = ["start", "hello", "wait", "vip", "end"];

interface Route {
  method: string;
  path: string;
}

// Methods that carry a JSON body; GET and DELETE routes are fuzzed through path and query.
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);
// Destructive routes last, so the rest keep reaching real rows.
const LAST = ["DELETE", "/revoke", "/logout", "/delete"];
const order = (r: Route) => (LAST.some((s) => r.method === s || r.path.includes(s)) ? 1 : 0);

/**
 * Every route of both APIs gets random JSON bodies (mutated valid bodies, NUL, lone surrogates,
 * overflowing numbers, deep nesting, prototype keys, wrong types, huge strings), random query
 * strings and random path ids; none may answer 5xx or log an unhandled error.
 */
describe.each(testDrivers())("fuzzed routes on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  // Signs up, logs in and out in the auth routes' fuzz, so the main session stays signed in.
  let visitor: TestBrowser;
  let apiKey: string;
  let ids: FuzzIds;
  let seeds: Record<string, unknown[]>;
  const unhandled: unknown[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Fuzz Co");
    visitor = new TestBrowser(t.app);
    const { email } = await visitor.signUp("Visitor Co");
    const created = async (path: string, body: unknown) =>
      json(await browser.request("POST", path, body));
    apiKey = (await created("/api/api-keys", { name: "fuzz" })).key;
    const spareKey = await created("/api/api-keys", { name: "spare" });
    const contact = await created("/api/contacts", {
      email: "ana@example.com",
      values: { FIRSTNAME: "Ana" },
    });
    const list = await created("/api/lists", { name: "Fuzz list" });
    await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: [contact.id] });
    const field = await created("/api/data-fields", { name: "NICKNAME", type: "text" });
    const profile = await json(await createSandboxProfile(browser, { pageId: ADMIN_PAGE }));
    const { loginId } = await sandboxLogin(browser);
    const imported = await created("/api/contacts/imports", {
      fileName: "fuzz.csv",
      totalBytes: 40,
      listId: list.id,
      mapping: { Email: "EMAIL" },
    });
    ids = {
      contactId: contact.id,
      listId: list.id,
      programId: "",
      profileId: profile.id,
      dataFieldId: field.id,
      importId: imported.id,
      apiKeyId: spareKey.id,
      loginId: loginId ?? "",
      email,
      password: "correct horse battery",
    };
    seeds = fuzzSeeds(ids);
    const program = await created("/api/programs", seeds["POST /api/programs"]![0]);
    ids.programId = program.id;
    seeds = fuzzSeeds(ids);
    process.on("unhandledRejection", onRejection);
  }, 120_000);

  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await t?.close();
  });

  /** Fills each `:param` with a real id of its kind (named by the segment before it) or anything. */
  const pathFor = (route: Route) => {
    const params = [...route.path.matchAll(/([\w-]+)\/:(\w+)/g)].map((m) => ({
      kind: m[2] === "id" ? m[1]! : m[2]!,
      name: m[2]!,
    }));
    const realIds = Object.values(ids).filter((v) => /^[0-9a-f-]{36}$/.test(v));
    const segment = ({ kind }: { kind: string }) => {
      if (kind === "nodeId") return pathSegment(NODE_IDS, realIds);
      const own = Object.hasOwn(ID_OF, kind) ? ids[ID_OF[kind]!] : undefined;
      return pathSegment(own ? [own] : realIds, realIds);
    };
    return fc
      .tuple(...params.map(segment))
      .map((values) =>
        params.reduce((p, { name }, i) => p.replace(`:${name}`, values[i]!), route.path),
      );
  };

  const requestFor = (route: Route) =>
    fc.record({
      path: pathFor(route),
      query: queryString(FUZZ_QUERY_PARAMS, fuzzQueries(ids)[`${route.method} ${route.path}`]),
      body: WITH_BODY.has(route.method)
        ? bodyText(seeds[`${route.method} ${route.path}`] ?? [])
        : fc.constant(undefined),
    });

  /** Sends each generated request; fails on a 5xx or an error the handler could not place. */
  async function fuzz(
    route: Route,
    send: (url: string, body?: string) => Response | Promise<Response>,
  ) {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async ({ path, query, body }) => {
          logged.mockClear();
          const res = await send(`${TEST_ORIGIN}${path}${query ? `?${query}` : ""}`, body);
          const text = await res.text();
          const errors = logged.mock.calls.filter((call) => call[0] === "unhandled error");
          expect(
            errors.map((call) => String(call[3])),
            `${route.method} ${path}`,
          ).toEqual([]);
          expect(
            res.status,
            `${route.method} ${path}?${query} ${body?.slice(0, 300)} → ${text.slice(0, 300)}`,
          ).toBeLessThan(500);
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    } finally {
      logged.mockRestore();
    }
    expect(unhandled).toEqual([]);
  }

  it("public API: every route of its OpenAPI document, with an API key", async () => {
    const doc = await json(await t.app.request(`${TEST_ORIGIN}/api/v1/openapi.json`));
    const routes: Route[] = Object.entries(doc.paths as Record<string, object>).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map((method) => ({
          method: method.toUpperCase(),
          path: `/api/v1${path.replace(/\{(\w+)\}/g, ":$1")}`,
        })),
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes.sort((a, b) => order(a) - order(b))) {
      await fuzz(route, (url, body) =>
        t.app.request(url, {
          method: route.method,
          headers: {
            authorization: `Bearer ${apiKey}`,
            ...(body !== undefined && { "content-type": "application/json" }),
          },
          body,
        }),
      );
    }
  }, 300_000);

  it("browser API: every route of the Hono app, signed in with a same-origin session", async () => {
    const seen = new Set<string>();
    const routes = t.app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
      .filter((r) => !r.path.startsWith("/api/v1/"))
      .map((r) => ({ method: r.method, path: r.path }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes.sort((a, b) => order(a) - order(b))) {
      if (process.env.FUZZ_ONLY && !new RegExp(process.env.FUZZ_ONLY).test(route.path)) continue;
      const auth = route.path.startsWith("/api/auth/");
      if (auth) await logInAgain(visitor);
      const client = auth ? visitor : browser;
      const csv = route.path.endsWith("/file");
      await fuzz(route, (url, body) =>
        client.request(
          route.method,
          url.slice(TEST_ORIGIN.length),
          csv && body !== undefined ? csvText(body) : body,
          csv ? { "content-type": "text/csv" } : {},
        ),
      );
    }
    expect((await browser.request("GET", "/api/auth/me")).status, "still signed in").toBe(200);
  }, 300_000);

  /** The auth routes' fuzz logs the visitor out; each such route starts signed in again. */
  async function logInAgain(client: TestBrowser) {
    if ((await client.request("GET", "/api/auth/me")).status === 200) return;
    await client.request("POST", "/api/auth/login", { email: ids.email, password: ids.password });
  }
});

/** The CSV upload takes text: a JSON string seed is sent as its text. */
function csvText(body: string): string {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "string" ? value : body;
  } catch {
    return body;
  }
}
