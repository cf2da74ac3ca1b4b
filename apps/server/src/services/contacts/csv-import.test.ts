import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../../errors";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../../testing/test-app";
import type { Actor } from "../context";
import { runImport } from "./csv-import";

type Report = {
  id: string;
  status: string;
  failure: string | null;
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
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    actor = await browser.signUp("Importer");
    await browser.request("POST", "/api/data-fields", { name: "AGE", type: "number" });
    await browser.request("POST", "/api/data-fields", { name: "VIP", type: "boolean" });
  });
  afterAll(() => t?.close());

  async function startImport(
    totalBytes: number,
    mapping: Record<string, string | null>,
    extra: Record<string, unknown> = {},
  ) {
    const start = await browser.request("POST", "/api/contacts/imports", {
      fileName: "contacts.csv",
      totalBytes,
      newListName: `List ${crypto.randomUUID()}`,
      mapping,
      ...extra,
    });
    expect(start.status, await start.clone().text()).toBe(201);
    return ((await start.json()) as { id: string }).id;
  }

  async function putCsv(
    csv: string | Uint8Array,
    mapping: Record<string, string | null>,
    extra: Record<string, unknown> = {},
  ) {
    const bytes = typeof csv === "string" ? new TextEncoder().encode(csv) : csv;
    const id = await startImport(bytes.length, mapping, extra);
    return t.app.request(`${TEST_ORIGIN}/api/contacts/imports/${id}/file`, {
      method: "PUT",
      headers: { origin: TEST_ORIGIN, cookie: browser.cookie, "content-type": "text/csv" },
      body: bytes,
    });
  }

  async function importCsv(
    csv: string | Uint8Array,
    mapping: Record<string, string | null>,
    extra: Record<string, unknown> = {},
  ) {
    const res = await putCsv(csv, mapping, extra);
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
  const failedWith = async (res: Response) => {
    const body = (await res.json()) as { error: { code: string; message: string } };
    return { status: res.status, ...body.error };
  };
  const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

  it("refuses a Latin-1 file at its first non-UTF-8 line, keeping only the rows before it", async () => {
    const csv = latin1(
      "EMAIL,First name\nl1@example.com,Ann\nl2@example.com,Bob\nl3@example.com,Zo\u00eb\nl4@example.com,Al\n",
    );
    const res = await putCsv(csv, { EMAIL: "EMAIL", "First name": "FIRSTNAME" });
    const error = await failedWith(res);
    expect(error).toMatchObject({ status: 400, code: "invalid_encoding" });
    expect(error.message).toContain("Line 4 is not UTF-8 text");
    expect(error.message).toContain("Windows-1252");
    expect(error.message).toContain("2 contacts up to line 3 were imported");
    expect(await contact("l2@example.com")).toBeDefined();
    // Nothing from the bad line on: no name with U+FFFD, no later rows.
    expect(await contact("l3@example.com")).toBeUndefined();
    expect(await contact("l4@example.com")).toBeUndefined();
  });

  it("refuses a file whose header is not UTF-8, importing nothing", async () => {
    const res = await putCsv(latin1("EMAIL,Pr\u00e9nom\nh1@example.com,X\n"), { EMAIL: "EMAIL" });
    const error = await failedWith(res);
    expect(error.message).toContain("Line 1 is not UTF-8 text");
    expect(error.message).toContain("Nothing was imported");
    expect(await contact("h1@example.com")).toBeUndefined();
  });

  it("reads a Windows-1252 file when that encoding is chosen", async () => {
    const csv = latin1("EMAIL,Pr\u00e9nom\nw1@example.com,Zo\u00eb \x80\n");
    const report = await importCsv(
      csv,
      { EMAIL: "EMAIL", "Pr\u00e9nom": "FIRSTNAME" },
      { encoding: "windows-1252" },
    );
    expect(report).toMatchObject({ status: "done", created: 1 });
    expect((await contact("w1@example.com"))?.values.FIRSTNAME).toBe("Zo\u00eb \u20ac");
  });

  /** A body that arrives in pieces of `size` bytes, as a slow or chunked upload does. */
  const inPieces = (bytes: Uint8Array, size: number) => {
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      },
    });
  };

  it("reads UTF-8 characters and line ends split between pieces of the upload", async () => {
    const csv = new TextEncoder().encode(
      "EMAIL,First name\r\ns1@example.com,Zo\u00eb\r\ns2@example.com,\u65e5\u672c \ud83d\ude00\r\n",
    );
    const id = await startImport(csv.length, { EMAIL: "EMAIL", "First name": "FIRSTNAME" });
    const report = await runImport(t.runtime.deps, actor, id, inPieces(csv, 1), {
      maxBytes: 1024,
    });
    expect(report).toMatchObject({ status: "done", created: 2, invalid: 0 });
    expect((await contact("s2@example.com"))?.values.FIRSTNAME).toBe("\u65e5\u672c \ud83d\ude00");
  });

  it("stops an endless chunked upload at the limit with 413, keeping the rows before it", async () => {
    const rows = new TextEncoder().encode(
      `EMAIL\n${Array.from({ length: 100 }, (_, i) => `endless${i}@example.com\n`).join("")}`,
    );
    const blankLines = new Uint8Array(64 * 1024).fill(10);
    let sent = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(sent ? blankLines : rows);
        sent = true;
      },
    });
    const id = await startImport(0, { EMAIL: "EMAIL" });
    const error = await runImport(t.runtime.deps, actor, id, endless, {
      maxBytes: 1024 * 1024,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    const state = (await (
      await browser.request("GET", `/api/contacts/imports/${id}`)
    ).json()) as Report;
    expect(state).toMatchObject({ status: "failed", created: 100 });
    expect(state.failure).toContain("CSV files can be at most 1 MB");
  });

  it("reads a file with bare CR line ends (old Mac Excel), naming a non-UTF-8 line right", async () => {
    const good = await importCsv("EMAIL,First name\rcr1@example.com,Ann\rcr2@example.com,Bo\r", {
      EMAIL: "EMAIL",
      "First name": "FIRSTNAME",
    });
    expect(good).toMatchObject({ status: "done", created: 2 });
    expect((await contact("cr2@example.com"))?.values.FIRSTNAME).toBe("Bo");
    const res = await putCsv(latin1("EMAIL\rcr3@example.com\rcr\u00e94@example.com\r"), {
      EMAIL: "EMAIL",
    });
    expect((await failedWith(res)).message).toContain("Line 3 is not UTF-8 text");
  });

  it("rejects rows with a NUL character in a mapped cell and imports the rest", async () => {
    const csv = [
      "EMAIL,First name,Notes",
      "n1@example.com,Ann,ok",
      "n2@example.com,Jo\u0000hn,ok",
      "n3@example.com,Cy,ignored \u0000 column",
      "n4@exam\u0000ple.com,Dee,ok",
      'n5@example.com,"Ed"\u0000,ok',
      "n6@example.com,Flo,ok",
    ].join("\n");
    const report = await importCsv(csv, { EMAIL: "EMAIL", "First name": "FIRSTNAME", Notes: null });
    expect(report).toMatchObject({ status: "done", created: 3, invalid: 3 });
    expect(report.errors.map((e) => [e.line, e.reason.split(":")[0]])).toEqual([
      [3, "FIRSTNAME"],
      [5, "EMAIL"],
      [6, "FIRSTNAME"],
    ]);
    expect(report.errors[0]?.reason).toBe(
      "FIRSTNAME: contains a character that cannot be stored (a NUL character or half of a surrogate pair)",
    );
    expect((await contact("n3@example.com"))?.values.FIRSTNAME).toBe("Cy");
    expect(await contact("n2@example.com")).toBeUndefined();
    expect(await contact("n6@example.com")).toBeDefined();
  });
});
