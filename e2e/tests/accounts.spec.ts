import { expect, signUpThroughUi, test } from "../fixtures/test";

test("a new visitor signs up, lands in the shell, logs out and logs back in", async ({ page }) => {
  const { email, password } = await signUpThroughUi(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Programs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
  await expect(page.getByText("Sandbox", { exact: true })).toBeVisible();

  await nav.getByRole("link", { name: "Account settings" }).click();
  await expect(page.getByRole("heading", { name: "Messenger", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
});

test("a wrong password shows an error message", async ({ page }) => {
  const { email } = await signUpThroughUi(page);
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password");
  await expect(page).toHaveURL(/\/login/);
});

test("/programs while logged out leads to log in, then back", async ({ page }) => {
  await page.goto("/programs");
  await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=%2Fprograms/);
});

test("an API key created in the UI authenticates /api/v1 and stops working once revoked", async ({
  page,
  request,
  server,
}) => {
  await signUpThroughUi(page, "Keys Ltd");
  await page.getByRole("link", { name: "Account settings" }).click();
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Key name").fill("CRM sync");
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^wmk_/);

  const ok = await request.get(`${server.url}/api/v1/account`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ name: "Keys Ltd" });

  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Revoke CRM sync" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("cell", { name: /^Revoked/ })).toBeVisible();

  const revoked = await request.get(`${server.url}/api/v1/account`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(revoked.status()).toBe(401);
});
