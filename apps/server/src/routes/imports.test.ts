import { request as httpRequest } from "node:http";
import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../testing/server-process";
import { TEST_ORIGIN } from "../testing/test-app";

type ImportState = {
  id: string;
  status: string;
  created: number;
  rowsRead: number;
  invalid: number;
  failure: string | null;
  errors: unknown[];
};

/** CSV uploads over real sockets to a real server process (what a browser or curl does). */
describe.each(testDrivers())("CSV upload to a server process on %s", (driver) => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(driver);
    await server.browser.signUp("Uploader");
  }, 180_000);
  afterAll(() => server?.stop());

  async function startImport(totalBytes: number) {
    const res = await server.browser.request("POST", "/api/contacts/imports", {
      fileName: "contacts.csv",
      totalBytes,
      newListName: `List ${crypto.randomUUID()}`,
      mapping: { EMAIL: "EMAIL", Name: "FIRSTNAME" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  const state = async (id: string) =>
    (await (
      await server.browser.request("GET", `/api/contacts/imports/${id}`)
    ).json()) as ImportState;

  async function until(id: string, done: (s: ImportState) => boolean, what: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = await state(id);
      if (done(s)) return s;
      if (Date.now() > deadline)
        throw new Error(`${what}: ${JSON.stringify(s)}\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A raw PUT of the file: `contentLength` undefined sends it chunked. */
  function upload(id: string, contentLength?: number) {
    const req = httpRequest(`${server.url}/api/contacts/imports/${id}/file`, {
      method: "PUT",
      headers: {
        origin: TEST_ORIGIN,
        cookie: server.browser.cookie,
        "content-type": "text/csv",
        ...(contentLength !== undefined && { "content-length": String(contentLength) }),
      },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
    });
    response.catch(() => undefined); // a test that fails early leaves it unawaited
    const write = (text: string) =>
      new Promise<void>((resolve, reject) => req.write(text, (e) => (e ? reject(e) : resolve())));
    return { req, response, write };
  }

  const rows = (tag: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${tag}${from + i}@example.com,Name\n`).join("");

  it("survives a client that drops a 50 MB upload after its first rows; the import fails saying so", async () => {
    const ROWS = 20_000;
    const id = await startImport(50_000_000);
    const put = upload(id, 50_000_000);
    await put.write(`EMAIL,Name\n${rows("dropped", 1, ROWS)}partial@exam`);
    await until(id, (s) => s.rowsRead >= 2_000, "rows never arrived");
    put.req.destroy();

    const failed = await until(id, (s) => s.status !== "running", "the import never ended");
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // The rows read before the drop stay imported (what the server held unread is lost with the
    // connection); the report says how far it got, and the half-sent last row is never read.
    expect(failed).toMatchObject({ status: "failed", rowsRead: failed.created, invalid: 0 });
    expect(failed.created).toBeGreaterThanOrEqual(2_000);
    expect(failed.failure).toBe(
      `The upload was interrupted. ${failed.created.toLocaleString("en")} contacts up to line ${(failed.created + 1).toLocaleString("en")} were imported; importing the file again updates them rather than adding them twice.`,
    );
  }, 120_000);

  it("streams a chunked upload: rows are written while the client is still sending", async () => {
    const id = await startImport(0);
    const put = upload(id);
    await put.write(`EMAIL,Name\n${rows("chunked", 1, 2_500)}`);
    const during = await until(id, (s) => s.created > 0, "nothing was written during the upload");
    expect(during).toMatchObject({ status: "running", created: 2_000 });
    await put.write(rows("chunked", 2_501, 500));
    put.req.end();
    const { status, body } = await put.response;
    expect(status, body).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: "done", created: 3_000 });
  }, 120_000);

  it("refuses a sized upload over 512 MB before reading it", async () => {
    const id = await startImport(0);
    const put = upload(id, 513 * 1024 * 1024);
    await put.write("EMAIL,Name\n");
    const { status, body } = await put.response;
    expect(status).toBe(413);
    expect(JSON.parse(body).error.message).toContain("512 MB");
    put.req.destroy();
  });
});
