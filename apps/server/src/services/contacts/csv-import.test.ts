import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../../testing/test-app";

type Report = {
  status: string;
  rowsRead: number;
  created: number;
  updated: number;
  invalid: number;
  duplicates: number;
  errors: { line: number; kind: string; email?: string; reason: string }[];
  listId: string;
};

describe.each(testDrivers())("CSV import on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    await browser.signUp("Importer");
    await browser.request("POST", "/api/data-fields", { name: "AGE", type: "number" });
    await browser.request("POST", "/api/data-fields", { name: "VIP", type: "boolean" });
  });
  afterAll(() => t?.close());

  async function importCsv(
    csv: string | Uint8Array,
    mapping: Record<string, string | null>,
    extra: Record<string, unknown> = {},
  ) {
    const bytes = typeof csv === "string" ? new TextEncoder().encode(csv) : csv;
    const start = await browser.request("POST", "/api/contacts/imports", {
      fileName: "contacts.csv",
      totalBytes: bytes.length,
      newListName: `List ${crypto.randomUUID()}`,
      mapping,
      ...extra,
    });
    expect(start.status, await start.clone().text()).toBe(201);
    const { id } = (await start.json()) as { id: string };
    const res = await t.app.request(`${TEST_ORIGIN}/api/contacts/imports/${id}/file`, {
      method: "PUT",
      headers: { origin: TEST_ORIGIN, cookie: browser.cookie, "content-type": "text/csv" },
      body: bytes,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Report;
  }

  const contact = async (email: string) => {
    const page = (await (
      await browser.request("GET", `/api/contacts?search=${encodeURIComponent(email)}`)
    ).json()) as {
      contacts: { email: string; values: Record<string, unknown> }[];
    };
    return page.contacts.find((c) => c.email === email);
  };

  const basic = { EMAIL: "EMAIL", "First name": "FIRSTNAME", Age: "AGE" };

  it("reads quoted fields with embedded commas, quotes and newlines", async () => {
    const report = await importCsv(
      'EMAIL,First name,Age\nq1@example.com,"Smith, Jane",30\nq2@example.com,"Say ""hi""\nthere",31\n',
      basic,
    );
    expect(report).toMatchObject({ status: "done", created: 2, invalid: 0 });
    expect((await contact("q1@example.com"))?.values).toEqual({
      FIRSTNAME: "Smith, Jane",
      AGE: 30,
    });
    expect((await contact("q2@example.com"))?.values.FIRSTNAME).toBe('Say "hi"\nthere');
  });

  it("handles a UTF-8 BOM, CRLF line ends and empty lines, reporting the right line", async () => {
    const csv =
      "\uFEFFEMAIL,First name,Age\r\nbom@example.com,Zoë,1\r\n\r\n\r\nnot-an-email,X,2\r\n";
    const report = await importCsv(csv, basic);
    expect(report.created).toBe(1);
    expect(report.invalid).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 5,
        kind: "invalid",
        reason: expect.stringContaining("not an email"),
      }),
    ]);
    expect((await contact("bom@example.com"))?.values.FIRSTNAME).toBe("Zoë");
  });

  it("keeps the last of duplicate emails and reports the duplicate", async () => {
    const csv =
      "EMAIL,First name,Age\ndup@example.com,First,1\nother@example.com,O,2\nDUP@example.com,Last,3\n";
    const report = await importCsv(csv, basic);
    expect(report).toMatchObject({ created: 2, duplicates: 1, invalid: 0 });
    expect(report.errors).toEqual([
      expect.objectContaining({ line: 2, kind: "duplicate", email: "dup@example.com" }),
    ]);
    expect((await contact("dup@example.com"))?.values).toEqual({ FIRSTNAME: "Last", AGE: 3 });
  });

  it("reports a value that does not fit its field type, naming the field", async () => {
    const csv =
      "EMAIL,Age,Vip\nok@example.com,5,yes\nbadage@example.com,five,no\nbadvip@example.com,6,perhaps\n";
    const report = await importCsv(csv, { EMAIL: "EMAIL", Age: "AGE", Vip: "VIP" });
    expect(report.created).toBe(1);
    expect(report.errors.map((e) => [e.line, e.reason.split(":")[0]])).toEqual([
      [3, "AGE"],
      [4, "VIP"],
    ]);
    expect((await contact("ok@example.com"))?.values).toEqual({ AGE: 5, VIP: true });
  });

  it("updates existing contacts by email case-insensitively and leaves empty cells alone", async () => {
    await browser.request("POST", "/api/contacts", {
      email: "keep@example.com",
      values: { FIRSTNAME: "Kept", AGE: 9 },
    });
    const report = await importCsv("EMAIL,First name,Age\nKEEP@example.com,,10\n", basic);
    expect(report).toMatchObject({ created: 0, updated: 1 });
    expect((await contact("keep@example.com"))?.values).toEqual({ FIRSTNAME: "Kept", AGE: 10 });
  });

  it("creates fields the mapping asks for", async () => {
    const report = await importCsv(
      "EMAIL,Town\ntown@example.com,Leeds\n",
      { EMAIL: "EMAIL", Town: "TOWN" },
      {
        createFields: [{ name: "TOWN", type: "text" }],
      },
    );
    expect(report.created).toBe(1);
    expect((await contact("town@example.com"))?.values).toEqual({ TOWN: "Leeds" });
  });

  it("imports 997 of 1,000 rows and reports the 3 bad ones by line", async () => {
    const lines = ["EMAIL,First name,Age"];
    for (let i = 1; i <= 1000; i++) {
      if (i === 10) lines.push("broken-email,Bad,1");
      else if (i === 500) lines.push(`row${i}@example.com,Bad,not-a-number`);
      else if (i === 999) lines.push(",NoEmail,3");
      else lines.push(`row${i}@example.com,Name${i},${i}`);
    }
    const report = await importCsv(`${lines.join("\n")}\n`, basic);
    expect(report).toMatchObject({ status: "done", rowsRead: 1000, created: 997, invalid: 3 });
    expect(report.errors.map((e) => e.line)).toEqual([11, 501, 1000]);
    const list = (await (await browser.request("GET", `/api/lists/${report.listId}`)).json()) as {
      memberCount: number;
    };
    expect(list.memberCount).toBe(997);
  });

  it("refuses a mapping without exactly one EMAIL column", async () => {
    const res = await browser.request("POST", "/api/contacts/imports", {
      fileName: "x.csv",
      totalBytes: 1,
      newListName: "No email",
      mapping: { Name: "FIRSTNAME" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("EMAIL");
  });

  it("refuses a second upload for the same import", async () => {
    const start = await browser.request("POST", "/api/contacts/imports", {
      fileName: "x.csv",
      totalBytes: 30,
      newListName: "Once",
      mapping: { EMAIL: "EMAIL" },
    });
    const { id } = (await start.json()) as { id: string };
    const put = () =>
      t.app.request(`${TEST_ORIGIN}/api/contacts/imports/${id}/file`, {
        method: "PUT",
        headers: { origin: TEST_ORIGIN, cookie: browser.cookie, "content-type": "text/csv" },
        body: "EMAIL\nonce@example.com\n",
      });
    expect((await put()).status).toBe(200);
    expect((await put()).status).toBe(409);
  });
});
