import type { Hono } from "hono";

/** The origin test requests use with `app.request()` (same-origin checks compare to it). */
export const TEST_ORIGIN = "http://localhost:3000";

/** A browser-like client that keeps the session cookie and sends our Origin. */
export class TestBrowser {
  cookie = "";
  constructor(private readonly app: Pick<Hono, "request">) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.request(`${TEST_ORIGIN}${path}`, {
      method,
      headers: {
        origin: TEST_ORIGIN,
        ...(body !== undefined && { "content-type": "application/json" }),
        ...(this.cookie && { cookie: this.cookie }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    return res;
  }

  /** Signs up a fresh account with a unique email; returns its ids. */
  async signUp(name = "Acme") {
    const email = `${name.toLowerCase().replace(/\W/g, "")}-${crypto.randomUUID()}@example.test`;
    const res = await this.request("POST", "/api/auth/signup", {
      accountName: name,
      email,
      password: "correct horse battery",
    });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    return { email, ...((await res.json()) as { userId: string; accountId: string }) };
  }
}
