import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

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
