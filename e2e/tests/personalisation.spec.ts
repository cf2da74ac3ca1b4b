import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

test("the message editor counts the start list's contacts who would get an empty field, warns for the previewed contact, and sets the field's default", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Personal Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);
  await post("/api/data-fields", { name: "CITY", type: "text" });
  const ana = await post("/api/contacts", { email: "ana@example.com", values: { CITY: "Lisbon" } });
  const bob = await post("/api/contacts", { email: "bob@example.com", values: {} });
  const list = await post("/api/lists", { name: "Spring" });
  await post(`/api/lists/${list.id}/members`, { contactIds: [ana.id, bob.id] });
  const program = await post("/api/programs", {
    name: "Hello",
    document: startMessengerEnd({ listId: list.id, profileId, text: "Hello from @CITY@!" }),
  });
  await page.goto(`/programs/${program.id}`);
  await page
    .getByRole("region", { name: "Canvas" })
    .locator(".react-flow__node-messenger .program-node-type")
    .click();

  const coverage = page.getByRole("region", { name: "Personalisation coverage" });
  await expect(coverage).toContainText(
    "1 of 2 contacts in the start list (50%) would get an empty value.",
  );
  await expect(coverage).toContainText("No default.");
  await expect(page.getByRole("list", { name: "Warnings for this message" })).toContainText(
    "@CITY@ is empty for 1 of 2 contacts in the start list (50%)",
  );

  // Previewing for Bob, who has no city.
  await page.getByRole("searchbox", { name: "Preview for contact" }).fill("bob");
  await page.getByRole("button", { name: "bob@example.com" }).click();
  await expect(page.getByRole("status", { name: "Message preview" })).toHaveText("Hello from !");
  const empty = page.getByRole("status", { name: "Empty fields for this contact" });
  await expect(empty).toContainText(
    "bob@example.com has no value in CITY, and the field has no default",
  );

  // The default, set from the editor, fills the gap for Bob and everyone like him.
  await coverage.getByRole("button", { name: "Edit default of CITY" }).click();
  await coverage.getByRole("textbox", { name: "Default of CITY" }).fill("your town");
  await coverage.getByRole("button", { name: "Save" }).click();
  await expect(coverage).toContainText("Every contact in the start list gets a value.");
  await expect(coverage).toContainText("Default: your town.");
  await expect(page.getByRole("status", { name: "Message preview" })).toHaveText(
    "Hello from your town!",
  );
  await expect(empty).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Warnings for this message" })).toHaveCount(0);
});
