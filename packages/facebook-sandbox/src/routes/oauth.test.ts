import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../admin/seed";
import { expectGraphError } from "../testing/graph-assertions";
import { APP_ID, APP_SECRET, createHarness, type Harness } from "../testing/test-harness";

const REDIRECT = "http://waymark.test/settings/messenger/callback";
const SCOPE = "pages_show_list,pages_messaging,pages_manage_metadata";

describe.each(testDrivers())("Facebook Login on %s", (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(driver);
  });
  afterAll(async () => {
    await h?.close();
  });

  const dialog = (query: Record<string, string>) =>
    h.app.request(`/v25.0/dialog/oauth?${new URLSearchParams(query)}`);
  const choose = (fields: Record<string, string>) =>
    h.app.request("/v25.0/dialog/oauth", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: APP_ID,
        redirect_uri: REDIRECT,
        scope: SCOPE,
        state: "st-1",
        ...fields,
      }).toString(),
    });
  const exchange = (query: Record<string, string>) =>
    h.app.request(`/v25.0/oauth/access_token?${new URLSearchParams(query)}`);
  const codeFrom = (response: Response) =>
    new URL(response.headers.get("location") ?? "").searchParams;

  it("shows the dialog with the sandbox users and the requested permissions", async () => {
    const response = await dialog({
      client_id: APP_ID,
      redirect_uri: REDIRECT,
      state: "st-1",
      scope: SCOPE,
      response_type: "code",
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<label for="user-100000000000001"');
    expect(page).toContain("Sandbox Admin");
    for (const scope of SCOPE.split(",")) expect(page).toContain(scope);
    expect(page).toMatch(/<button[^>]*value="continue"[^>]*>Continue<\/button>/);
    expect(page).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/);
    expect(page).toContain(`action="http://sandbox.test/fb-sandbox/v25.0/dialog/oauth"`);
  });

  it("refuses an unknown client_id, a bad redirect_uri and unknown scopes", async () => {
    expect((await dialog({ client_id: "999", redirect_uri: REDIRECT })).status).toBe(400);
    expect((await dialog({ client_id: APP_ID, redirect_uri: "not a url" })).status).toBe(400);
    expect(
      (await dialog({ client_id: APP_ID, redirect_uri: REDIRECT, scope: "manage_pages" })).status,
    ).toBe(400);
  });

  it("Continue redirects with a single-use code bound to the redirect URI", async () => {
    const response = await choose({ action: "continue", user_id: SEED.users[0]!.id });
    expect(response.status).toBe(302);
    const params = codeFrom(response);
    expect(params.get("state")).toBe("st-1");
    const code = params.get("code") ?? "";
    expect(code.length).toBeGreaterThan(20);

    const base = { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: REDIRECT, code };
    await expectGraphError(await exchange({ ...base, redirect_uri: `${REDIRECT}/other` }), {
      code: 100,
      subcode: 36008,
    });
    const ok = await exchange(base);
    expect(ok.status).toBe(200);
    const token = (await ok.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
    };
    expect(token).toMatchObject({ token_type: "bearer" });
    expect(token.access_token).toMatch(/^EAA/);
    expect(token.expires_in).toBeGreaterThan(0);
    await expectGraphError(await exchange(base), { code: 100, subcode: 36009 });

    const long = await exchange({
      grant_type: "fb_exchange_token",
      client_id: APP_ID,
      client_secret: APP_SECRET,
      fb_exchange_token: token.access_token,
    });
    expect(((await long.json()) as { expires_in: number }).expires_in).toBe(5_184_000);
  });

  it("refuses expired codes, wrong secrets and wrong app ids", async () => {
    const code =
      codeFrom(await choose({ action: "continue", user_id: SEED.users[0]!.id })).get("code") ?? "";
    const base = { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: REDIRECT, code };
    await expectGraphError(await exchange({ ...base, client_secret: "nope" }), { code: 1 });
    await expectGraphError(await exchange({ ...base, client_id: "42" }), { code: 101 });
    await expectGraphError(await exchange({ ...base, code: "made-up" }), { code: 100 });
    const { redirect_uri: _omit, ...noRedirect } = base;
    await expectGraphError(await exchange(noRedirect), { code: 191 });
    h.advance(11 * 60 * 1000);
    await expectGraphError(await exchange(base), { code: 100, subcode: 36007 });
  });

  it("Cancel redirects with Facebook's denial parameters", async () => {
    const response = await choose({ action: "cancel" });
    expect(response.status).toBe(302);
    const params = codeFrom(response);
    expect(Object.fromEntries(params)).toEqual({
      error: "access_denied",
      error_code: "200",
      error_description: "Permissions error",
      error_reason: "user_denied",
      state: "st-1",
    });
    expect(response.headers.get("location")).toContain("error_description=Permissions+error");
  });

  it("a short-lived user token expires", async () => {
    const code =
      codeFrom(await choose({ action: "continue", user_id: SEED.users[0]!.id })).get("code") ?? "";
    const res = await exchange({
      client_id: APP_ID,
      client_secret: APP_SECRET,
      redirect_uri: REDIRECT,
      code,
    });
    const { access_token: token, expires_in: expiresIn } = (await res.json()) as {
      access_token: string;
      expires_in: number;
    };
    h.advance(expiresIn * 1000 + 1);
    const { appSecretProof } = await import("../state/app-secret-proof");
    const accounts = await h.app.request(
      `/v25.0/me/accounts?access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
    );
    await expectGraphError(accounts, { code: 190, subcode: 463 });
  });
});
