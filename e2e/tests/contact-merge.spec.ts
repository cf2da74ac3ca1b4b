import AxeBuilder from "@axe-core/playwright";
import { createSandboxProfile } from "../fixtures/profiles";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

const ANA = "120000000000001";
const ADMIN_PAGE = "110000000000001";

// Issue 18: a marketer merges a duplicate into a contact from its page: search, preview of what
// is kept, a confirmation saying what will happen, and the merged contact is gone.
test("merge another contact into this one from the contact page", async ({ page, server }) => {
  await signUpThroughUi(page, "Merge Co");
  const tom = await apiPost(page, server, "/api/contacts", {
    email: "tom@example.com",
    values: { FIRSTNAME: "Tom" },
  });
  const sam = await apiPost(page, server, "/api/contacts", {
    email: "sam@example.com",
    values: { FIRSTNAME: "Sam", LASTNAME: "Stone" },
  });
  const list = await apiPost(page, server, "/api/lists", { name: "Only Sam" });
  await apiPost(page, server, `/api/lists/${list.id}/members`, { contactIds: [sam.id] });

  await page.goto(`/contacts/${tom.id}`);
  await page.getByRole("button", { name: "Merge with…" }).click();
  const panel = page.getByRole("region", { name: "Merge with another contact" });
  await panel.getByRole("searchbox", { name: "Find the contact to merge in" }).fill("sam@");
  await panel.getByRole("button", { name: "Choose sam@example.com" }).click();

  const preview = panel.getByLabel("Merge preview");
  await expect(preview).toContainText("tom@example.com");
  await expect(preview).toContainText("Last name: Stone");
  await expect(preview).toContainText("Only Sam");
  // Nothing is written before the confirmation.
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("");
  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual(
    [],
  );

  await panel.getByRole("button", { name: "Merge…" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge contacts?" });
  await expect(dialog).toContainText(
    "sam@example.com will be merged into tom@example.com and then deleted",
  );
  await expect(dialog).toContainText("This cannot be undone");
  await dialog.getByRole("button", { name: "Merge", exact: true }).click();

  await expect(panel.getByText("sam@example.com was merged into this contact.")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("tom@example.com");
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue("Tom");
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("Stone");
  await expect(
    page.getByRole("region", { name: "Lists" }).getByRole("link", { name: "Only Sam" }),
  ).toBeVisible();

  await page.goto(`/contacts/${sam.id}`);
  await expect(page.getByText("This contact was merged into another contact")).toBeVisible();
});

test("a CSV import with a subscriber's Messenger id merges the subscriber into the imported contact", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Import Merge Co");
  await createSandboxProfile(page, { name: "Shop" });
  // Ana clicks Send to Messenger on a page without a ref: a subscriber without email.
  const optIn = await page.request.post(`${server.url}/fb-sandbox/_admin/people/${ANA}/opt-in`, {
    data: { pageId: ADMIN_PAGE },
  });
  expect(optIn.ok()).toBe(true);
  const { psid } = (await optIn.json()) as { psid: string };
  const subscribers = async () =>
    (
      (await (await page.request.get(`${server.url}/api/contacts`)).json()) as {
        contacts: { id: string; email: string | null }[];
      }
    ).contacts.filter((c) => c.email === null);
  await expect.poll(async () => (await subscribers()).length, { timeout: 30_000 }).toBe(1);

  await page.goto("/contacts/import");
  await page.getByLabel("CSV file").setInputFiles({
    name: "crm.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`Email,First name,Messenger id\r\nana@example.com,Ana,${psid}\r\n`),
  });
  const { profiles } = (await (
    await page.request.get(`${server.url}/api/messenger/profiles`)
  ).json()) as { profiles: { optInFieldName: string }[] };
  await page.getByLabel("Data field for Messenger id").selectOption(profiles[0]!.optInFieldName);
  await page.getByLabel("New list name").fill("CRM");
  await page.getByRole("button", { name: "Start import" }).click();
  const summary = page.getByRole("region", { name: "Import summary" });
  await expect(summary).toContainText("1 new contacts");

  expect(await subscribers()).toEqual([]);
  await page
    .getByRole("navigation", { name: "Contacts" })
    .getByRole("link", { name: "All contacts" })
    .click();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("ana@example.com");
  await page.getByRole("link", { name: "ana@example.com" }).click();
  await expect(page.getByRole("region", { name: "Messenger opt-ins" })).toContainText(psid);
});
