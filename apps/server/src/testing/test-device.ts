import type { Hono } from "hono";
import { TEST_ORIGIN } from "./test-browser";

/**
 * A browser at a given client address (passed as the Node binding the server reads the socket
 * address from) that keeps both the session and the known-device cookie.
 */
export class TestDevice {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: Pick<Hono, "request">,
    public address: string,
  ) {}

  async request(method: string, path: string, body?: unknown) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const res = await this.app.request(
      `${TEST_ORIGIN}${path}`,
      {
        method,
        headers: {
          origin: TEST_ORIGIN,
          ...(body !== undefined && { "content-type": "application/json" }),
          ...(cookie && { cookie }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { incoming: { socket: { remoteAddress: this.address } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  logIn(email: string, password: string) {
    return this.request("POST", "/api/auth/login", { email, password });
  }

  async signUp(password = "correct horse battery") {
    const email = `owner-${crypto.randomUUID()}@example.test`;
    const res = await this.request("POST", "/api/auth/signup", {
      accountName: "Owner",
      email,
      password,
    });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    return { email, password };
  }
}
