import type { Page } from "@playwright/test";
import { optInThroughLink } from "../fixtures/opt-in";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

const ANA = "120000000000001";
const ADMIN_PAGE = "110000000000001";
const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });

// Issue 19.5: a Messenger node's counts under it, each a link; outcomes follow the message.
test("a Messenger node shows sent, delivered, read, warnings and errors, each listing its contacts", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Counts Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = page.url().split("/").pop()!.split("?")[0]!;
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);
  const ana = await post("/api/contacts", { email: "ana@example.com" });
  const bob = await post("/api/contacts", { email: "bob@example.com" });
  const list = await post("/api/lists", { name: "Launch" });
  await post(`/api/lists/${list.id}/members`, { contactIds: [ana.id, bob.id] });
  await optInThroughLink(page, server, {
    profileId,
    contactId: ana.id,
    personId: ANA,
    pageId: ADMIN_PAGE,
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
