import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Browser, test as base, type Page } from "@playwright/test";
import { expect, signUpThroughUi, test } from "../fixtures/test";
import { freePort, startWaymark } from "../fixtures/waymark-server";

const resetCommand = resolve(
  fileURLToPath(new URL(".", import.meta.url)),
  "../../apps/server/dist/reset-password.js",
);

/** Logs the same user in from a second browser (a session of its own). */
async function logInElsewhere(browser: Browser, url: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL: url });
  const other = await context.newPage();
  await other.goto("/login");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill(password);
  await other.getByRole("button", { name: "Log in" }).click();
  await expect(other.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
  return other;
}

async function openPasswordAndSessions(page: Page) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Account settings" })
    .click();
  await page.getByRole("link", { name: "Password and sessions" }).click();
  await expect(page.getByRole("heading", { name: "Password and sessions" })).toBeVisible();
}

test("a signed-in user changes her password; other browsers are logged out and the old password stops working", async ({
  page,
  browser,
  server,
}) => {
  const { email, password } = await signUpThroughUi(page);
  const other = await logInElsewhere(browser, server.url, email, password);
  await openPasswordAndSessions(page);
  const form = page.getByRole("form", { name: "Change password" });

  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password").fill("a much better password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("is not your current password")).toBeVisible();

  await form.getByLabel("Current password").fill(password);
  await form.getByLabel("New password").fill("too short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("must be at least 10 characters")).toBeVisible();

  await form.getByLabel("New password").fill("a much better password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Your password is changed. Every other browser using your login was logged out.",
  );

  await other.reload();
  await expect(other.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password");
  await page.getByLabel("Password").fill("a much better password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
});

test("Log out everywhere asks first, then ends the other browsers' sessions and keeps this one", async ({
  page,
  browser,
  server,
}) => {
  const { email, password } = await signUpThroughUi(page);
  const other = await logInElsewhere(browser, server.url, email, password);
  await openPasswordAndSessions(page);

  await page.getByRole("button", { name: "Log out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Log out everywhere?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await dialog.getByRole("button", { name: "Log out other sessions" }).click();
  await expect(page.getByRole("status")).toHaveText("Logged out of 1 other session.");

  await other.reload();
  await expect(other.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Password and sessions" })).toBeVisible();
});

test("the reset page without its token says what to do", async ({ page }) => {
  await page.goto("/reset-password");
  await expect(page.getByRole("alert")).toHaveText(
    "This page needs the whole reset link. Ask your Waymark administrator for a new one.",
  );
});

base("an administrator's reset link sets a new password in the browser", async ({ page }) => {
  // The embedded database is opened by one process at a time: the server stops for the command.
  const dataDir = await mkdtemp(join(tmpdir(), "waymark-e2e-reset-"));
  const email = "forgetful@example.test";
  try {
    const before = await startWaymark({ DATA_DIR: dataDir });
    const signUp = await fetch(`${before.url}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: before.url },
      body: JSON.stringify({ accountName: "Forgetful", email, password: "lost forever 123" }),
    });
    expect(signUp.status).toBe(201);
    await before.stop();

    const { stdout } = await promisify(execFile)(process.execPath, [resetCommand, email], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()) },
    });
    const token = stdout.match(/\/reset-password#token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();

    const after = await startWaymark({ DATA_DIR: dataDir });
    try {
      await page.goto(`${after.url}/reset-password#token=${token}`);
      await page.getByLabel("New password").fill("found it again");
      await page.getByRole("button", { name: "Set new password" }).click();
      await expect(page.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();

      await page.goto(`${after.url}/reset-password#token=${token}`);
      await page.getByLabel("New password").fill("and once more");
      await page.getByRole("button", { name: "Set new password" }).click();
      await expect(page.getByRole("alert")).toHaveText(
        "This reset link has expired or was already used. Ask your administrator for a new one.",
      );
    } finally {
      await after.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
