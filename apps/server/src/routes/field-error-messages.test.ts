import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const errorOf = async (res: Response) => ((await res.json()) as Json).error;

describe.each(testDrivers())("field error messages on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Labels Co");
    await browser.request("POST", "/api/data-fields", { name: "LOYALTY_POINTS", type: "number" });
    const res = await browser.request("POST", "/api/contacts", { email: "ana@example.com" });
    contactId = ((await res.json()) as Json).id;
  });
  afterAll(() => t?.close());

  it("names a refused data field value by the field's label, keyed by its path", async () => {
    const res = await browser.request("PATCH", `/api/contacts/${contactId}`, {
      values: { LOYALTY_POINTS: "lots" },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.message).toBe("Loyalty points must be a number");
    expect(error.details.fields["values.LOYALTY_POINTS"]).toMatch(/'lots' is not a number/);
  });

  it("says which data field does not exist, without a path", async () => {
    const error = await errorOf(
      await browser.request("PATCH", `/api/contacts/${contactId}`, { values: { NOPE: "x" } }),
    );
    expect(error.message).toBe("There is no data field called NOPE");
  });

  it("words schema refusals by label: 'Account name is required', never 'accountName:'", async () => {
    const anonymous = new TestBrowser(t.app);
    const error = await errorOf(
      await anonymous.request("POST", "/api/auth/signup", {
        email: "x@example.com",
        password: "correct horse battery",
      }),
    );
    expect(error.message).toBe("Account name is required");
    expect(error.details.fields.accountName).toBe("is required");
  });

  it("words service refusals by label too", async () => {
    const error = await errorOf(await browser.request("POST", "/api/lists", { name: "  " }));
    expect(error.message).toBe("Name is required");
    expect(error.details.fields.name).toBe("is required");
  });

  it("never starts a message with an internal path", async () => {
    const answers = [
      await browser.request("PATCH", `/api/contacts/${contactId}`, {
        values: { LOYALTY_POINTS: true },
      }),
      await browser.request("POST", "/api/contacts", { email: "not an email" }),
      await browser.request("POST", "/api/data-fields", { name: "X", type: "colour" }),
    ];
    for (const res of answers) {
      const { message } = await errorOf(res);
      // A path starts lower case (accountName, values.X); a label is a capitalised word.
      expect(message).not.toMatch(/^[a-z][\w.]*: |values\./);
    }
  });
});
