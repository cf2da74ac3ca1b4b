import { createSandboxProfile } from "../fixtures/profiles";
import { expect, signUpThroughUi, test } from "../fixtures/test";

test("create a profile with the sandbox, copy the opt-in code, and opt a contact in", async ({
  page,
  context,
  server,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await signUpThroughUi(page, "Acme Shoes Ltd");

  await page.getByRole("link", { name: "Account settings" }).click();
  await page.getByRole("link", { name: "Messenger" }).click();
  await page.getByRole("link", { name: "New profile" }).click();
  await page.getByLabel("Name").fill("Shop");
  await page.getByRole("button", { name: "Log in to Facebook" }).click();
  await expect(page.getByRole("heading", { name: /is requesting access/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Requested permissions" })).toContainText(
    "pages_messaging",
  );
  await page.getByLabel("Sandbox Admin").check();
  await page.getByRole("button", { name: "Continue" }).click();

  const pageSelect = page.getByLabel("Facebook page");
  await expect(pageSelect).toBeVisible();
  const analyst = pageSelect.locator("option", { hasText: "Acme Insights" });
  await expect(analyst).toBeDisabled();
  await expect(analyst).toContainText("Admin, Editor or Moderator");
  await pageSelect.selectOption({ label: "Acme Shoes" });
  await page.getByLabel("Status").selectOption({ label: "Enabled" });
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page.getByRole("heading", { name: "Shop", exact: true })).toBeVisible();
  const optIn = page.getByRole("region", { name: "Opt-in" });
  const field = (await optIn.locator("code").first().textContent()) ?? "";
  expect(field).toMatch(/^FBOPTIN_[A-Z2-9]{4}$/);
  await expect(optIn.getByLabel("Opt-in code")).toHaveValue(/fb-send-to-messenger/);
  await optIn.getByRole("button", { name: "Copy" }).click();
  await expect(optIn.getByText("Copied to the clipboard")).toBeVisible();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toContain('class="fb-send-to-messenger"');

  // A contact, then their personal opt-in link from the profile page.
  const created = await page.request.post(`${server.url}/api/contacts`, {
    data: { email: "ana@example.com", values: { FIRSTNAME: "Ana" } },
    headers: { origin: server.url },
  });
  expect(created.status()).toBe(201);
  const contactId = (await created.json()).id as string;
  await page.reload();
  const finder = page.getByRole("region", { name: "Opt-in link for a contact" });
  await finder.getByLabel("Find a contact").fill("ana@");
  await finder.getByRole("button", { name: "ana@example.com" }).click();
  const link =
    (await finder.getByRole("link", { name: "Contact's opt-in link" }).getAttribute("href")) ?? "";
  expect(link).toContain("/optin/");

  // The contact opens it and clicks the sandbox's Send to Messenger button.
  const optInPage = await context.newPage();
  await optInPage.goto(link);
  await optInPage.getByRole("button", { name: "Send to Messenger" }).click();
  const dialog = optInPage.getByRole("dialog");
  await dialog.getByLabel("Ana García").check();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(optInPage.getByRole("button", { name: "Sent to Messenger" })).toBeDisabled();

  await page.goto(`/contacts/${contactId}`);
  const optIns = page.getByRole("region", { name: "Messenger opt-ins" });
  await expect(optIns.getByText(field)).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(optIns.getByText(/^\d{6,}$/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("a second profile on the same page is refused with a clear message", async ({ page }) => {
  await signUpThroughUi(page);
  await createSandboxProfile(page, { name: "First" });
  await page.goto("/settings/channels/messenger/new");
  await page.getByLabel("Name").fill("Second");
  await page.getByRole("button", { name: "Log in to Facebook" }).click();
  await page.getByLabel("Sandbox Admin").check();
  await page.getByRole("button", { name: "Continue" }).click();
  const taken = page.getByLabel("Facebook page").locator("option", { hasText: "Acme Shoes" });
  await expect(taken).toBeDisabled();
  await expect(taken).toContainText("Already linked to your profile 'First'");
});

test("a cancelled Facebook login returns to the form with a message", async ({ page }) => {
  await signUpThroughUi(page);
  await page.goto("/settings/channels/messenger/new");
  await page.getByLabel("Name").fill("Kept name");
  await page.getByRole("button", { name: "Log in to Facebook" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alert")).toContainText("Facebook login was cancelled");
  await expect(page.getByLabel("Name")).toHaveValue("Kept name");
});
