import type { Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { expect, signUpThroughUi, test } from "../fixtures/test";

/** Every Content-Security-Policy violation the page reports from now on. */
async function collectViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("the API docs render under their Content-Security-Policy", async ({ page }) => {
  const violations = await collectViolations(page);
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { name: /Waymark public API/ })).toBeVisible();
  await expect(page.getByText("/contacts/{id}", { exact: true }).first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the app, the Login dialog and the sandbox's Send to Messenger plugin run with no policy violation", async ({
  page,
}) => {
  const violations = await collectViolations(page);
  await signUpThroughUi(page);
  await createSandboxProfile(page, { name: "Shop" });
  // The canvas (React Flow) sets styles from script: allowed, as scripts are only our own.
  await page.goto("/programs");
  await page.getByRole("button", { name: "New program" }).click();
  await page.getByLabel("Program name").fill("Welcome");
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page.getByRole("region", { name: "Canvas" })).toBeVisible();

  await page.goto("/fb-sandbox");
  await expect(page.getByRole("heading", { name: "Sandbox home" })).toBeVisible();
  await page.goto("/fb-sandbox/plugin-demo");
  await page.getByRole("button", { name: "Send to Messenger" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(violations).toEqual([]);
});
