import type { Page } from "@playwright/test";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

// Every delete is clicked as a user clicks it: Chromium sends DELETE with no body, no
// Content-Type and no Content-Length, which a request built in a unit test never does.

async function confirm(page: Page, title: string, label: string) {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: label, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("list members, lists, contacts, data fields and programs are deleted from the UI", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Delete Co");
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);
  const ana = await post("/api/contacts", { email: "ana@example.com", values: {} });
  const bob = await post("/api/contacts", { email: "bob@example.com", values: {} });
  const list = await post("/api/lists", { name: "Spring launch" });
  await post(`/api/lists/${list.id}/members`, { contactIds: [ana.id, bob.id] });
  await post("/api/data-fields", { name: "SHOESIZE", type: "number" });
  await post("/api/programs", { name: "Old campaign" });

  // A list member, then the list.
  await page.goto(`/contacts/lists/${list.id}`);
  await page.getByRole("button", { name: "Remove bob@example.com from the list" }).click();
  await expect(page.getByRole("link", { name: "bob@example.com" })).toBeHidden();
  await expect(page.getByText("1 contacts")).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm(page, "Delete Spring launch?", "Delete");
  await expect(page.getByRole("link", { name: "Spring launch" })).toBeHidden();
  await page.goto("/contacts/lists");
  await expect(page.getByText("No lists yet.")).toBeVisible();

  // A contact.
  await page.goto(`/contacts/${ana.id}`);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await confirm(page, "Delete contact?", "Delete");
  await page.goto("/contacts");
  await expect(page.getByRole("link", { name: "bob@example.com" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ana@example.com" })).toBeHidden();

  // A data field.
  await page.goto("/contacts/fields");
  await page.getByRole("button", { name: "Delete SHOESIZE" }).click();
  await confirm(page, "Delete SHOESIZE?", "Delete");
  await expect(page.getByRole("cell", { name: "SHOESIZE", exact: true })).toBeHidden();

  // A program.
  await page.goto("/programs");
  await page.getByRole("button", { name: "Delete Old campaign" }).click();
  await confirm(page, "Delete Old campaign?", "Delete program");
  await expect(page.getByRole("link", { name: "Old campaign" })).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Old campaign" })).toBeHidden();
});
