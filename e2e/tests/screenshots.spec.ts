import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { expect, signUpThroughUi, test } from "../fixtures/test";
import { until } from "../fixtures/until";

// The README's pictures, written anew by every run so they show the app as it is: the same
// account, contacts and outcomes each time (only the dates move with the day of the run).
const OUT = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const ACME_SHOES = "110000000000001";
const PEOPLE = {
  ana: "120000000000001",
  peter: "120000000000002",
  amara: "120000000000003",
  jonas: "120000000000004",
};

test.use({ locale: "en-GB", timezoneId: "UTC", colorScheme: "light" });
// Four opt-ins, a program run and four screenshots: twice one test's budget.
test.describe.configure({ timeout: 420_000 });

async function shoot(page: Page, name: string, width: number, fullPage = false) {
  await page.mouse.move(0, 0);
  await page.screenshot({
    path: `${OUT}${name}-${width}.png`,
    fullPage,
    animations: "disabled",
    caret: "hide",
  });
}

test("screenshots of an active 6-node program with its counts and of its profile's usage statistics, at 1440 and 1024 px", async ({
  page,
  server,
}) => {
  await mkdir(OUT, { recursive: true });
  await page.setViewportSize(WIDTHS[0]);
  await signUpThroughUi(page, "Acme Shoes Ltd");
  await createSandboxProfile(page, { name: "Acme Shoes Messenger" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1)!;
  const api = async (method: "get" | "post", path: string, data?: unknown, extra = {}) => {
    const res = await page.request[method](`${server.url}${path}`, {
      headers: { origin: server.url, ...extra },
      ...(data !== undefined && { data }),
    });
    expect(res.ok(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const { optInFieldName } = await api("get", `/api/messenger/profiles/${profileId}`);

  // Six contacts: four opt in (Peter then blocks the page), two never do.
  const people = [
    ["ana", "Ana", "García"],
    ["peter", "Peter", "Chang"],
    ["amara", "Amara", "Okafor"],
    ["jonas", "Jonas", ""],
    ["ben", "Ben", "Adams"],
    ["cleo", "Cleo", ""],
  ] as const;
  const ids: string[] = [];
  for (const [key, first, last] of people) {
    const contact = await api("post", "/api/contacts", {
      email: `${key}@example.com`,
      values: { FIRSTNAME: first, ...(last && { LASTNAME: last }) },
    });
    ids.push(contact.id);
    const personId = PEOPLE[key as keyof typeof PEOPLE];
    if (!personId) continue;
    const { ref } = await api(
      "get",
      `/api/messenger/profiles/${profileId}/opt-in-links/${contact.id}`,
    );
    await api("post", `/fb-sandbox/_admin/people/${personId}/opt-in`, { pageId: ACME_SHOES, ref });
    await until(
      () => api("get", `/api/contacts/${contact.id}`),
      (c) => Boolean(c.values[optInFieldName]),
      `${first}'s opt-in`,
      45_000,
    );
  }
  await api("post", `/fb-sandbox/_admin/people/${PEOPLE.peter}/block`, { pageId: ACME_SHOES });

  // Start → Welcome → Wait 2 days → Has a last name? → Follow-up → End (or straight to End).
  const list = await api("post", "/api/lists", { name: "Spring launch" });
  await api("post", `/api/lists/${list.id}/members`, { contactIds: ids });
  const { key } = await api("post", "/api/api-keys", { name: "Screenshots" });
  const bearer = { authorization: `Bearer ${key}` };
  const message = (text: string) => ({ profileId, tagId: "response", text });
  const program = await api(
    "post",
    "/api/v1/programs",
    {
      name: "Spring launch welcome",
      document: {
        schemaVersion: 1,
        nodes: [
          { id: "start", type: "start", position: { x: 0, y: 0 }, data: { listId: list.id } },
          {
            id: "welcome",
            type: "messenger",
            position: { x: 0, y: 170 },
            data: message("Hi @FIRSTNAME@, our spring collection is here!"),
          },
          {
            id: "wait",
            type: "wait",
            position: { x: 0, y: 420 },
            data: { amount: 2, unit: "days" },
          },
          {
            id: "known",
            type: "decision",
            position: { x: 0, y: 590 },
            data: {
              rule: { kind: "field", field: "LASTNAME", operator: "is_not_empty", value: "" },
            },
          },
          {
            id: "follow",
            type: "messenger",
            position: { x: -230, y: 800 },
            data: message("@FIRSTNAME@, 10% off your first spring pair this week."),
          },
          { id: "end", type: "end", position: { x: 0, y: 1040 }, data: { outcome: "Welcomed" } },
        ],
        edges: [
          { id: "e1", source: "start", sourceHandle: null, target: "welcome" },
          { id: "e2", source: "welcome", sourceHandle: null, target: "wait" },
          { id: "e3", source: "wait", sourceHandle: null, target: "known" },
          { id: "e4", source: "known", sourceHandle: "yes", target: "follow" },
          { id: "e5", source: "known", sourceHandle: "no", target: "end" },
          { id: "e6", source: "follow", sourceHandle: null, target: "end" },
        ],
      },
    },
    bearer,
  );
  await api("post", `/api/v1/programs/${program.id}/activate`, {}, bearer);
  await until(
    () => api("get", `/api/messenger/statistics/${profileId}`),
    (s) => s.delivered === 3 && s.warnings === 2 && s.errors === 1,
    "the welcome messages to be counted",
    45_000,
  );

  // The canvas: every node with its counts, laid out and fitted to the window.
  await page.goto(`/programs/${program.id}`);
  const canvas = page.getByRole("region", { name: "Canvas" });
  await expect(canvas.locator(".react-flow__node")).toHaveCount(6);
  await expect(canvas.getByRole("button", { name: /^6 contacts passed through / })).toHaveCount(2);
  await expect(canvas.getByRole("button", { name: /^6 contacts at .+ now$/ })).toBeVisible();
  // The minimap keeps a strip of its own; the pictures show the program instead.
  await page.getByRole("button", { name: "Minimap", pressed: true }).click();
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.getByRole("button", { name: /fit view/i }).click();
    await page.waitForTimeout(400);
    await shoot(page, "canvas", size.width);
  }

  // The statistics page: chart and table of the last 7 days.
  await page.goto(`/settings/channels/messenger/${profileId}/statistics`);
  const table = page.getByRole("table", { name: "Messages by date" });
  await expect(table.getByRole("row", { name: /^Total/ })).toContainText("3");
  await expect(
    page.getByRole("figure", { name: "Daily figures chart" }).locator("svg").first(),
  ).toBeVisible();
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await shoot(page, "statistics", size.width, true);
  }
});
