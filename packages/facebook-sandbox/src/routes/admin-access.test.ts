import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../admin/seed";
import { APP_ID, createHarness, type Harness } from "../testing/test-harness";

const ALLOWED = "Bearer let-me-in";

/** The sources of one directive of a Content-Security-Policy header. */
function directive(res: Response, name: string): string[] {
  const csp = res.headers.get("content-security-policy") ?? "";
  const found = csp.split(";").map((d) => d.trim().split(/\s+/));
  return found.find(([key]) => key === name)?.slice(1) ?? [];
}

// The console's guard and page headers do not touch the database: PGlite is enough.
describe("the sandbox's console behind the host's authorisation", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness("pglite", {
      adminAccess: {
        authorize: (request) => request.headers.get("authorization") === ALLOWED,
        signInUrl: "http://host.test/login",
      },
    });
  });
  afterAll(() => h?.close());

  const tokens = (headers: Record<string, string> = {}) =>
    h.app.request("/_admin/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ userId: SEED.users[0]!.id, pageId: SEED.pages[0]!.id }),
    });

  it("refuses the admin API and the pages to an unauthorised request (401)", async () => {
    const refused = await tokens();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { message: expect.any(String) } });
    expect((await h.app.request("/_admin/state")).status).toBe(401);
    const home = await h.app.request("/");
    expect(home.status).toBe(401);
    expect(await home.text()).toContain('href="http://host.test/login"');
    const added = await h.app.request("/users", {
      method: "POST",
      body: new URLSearchParams({ name: "Intruder" }),
    });
    expect(added.status).toBe(401);
    expect((await h.admin.state()).users.map((u) => u.name)).not.toContain("Intruder");
  });

  it("serves them to a request the host authorises", async () => {
    const issued = await tokens({ authorization: ALLOWED });
    expect(issued.status).toBe(200);
    expect(await issued.json()).toMatchObject({ pageToken: expect.any(String) });
    expect((await h.app.request("/", { headers: { authorization: ALLOWED } })).status).toBe(200);
  });

  it("keeps the SDK and the Send to Messenger plugin open (contacts opt in there)", async () => {
    expect((await h.app.request("/sdk.js")).status).toBe(200);
    const plugin = await h.app.request(
      `/plugins/send-to-messenger/page?page_id=${SEED.pages[0]!.id}&app_id=${APP_ID}`,
    );
    expect(plugin.status).toBe(200);
  });
});

describe("the sandbox's pages' Content-Security-Policy", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness("pglite");
  });
  afterAll(() => h?.close());

  it("runs no inline script on the home page and never lets it be framed", async () => {
    const res = await h.app.request("/");
    expect(directive(res, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(res, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(res, "object-src")).toEqual(["'none'"]);
  });

  it("allows the plugin demo's one inline script by its hash", async () => {
    const res = await h.app.request(`/plugin-demo?page_id=${SEED.pages[0]!.id}`);
    const html = await res.text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    const hash = `'sha256-${createHash("sha256").update(inline[0]!).digest("base64")}'`;
    expect(directive(res, "script-src")).toContain(hash);
    expect(directive(res, "script-src")).not.toContain("'unsafe-inline'");
  });

  it("lets the Login dialog's form go on to the app's redirect_uri only", async () => {
    const redirect = "https://app.example/callback";
    const res = await h.app.request(
      `/v25.0/dialog/oauth?client_id=${APP_ID}&redirect_uri=${encodeURIComponent(redirect)}&scope=pages_messaging`,
    );
    expect(res.status).toBe(200);
    expect(directive(res, "form-action")).toContain("https://app.example");
    expect(directive(res, "form-action")).not.toContain("*");
  });
});
