import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectedPage,
  type ContractHarness,
  connectPage,
  startContractHarness,
} from "./contract-harness";

describe.each(testDrivers())("client ↔ sandbox over HTTP: the User Profile API on %s", (driver) => {
  let h: ContractHarness;
  let p: ConnectedPage;
  beforeAll(async () => {
    h = await startContractHarness(driver);
    p = await connectPage(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("reads the person's name with the page token, asking only default fields", async () => {
    const answer = await h.client.getUserProfile(p.pageToken, p.psid);
    expect(answer).toEqual({
      ok: true,
      profile: {
        psid: p.psid,
        firstName: "Zoë",
        lastName: expect.stringMatching(/^N\d+$/),
        name: expect.stringMatching(/^Zoë N\d+$/),
      },
    });
    const asked = h.requests.at(-1)!;
    expect(asked.pathname).toBe(`/fb-sandbox/v25.0/${p.psid}`);
    expect(asked.searchParams.get("fields")).toBe("first_name,last_name,name");
  });

  it("classifies no profile as permanent, a bad token as token_invalid", async () => {
    const other = await connectPage(h);
    const none = await h.client.getUserProfile(p.pageToken, other.psid);
    expect(none).toMatchObject({
      ok: false,
      error: { kind: "graph", code: 100, subcode: 2018218, classification: "permanent_recipient" },
    });
    const badToken = await h.client.getUserProfile("EAAnot-a-token", p.psid);
    expect(badToken).toMatchObject({
      ok: false,
      error: { code: 190, classification: "token_invalid" },
    });
  });

  it("retries when Facebook rate limits, fails or is too slow, and then reads the name", async () => {
    await h.sandbox.admin.setFaults({ userProfile: { errors: [{ code: 4, count: 1 }] } });
    const limited = await h.client.getUserProfile(p.pageToken, p.psid);
    expect(limited).toMatchObject({
      ok: false,
      error: { code: 4, classification: "retry", backoff: "rate_limit" },
    });
    await h.sandbox.admin.setFaults({ userProfile: { errors: [{ code: 2, count: 1 }] } });
    const outage = await h.client.getUserProfile(p.pageToken, p.psid);
    expect(outage).toMatchObject({ ok: false, error: { code: 2, classification: "retry" } });
    await h.sandbox.admin.setFaults({ userProfile: { latencyMs: 400 } });
    const slow = await h.clientWith({ timeoutMs: 100 }).getUserProfile(p.pageToken, p.psid);
    expect(slow).toMatchObject({ ok: false, error: { kind: "retry", reason: "timeout" } });
    await h.sandbox.admin.setFaults({ userProfile: null });
    expect((await h.client.getUserProfile(p.pageToken, p.psid)).ok).toBe(true);
  });
});
