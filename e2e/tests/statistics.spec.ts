import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { optInThroughLink } from "../fixtures/opt-in";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { expect, signUpThroughUi, test } from "../fixtures/test";
import { until } from "../fixtures/until";

const ACME_SHOES = "110000000000001";
const ANA_GARCIA = "120000000000001";
const NOT_OPTED_IN = "contact has not opted in";

/** A small RFC 4180 reader for checking the export (quoted fields, doubled quotes, CRLF). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || (ch === "\r" && input[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length > 0) rows.push([...row, field]);
  return rows;
}

test("usage statistics after a program run: profile page, drill-down, warnings, contacts, CSV", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Acme Shoes Ltd");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1)!;
  const request: APIRequestContext = page.request;
  const headers = { origin: server.url };
  const api = async (method: "get" | "post", path: string, data?: unknown, extra = {}) => {
    const res = await request[method](`${server.url}${path}`, {
      headers: { ...headers, ...extra },
      ...(data !== undefined && { data }),
    });
    expect(res.ok(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(true);
    return res.json();
  };

  // Three contacts; only Ana opts in (through the sandbox, as her Send to Messenger click would).
  const ana = await api("post", "/api/contacts", {
    email: "ana@example.com",
    values: { FIRSTNAME: "Ana", LASTNAME: "García" },
  });
  const ben = await api("post", "/api/contacts", {
    email: "ben@example.com",
    values: { FIRSTNAME: "Ben", LASTNAME: "Okafor" },
  });
  const cleo = await api("post", "/api/contacts", {
    email: "cleo@example.com",
    values: { FIRSTNAME: "Cleo" },
  });
  await optInThroughLink(page, server, {
    profileId,
    contactId: ana.id,
    personId: ANA_GARCIA,
    pageId: ACME_SHOES,
  });

  // A program run: Start (list) → Messenger → End, created and activated through the public API.
  const list = await api("post", "/api/lists", { name: "Launch list" });
  await api("post", `/api/lists/${list.id}/members`, { contactIds: [ana.id, ben.id, cleo.id] });
  const { key } = await api("post", "/api/api-keys", { name: "e2e" });
  const bearer = { authorization: `Bearer ${key}` };
  const program = await api(
    "post",
    "/api/v1/programs",
    {
      name: "Launch",
      document: startMessengerEnd({
        listId: list.id,
        profileId,
        text: "Hi @FIRSTNAME@, we are live!",
      }),
    },
    bearer,
  );
  await api("post", `/api/v1/programs/${program.id}/activate`, {}, bearer);
  await until(
    () => api("get", `/api/messenger/statistics/${profileId}`),
    (s) => s.delivered === 1 && s.notSent === 2,
    "the run to be counted",
  );
  const today: string = (await api("get", `/api/messenger/statistics/${profileId}`)).today;

  // The profile page: delivered in the last 7 days, and why messages were not sent.
  await page.goto(`/settings/channels/messenger/${profileId}`);
  const stats = page.getByRole("region", { name: "Usage statistics" });
  await expect(stats.getByText("Messages delivered in the last 7 days")).toBeVisible();
  const delivered = stats.getByRole("link", { name: /^Messages delivered in the last 7 days: 1 / });
  await expect(delivered).toHaveText("1");
  const errors = stats.getByRole("table", { name: "Messages not sent in the last 7 days" });
  await expect(errors.getByRole("row")).toHaveCount(2);
  await expect(errors.getByRole("row").nth(1).getByRole("cell")).toHaveText([
    "Warning",
    NOT_OPTED_IN,
    "2",
  ]);

  // The drill-down, filtered to warnings.
  await delivered.click();
  await expect(page.getByRole("heading", { name: "Usage statistics: Shop" })).toBeVisible();
  await expect(
    page.getByRole("figure", { name: "Daily figures chart" }).locator("svg").first(),
  ).toBeVisible();
  const table = page.getByRole("table", { name: "Messages by date" });
  await expect(table.getByRole("row")).toHaveCount(7 + 2);
  await expect(table.getByRole("columnheader", { name: "Messages sent" })).toBeVisible();
  // Date ranges: 30 days, custom dates, back to 7 days (empty days are zeros).
  await page.getByRole("radio", { name: "Last 30 days" }).check();
  await expect(table.getByRole("row")).toHaveCount(30 + 2);
  await page.getByRole("radio", { name: "Custom dates" }).check();
  const custom = page.getByRole("form", { name: "Custom dates" });
  const twoDaysAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 2 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await custom.getByLabel("From").fill(twoDaysAgo);
  await custom.getByLabel("To").fill(today);
  await custom.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByRole("row")).toHaveCount(3 + 2);
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${twoDaysAgo}&to=${today}`));
  await page.getByRole("radio", { name: "Last 7 days" }).check();
  await expect(table.getByRole("row")).toHaveCount(7 + 2);
  await page.getByRole("radio", { name: "Warnings" }).check();
  await expect(table.getByRole("columnheader", { name: "Messages sent" })).toHaveCount(0);
  await expect(table.getByRole("columnheader", { name: "Messages delivered" })).toHaveCount(0);
  await expect(table.getByRole("columnheader", { name: "Warning message" })).toBeVisible();
  const todayRow = table.getByRole("row").nth(1);
  await expect(todayRow).toContainText(`${NOT_OPTED_IN}: 2`);
  const todayWarnings = todayRow.getByRole("link", { name: /^Warning message on .+: 2$/ });
  await expect(todayWarnings).toHaveAttribute("href", new RegExp(`from=${today}&to=${today}`));

  // Today's number in Warning message: exactly the contacts who had not opted in.
  await todayWarnings.click();
  await expect(page.getByRole("heading", { name: /^Warning message: / })).toBeVisible();
  const contacts = page.getByRole("table", { name: "Contacts" });
  await expect(contacts.getByRole("row")).toHaveCount(3);
  expect((await contacts.getByRole("link").allInnerTexts()).sort()).toEqual([
    "ben@example.com",
    "cleo@example.com",
  ]);
  await expect(contacts.getByRole("row", { name: /ben@example\.com/ })).toContainText("Ben Okafor");
  for (const email of ["ben@example.com", "cleo@example.com"]) {
    const row = contacts.getByRole("row", { name: new RegExp(email.replace(".", "\\.")) });
    await expect(row).toContainText("Launch");
    await expect(row).toContainText("Not sent");
    await expect(row).toContainText(NOT_OPTED_IN);
  }
  await page.getByLabel("Sort by time").selectOption({ label: "Oldest first" });
  await expect(contacts.getByRole("row")).toHaveCount(3);
  await expect(page).toHaveURL(/order=oldest/);

  // The CSV export: a header and one row per contact.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`Shop-warnings-${today}-to-${today}.csv`);
  const rows = readCsv(await readFile((await download.path())!, "utf8"));
  expect(rows[0]).toEqual([
    "Email",
    "Name",
    "Time (UTC)",
    "Program",
    "Node",
    "Status",
    "Reason",
    "Reason detail",
    "Contact ID",
    expect.stringMatching(/^FBOPTINLINK_\w{4}$/),
  ]);
  expect(
    rows
      .slice(1)
      .map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8]])
      .sort(),
  ).toEqual([
    [
      "ben@example.com",
      "Ben Okafor",
      "Launch",
      "Messenger 1",
      "Not sent",
      NOT_OPTED_IN,
      "",
      ben.id,
    ],
    ["cleo@example.com", "Cleo", "Launch", "Messenger 1", "Not sent", NOT_OPTED_IN, "", cleo.id],
  ]);
  for (const r of rows.slice(1)) {
    expect(r[2]).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2}$`));
    // Each contact's personal opt-in link, to reach those not opted in another way.
    expect(r[9]).toMatch(/\/optin\/[^/]+$/);
  }

  // Each contact links to the contact's page.
  await contacts.getByRole("link", { name: "ben@example.com" }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${ben.id}$`));
});
