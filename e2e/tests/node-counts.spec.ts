import type { Page } from "@playwright/test";
import { seedLaunchList } from "../fixtures/launch-list";
import { startMessengerEnd } from "../fixtures/programs";
import { expect, test } from "../fixtures/test";

const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });

// Issue 19.5: a Messenger node's counts under it, each a link; outcomes follow the message.
test("a Messenger node shows sent, delivered, read, warnings and errors, each listing its contacts", async ({
  page,
  server,
}) => {
  const { profileId, post, list } = await seedLaunchList(page, server, {
    account: "Counts Co",
    contacts: [{ email: "ana@example.com" }, { email: "bob@example.com" }],
  });
  const program = await post("/api/programs", {
    name: "Launch day",
    document: startMessengerEnd({
      listId: list.id,
      profileId,
      text: "We have launched!",
      name: "Launch news",
      outcome: "Told",
    }),
  });
  await page.goto(`/programs/${program.id}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();

  // Counts refresh while the page is open: Ana's message is sent then delivered; Bob's is a warning.
  const delivered = canvas(page).getByRole("button", {
    name: "1 contacts delivered the message of Launch news",
  });
  await expect(delivered).toBeVisible({ timeout: 30_000 });
  await expect(
    canvas(page).getByRole("button", { name: "1 contacts sent the message of Launch news" }),
  ).toBeVisible();
  await expect(
    canvas(page).getByRole("button", {
      name: "1 warnings at Launch news: contacts not sent the message",
    }),
  ).toBeVisible();
  await expect(
    canvas(page).getByRole("button", {
      name: "0 errors at Launch news: messages Facebook refused",
    }),
  ).toBeVisible();
  await expect(
    canvas(page).getByRole("button", { name: "2 contacts passed through Launch news" }),
  ).toBeVisible();

  await delivered.click();
  const list1 = page.getByRole("dialog", {
    name: "Contacts whose message was delivered by Launch news",
  });
  await expect(list1.getByRole("link", { name: "ana@example.com" })).toBeVisible();
  await expect(list1.getByRole("link", { name: "bob@example.com" })).toHaveCount(0);
  await list1.getByRole("button", { name: "Close" }).click();

  // The drill-down's outcome is the message's now, not "queued" as when the contact passed.
  await canvas(page).getByRole("button", { name: "2 contacts passed through Launch news" }).click();
  const passed = page.getByRole("dialog", { name: "Contacts that passed through Launch news" });
  await expect(passed.getByRole("row", { name: /ana@example\.com/ })).toContainText(
    /message (delivered|read)/,
  );
  await expect(passed.getByRole("row", { name: /bob@example\.com/ })).toContainText(
    "warning: contact has not opted in",
  );
  await expect(passed).not.toContainText("message queued");
  await passed.getByRole("button", { name: "Close" }).click();

  await canvas(page)
    .getByRole("button", { name: "1 warnings at Launch news: contacts not sent the message" })
    .click();
  const warned = page.getByRole("dialog", {
    name: /not sent a message \(warnings\) by Launch news/,
  });
  await expect(warned.getByRole("link", { name: "bob@example.com" })).toBeVisible();
});
