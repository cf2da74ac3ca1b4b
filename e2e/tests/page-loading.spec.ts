import { expect, signUpThroughUi, test } from "../fixtures/test";

// Each page but the programs list is a chunk of its own. Its name changes with every release,
// so a tab opened before one asks for a chunk that is gone.
const CONTACTS_CHUNK = /\/assets\/contacts-page-[\w-]+\.js$/;

test("a page whose code is gone loads after one automatic reload", async ({ page }) => {
  await signUpThroughUi(page);
  let requests = 0;
  await page.route(CONTACTS_CHUNK, (route) =>
    requests++ === 0 ? route.abort() : route.continue(),
  );
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Contacts" })
    .click();
  await expect(page.getByRole("heading", { name: "Contacts", exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/contacts$/);
  expect(requests).toBe(2);
});

test("a page that cannot be loaded says so, with Reload, and keeps the navigation", async ({
  page,
}) => {
  await signUpThroughUi(page);
  let requests = 0;
  await page.route(CONTACTS_CHUNK, (route) => {
    requests++;
    return route.abort();
  });
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("alert")).toContainText("This page could not be loaded");
  await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
  expect(requests).toBe(2);
  await nav.getByRole("link", { name: "Programs" }).click();
  await expect(page.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
});
