import type { Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";
import type { RunningServer } from "../fixtures/waymark-server";

/** A saved Start (list) → Messenger → End program using the profile; returns its id. */
async function programUsing(page: Page, server: RunningServer, profileId: string, name: string) {
  const list = await apiPost(page, server, "/api/lists", { name: `${name} list` });
  const program = await apiPost(page, server, "/api/programs", {
    name,
    document: startMessengerEnd({ listId: list.id, profileId, text: "Hello" }),
  });
  return program.id as string;
}

test("a profile in use shows its blocking programs before disabling or deleting, and a refusal leaves the real state", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Truth Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const launch = await programUsing(page, server, profileId, "Launch");

  // The page was opened while nothing used the profile; Launch is activated behind its back.
  const settings = page.getByRole("form", { name: "Profile settings" });
  await expect(settings.getByText(/is used by the active/)).toHaveCount(0);
  await apiPost(page, server, `/api/programs/${launch}/activate`, {});
  await settings.getByLabel("Status").selectOption({ label: "Disabled" });
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("alert")).toContainText("while it is used by the active program");
  await expect(settings.getByRole("alert")).toContainText("Nothing was saved.");
  // The form shows what is saved: still Enabled, and now why it cannot be disabled.
  await expect(settings.getByLabel("Status")).toHaveValue("enabled");
  const connection = page.getByRole("region", { name: "Connection" });
  await expect(connection.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(settings.getByRole("link", { name: "Launch" })).toHaveAttribute(
    "href",
    `/programs/${launch}`,
  );

  // Choosing Disabled again shows the conflict at once and holds Save back.
  await settings.getByLabel("Status").selectOption({ label: "Disabled" });
  await expect(settings.getByLabel("Status")).toHaveAccessibleDescription(
    /Shop is used by the active program Launch\. Deactivate it before you disable it\./,
  );
  await expect(settings.getByRole("button", { name: "Save" })).toBeDisabled();

  // Deleting from the list: the conflict is in the confirmation, before anything is confirmed.
  await page.getByRole("link", { name: "← Messenger profiles" }).click();
  await page.getByRole("checkbox", { name: "Select Shop" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Shop?" });
  await expect(dialog.getByRole("alert")).toContainText(
    "Shop is used by the active program Launch. Deactivate it before you delete it.",
  );
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
  await dialog.getByRole("link", { name: "Launch" }).click();
  await expect(page).toHaveURL(new RegExp(`/programs/${launch}$`));
  await expect(page.getByRole("textbox", { name: "Program name" })).toHaveValue("Launch");
});

test("field errors name the field by its label, never by an internal path", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Labels Co");
  await apiPost(page, server, "/api/data-fields", { name: "LOYALTY_POINTS", type: "number" });
  const contact = await apiPost(page, server, "/api/contacts", { email: "ana@example.com" });
  await page.goto(`/contacts/${contact.id}`);
  const form = page.getByRole("form", { name: "Contact details" });
  const points = form.getByRole("textbox", { name: "Loyalty points" });
  await expect(points).toHaveAccessibleDescription(/LOYALTY_POINTS · Number/);
  await points.fill("lots");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toHaveText("Loyalty points must be a number");
  await expect(points).toHaveAccessibleDescription(/'lots' is not a number/);
  await expect(page.getByText(/values\./)).toHaveCount(0);

  await points.fill("120");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
});

test("read-only inputs look read-only", async ({ page }) => {
  await signUpThroughUi(page, "Read Only Co");
  await createSandboxProfile(page, { name: "Shop" });
  const code = page.getByRole("region", { name: "Opt-in" }).getByLabel("Opt-in code");
  await expect(code).not.toBeEditable();
  const name = page.getByRole("form", { name: "Profile settings" }).getByLabel("Name");
  await expect(name).toBeEditable();
  const look = (el: HTMLElement) => {
    const style = getComputedStyle(el);
    return `${style.backgroundColor} ${style.borderStyle}`;
  };
  expect(await code.evaluate(look)).not.toBe(await name.evaluate(look));
  expect(await code.evaluate((el) => getComputedStyle(el).borderStyle)).toBe("dashed");
});
