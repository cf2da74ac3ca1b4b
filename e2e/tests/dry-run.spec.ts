import type { Page } from "@playwright/test";
import { seedLaunchList } from "../fixtures/launch-list";
import { startMessengerEnd } from "../fixtures/programs";
import { expect, test } from "../fixtures/test";

const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });

// Issue 16.1: Test run shows what activating would do, on the nodes and in a panel of reasons.
test("Test run counts each node apart from live counts and lists the contacts behind each reason", async ({
  page,
  server,
}) => {
  const {
    profileId,
    post,
    contacts: [, , cara],
    list,
  } = await seedLaunchList(page, server, {
    account: "Dry Co",
    contacts: [
      { email: "ana@example.com", values: { FIRSTNAME: "Ana" } },
      { email: "bob@example.com", values: { FIRSTNAME: "Bob", LASTNAME: "Stone" } },
      { email: "cara@example.com" },
    ],
  });
  const program = await post("/api/programs", {
    name: "Launch day",
    document: startMessengerEnd({
      listId: list.id,
      profileId,
      text: "Hi @FIRSTNAME@!",
      name: "Launch news",
      outcome: "Told",
    }),
  });
  await page.goto(`/programs/${program.id}`);
  // Ana's opt-in reaches Waymark through the sandbox's webhook: wait until a dry run sees it.
  await expect
    .poll(
      async () => {
        await post(`/api/dry-runs/programs/${program.id}`, {});
        const res = await page.request.get(
          `${server.url}/api/dry-runs/programs/${program.id}/latest`,
        );
        const { dryRun } = await res.json();
        return dryRun.status === "done" ? dryRun.summary.sends : -1;
      },
      { timeout: 20_000 },
    )
    .toBe(1);

  await page.getByRole("button", { name: "Test run" }).click();
  const panel = page.getByRole("region", { name: "Test run" });
  await expect(panel.getByRole("status").filter({ hasText: "Finished" })).toContainText(
    "3 of 3 contacts tested",
  );
  await expect(panel).toContainText("1 Messenger messages would be sent and 2 skipped");
  await expect(panel.getByRole("list", { name: "What the test run assumes" })).toContainText(
    "Every Wait is taken as already elapsed.",
  );

  // On the canvas: a dashed "Test run" note per node, not the live count buttons of an active program.
  const note = canvas(page).getByRole("note", { name: "Test run at Launch news" });
  await expect(note).toHaveText("Test run 3 reach · 1 send · 2 skipped");
  await expect(note).toHaveCSS("border-top-style", "dashed");
  await expect(canvas(page).getByRole("note", { name: "Test run at Start" })).toHaveText(
    "Test run 3 reach",
  );
  await expect(canvas(page).getByRole("button", { name: /passed through/ })).toHaveCount(0);

  const reasons = panel.getByRole("table", { name: "Why messages would be skipped" });
  await expect(reasons.getByRole("row", { name: /contact has not opted in/ })).toContainText(
    "Launch news",
  );
  await reasons
    .getByRole("button", { name: "Show the 2 contacts: contact has not opted in at Launch news" })
    .click();
  const contacts = page.getByRole("dialog", {
    name: "Contacts: contact has not opted in at Launch news",
  });
  await expect(contacts.getByRole("row", { name: /bob@example\.com/ })).toContainText("Bob Stone");
  await expect(contacts.getByRole("row", { name: /cara@example\.com/ })).toContainText("No name");
  await expect(contacts.getByRole("link", { name: "ana@example.com" })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    contacts.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\r\n").filter(Boolean).sort()).toEqual(
    ["Bob Stone,bob@example.com", ",cara@example.com", "name,email"].sort(),
  );
  await contacts.getByRole("button", { name: "Close" }).click();

  // Cara gets a first name: the result is out of date until the test runs again.
  await page.request.patch(`${server.url}/api/contacts/${cara.id}`, {
    data: { values: { FIRSTNAME: "Cara" } },
    headers: { origin: server.url },
  });
  await panel.getByRole("button", { name: "Close test run" }).click();
  await expect(note).toHaveCount(0);
  await page.getByRole("button", { name: "Test run" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Finished" })).toBeVisible();
  await expect(panel).not.toContainText("out of date");
});
