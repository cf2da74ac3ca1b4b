import type { Locator, Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

const ANA = "120000000000001";
const ACME_SHOES = "110000000000001";

const checklist = (page: Page) => page.getByRole("region", { name: "Get started" });
const step = (list: Locator, title: string) =>
  list.getByRole("listitem").filter({ hasText: title });

test("a new account follows the three-step checklist until it goes away", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "First Steps Co");
  const list = checklist(page);
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(list).toContainText("3 steps left of 3.");
  for (const title of [
    "Connect a Messenger profile",
    "Put the opt-in code on your site",
    "Build your first program",
  ]) {
    await expect(step(list, title)).toContainText("To do");
  }

  // Step 1 links to where a profile is connected.
  await list.getByRole("link", { name: "Connect a Messenger profile" }).click();
  await expect(page.getByRole("button", { name: "Log in to Facebook" })).toBeVisible();
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Programs" })
    .click();
  await expect(step(list, "Connect a Messenger profile")).toContainText("Done");
  await expect(list).toContainText("2 steps left of 3.");

  // Step 2 links to the profile's opt-in code, and is done once someone opts in through it.
  await list.getByRole("link", { name: "Put the opt-in code on your site" }).click();
  await expect(page.getByRole("region", { name: "Opt-in" }).getByLabel("Opt-in code")).toHaveValue(
    /fb-send-to-messenger/,
  );
  const contact = await apiPost(page, server, "/api/contacts", { email: "ana@example.com" });
  const link = await (
    await page.request.get(
      `${server.url}/api/messenger/profiles/${profileId}/opt-in-links/${contact.id}`,
    )
  ).json();
  await apiPost(page, server, `/fb-sandbox/_admin/people/${ANA}/opt-in`, {
    pageId: ACME_SHOES,
    ref: link.ref,
  });
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Programs" })
    .click();
  await expect(async () => {
    await page.reload();
    await expect(step(list, "Put the opt-in code on your site")).toContainText("Done", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(list).toContainText("One step left of 3.");

  // Step 3 opens New program; it is done once a program has been activated.
  await list.getByRole("button", { name: "Build your first program" }).click();
  const dialog = page.getByRole("dialog", { name: "New program" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const audience = await apiPost(page, server, "/api/lists", { name: "Everyone" });
  const program = await apiPost(page, server, "/api/programs", {
    name: "Welcome",
    document: startMessengerEnd({
      listId: audience.id,
      profileId,
      text: "Welcome!",
      outcome: "Welcomed",
    }),
  });
  await apiPost(page, server, `/api/programs/${program.id}/activate`, {});
  await page.reload();
  await expect(page.getByRole("link", { name: "Welcome" })).toBeVisible();
  await expect(checklist(page)).toHaveCount(0);
});

test("usage statistics are one click away in the main navigation", async ({ page }) => {
  await signUpThroughUi(page, "Figures Co");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Statistics" }).click();
  await expect(page.getByRole("heading", { name: "Usage statistics", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "No Messenger profiles yet" })).toBeVisible();

  await createSandboxProfile(page, { name: "Shop" });
  await nav.getByRole("link", { name: "Statistics" }).click();
  const table = page.getByRole("table", { name: "Messenger profiles, last 7 days" });
  const shop = table.getByRole("row", { name: /Shop/ });
  await expect(shop.getByRole("cell")).toHaveText(["0", "0", "0", "0"]);
  await shop.getByRole("link", { name: "Shop" }).click();
  await expect(page.getByRole("heading", { name: "Usage statistics: Shop" })).toBeVisible();
});
