import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

/** axe-core's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Opens a page, waits for its heading (so the page's data is on screen), and runs axe on it. */
async function check(
  page: Page,
  path: string,
  heading: string | RegExp | ((page: Page) => Locator),
) {
  await page.goto(path);
  const ready =
    typeof heading === "function"
      ? heading(page)
      : page.getByRole("heading", { name: heading }).first();
  await expect(ready).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  return seriousViolations(page);
}

test("sign-in and sign-up pages have no serious accessibility violations", async ({ page }) => {
  expect(await check(page, "/login", "Log in")).toEqual([]);
  expect(await check(page, "/signup", "Create your account")).toEqual([]);
});

test.describe("pages of a signed-in account", () => {
  let ids: { profile: string; contact: string; list: string; program: string };

  test.beforeEach(async ({ page, server }) => {
    await signUpThroughUi(page, "Axe Co");
    await createSandboxProfile(page, { name: "Shop" });
    const profile = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const post = (path: string, data: unknown) => apiPost(page, server, path, data);
    await post("/api/data-fields", { name: "LOYALTY_POINTS", type: "number" });
    const contact = await post("/api/contacts", {
      email: "ana@example.com",
      values: { FIRSTNAME: "Ana", LOYALTY_POINTS: 12 },
    });
    const list = await post("/api/lists", { name: "Launch list" });
    await post(`/api/lists/${list.id}/members`, { contactIds: [contact.id] });
    const program = await post("/api/programs", {
      name: "Launch",
      document: startMessengerEnd({ listId: list.id, profileId: profile, text: "Hi @FIRSTNAME@" }),
    });
    ids = { profile, contact: contact.id, list: list.id, program: program.id };
  });

  test("every page outside the program editor", async ({ page }) => {
    // Fifteen pages, each loaded and analysed in full: several times one page's budget.
    test.setTimeout(300_000);
    const pages: [string, string | RegExp][] = [
      ["/programs", "Get started"],
      ["/contacts", "Contacts"],
      ["/contacts/lists", "Contacts"],
      [`/contacts/lists/${ids.list}`, "Launch list"],
      ["/contacts/fields", "Contacts"],
      ["/contacts/import", "Contacts"],
      [`/contacts/${ids.contact}`, "ana@example.com"],
      ["/statistics", "Usage statistics"],
      ["/settings/channels/messenger", "Messenger"],
      ["/settings/channels/messenger/new", "New profile"],
      [`/settings/channels/messenger/${ids.profile}`, "Shop"],
      [`/settings/channels/messenger/${ids.profile}/statistics`, "Usage statistics: Shop"],
      ["/settings/account", "Password and sessions"],
      ["/settings/api-keys", "API keys"],
    ];
    const found: Record<string, string[]> = {};
    for (const [path, heading] of pages) {
      const violations = await check(page, path, heading);
      if (violations.length > 0) found[path] = violations;
    }
    expect(found).toEqual({});
  });

  test("the program editor", async ({ page }) => {
    const editor = (p: Page) => p.getByRole("textbox", { name: "Program name" });
    expect(await check(page, `/programs/${ids.program}`, editor)).toEqual([]);
  });
});
