import { optInThroughLink } from "../fixtures/opt-in";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { expect, signUpThroughUi, test } from "../fixtures/test";
import { until } from "../fixtures/until";

const ACME_SHOES = "110000000000001";
const ANA_GARCIA = "120000000000001";
const PETER_CHANG = "120000000000002";
const JONAS_MULLER = "120000000000004";
const NOT_OPTED_IN = "contact has not opted in";
const BLOCKED = "This person blocked your page or stopped receiving messages";

test("Facebook's errors apart from warnings: columns, filter, plain reasons, profiles list, live headline", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Acme Shoes Ltd");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1)!;
  const headers = { origin: server.url };
  const api = async (method: "get" | "post", path: string, data?: unknown, extra = {}) => {
    const res = await page.request[method](`${server.url}${path}`, {
      headers: { ...headers, ...extra },
      ...(data !== undefined && { data }),
    });
    expect(res.ok(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const optIn = (contactId: string, personId: string) =>
    optInThroughLink(page, server, { profileId, contactId, personId, pageId: ACME_SHOES });

  // Ana opts in; Peter opts in, then blocks the page (Facebook answers 551); Ben never opts in.
  const ana = await api("post", "/api/contacts", {
    email: "ana@example.com",
    values: { FIRSTNAME: "Ana" },
  });
  const peter = await api("post", "/api/contacts", {
    email: "peter@example.com",
    values: { FIRSTNAME: "Peter" },
  });
  const ben = await api("post", "/api/contacts", {
    email: "ben@example.com",
    values: { FIRSTNAME: "Ben" },
  });
  await optIn(ana.id, ANA_GARCIA);
  await optIn(peter.id, PETER_CHANG);
  await api("post", `/fb-sandbox/_admin/people/${PETER_CHANG}/block`, { pageId: ACME_SHOES });

  const list = await api("post", "/api/lists", { name: "Launch list" });
  await api("post", `/api/lists/${list.id}/members`, { contactIds: [ana.id, peter.id, ben.id] });
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
  const summary = await until(
    () => api("get", `/api/messenger/statistics/${profileId}`),
    (s) => s.delivered === 1 && s.warnings === 1 && s.errors === 1,
    "the run to be counted",
  );

  // The profiles list: each profile's delivered and errors of the last 7 days.
  await page.goto("/settings/channels/messenger");
  const profiles = page.getByRole("table", { name: "Messenger profiles" });
  await expect(
    profiles.getByRole("columnheader", { name: "Delivered, last 7 days" }),
  ).toBeVisible();
  await expect(profiles.getByRole("columnheader", { name: "Errors, last 7 days" })).toBeVisible();
  const shopRow = profiles.getByRole("row", { name: /Shop/ });
  await expect(shopRow.getByRole("cell").nth(4)).toHaveText("1");
  await expect(
    shopRow.getByRole("link", { name: "Errors of Shop in the last 7 days: 1" }),
  ).toBeVisible();

  // The profile page: warnings and errors apart, the error in plain words with its code below.
  await profiles.getByRole("link", { name: "Shop", exact: true }).click();
  const stats = page.getByRole("region", { name: "Usage statistics" });
  await expect(
    stats.getByRole("link", { name: /^Messages delivered in the last 7 days: 1 / }),
  ).toHaveText("1");
  await expect(stats.getByRole("link", { name: "1 warnings" })).toBeVisible();
  await expect(stats.getByRole("link", { name: "1 errors" })).toBeVisible();
  const reasons = stats.getByRole("table", { name: "Messages not sent in the last 7 days" });
  const errorRow = reasons.getByRole("row", { name: /Error/ });
  await expect(errorRow).toContainText(BLOCKED);
  await expect(errorRow).toContainText(/Facebook error 551\/1545041: /);
  await expect(reasons.getByRole("row", { name: /Warning/ })).toContainText(NOT_OPTED_IN);

  // The headline refreshes while the page is visible: Jonas opts in and joins the list.
  const jonas = await api("post", "/api/contacts", {
    email: "jonas@example.com",
    values: { FIRSTNAME: "Jonas" },
  });
  await optIn(jonas.id, JONAS_MULLER);
  await api("post", `/api/lists/${list.id}/members`, { contactIds: [jonas.id] });
  const delivered = stats.getByRole("link", { name: /^Messages delivered in the last 7 days: / });
  await expect(delivered).toHaveText("2", { timeout: 30_000 });

  // The drill-down agrees with the headline and shows errors in their own column and colour.
  await stats.getByRole("link", { name: "1 errors" }).click();
  await expect(page.getByRole("heading", { name: "Usage statistics: Shop" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Errors" })).toBeChecked();
  const table = page.getByRole("table", { name: "Messages by date" });
  await expect(table.getByRole("columnheader", { name: "Errors" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Warning message" })).toHaveCount(0);
  const today = table.getByRole("row").nth(1);
  await expect(today).toContainText(BLOCKED);
  await expect(today).toContainText(/Facebook error 551\/1545041/);
  await expect(today).not.toContainText(NOT_OPTED_IN);
  const chart = page.getByRole("figure", { name: "Daily figures chart" });
  await expect(chart.getByText("Errors (Facebook)")).toBeVisible();
  await expect(chart.locator('path[fill="#b42318"]').first()).toBeVisible();

  await page.getByRole("radio", { name: "All figures" }).check();
  await expect(table.getByRole("columnheader", { name: "Warning message" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Errors" })).toBeVisible();
  const totals = table.getByRole("row", { name: /^Total/ });
  await expect(
    totals.getByRole("link", { name: "Messages delivered in the whole range: 2" }),
  ).toBeVisible();
  await expect(
    totals.getByRole("link", { name: "Warning message in the whole range: 1" }),
  ).toBeVisible();
  await expect(totals.getByRole("link", { name: "Errors in the whole range: 1" })).toBeVisible();
  expect(summary.notSent).toBe(2);

  // The errors behind the number: Peter alone, failed, with the reason and Facebook's record.
  await page.getByRole("radio", { name: "Errors" }).check();
  await today.getByRole("link", { name: /^Errors on .+: 1$/ }).click();
  await expect(page.getByRole("heading", { name: /^Errors: / })).toBeVisible();
  const contacts = page.getByRole("table", { name: "Contacts" });
  await expect(contacts.getByRole("row")).toHaveCount(2);
  const peterRow = contacts.getByRole("row", { name: /peter@example\.com/ });
  await expect(peterRow).toContainText("Failed");
  await expect(peterRow).toContainText(BLOCKED);
  await expect(peterRow).toContainText(/Facebook error 551\/1545041/);
});
