import { test as base, type Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";
import { type RunningServer, startWaymark } from "../fixtures/waymark-server";

/** Start (list) → Messenger → End with the given Messenger data; returns the program's id. */
async function program(
  page: Page,
  server: RunningServer,
  input: { name: string; listId: string; profileId: string; tagId: string; text: string },
) {
  const created = await apiPost(page, server, "/api/programs", {
    name: input.name,
    document: startMessengerEnd({
      listId: input.listId,
      profileId: input.profileId,
      tagId: input.tagId,
      text: input.text,
    }),
  });
  return created.id as string;
}

const selectMessenger = (page: Page) =>
  page
    .getByRole("region", { name: "Canvas" })
    .locator(".react-flow__node-messenger .program-node-type")
    .click();

test("Personal productivity stays in the picker but blocks activation, with the tags to choose instead", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Lints Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const list = await apiPost(page, server, "/api/lists", { name: "Everyone" });
  const id = await program(page, server, {
    name: "Reminders",
    listId: list.id,
    profileId,
    tagId: "account_update",
    text: "@LASTNAME@",
  });
  await page.goto(`/programs/${id}`);
  await selectMessenger(page);

  // A text made only of fields with no default is empty for a contact without values.
  const problems = page.getByRole("list", { name: "Problems with this node" });
  await expect(problems).toContainText(
    "For a contact with no value in @LASTNAME@, this message is empty and would not be sent",
  );
  const message = page.getByRole("textbox", { name: "Message" });
  await message.fill("Your to-do list for today is ready, @LASTNAME@");
  await expect(problems).toHaveCount(0);

  await page.getByRole("button", { name: "Change tag", exact: true }).click();
  const tags = page.getByRole("dialog", { name: "Change tag" });
  await expect(tags.getByRole("radio", { name: "Personal_productivity" })).toBeEnabled();
  await expect(tags).toContainText("Facebook refuses the Personal productivity tag (error 100)");
  await tags.getByRole("radio", { name: "Personal_productivity" }).check();
  await tags.getByRole("button", { name: "Use this tag" }).click();

  await expect(problems).toContainText("Choose Business productivity or Account update");
  const issues = page.getByRole("region", { name: "1 problem to fix before activating" });
  await expect(
    issues.getByRole("button", { name: /Facebook refuses the Personal productivity/ }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Activate" })).toBeDisabled();

  // The server refuses it too, whatever the browser shows.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  // A refused activation changes nothing, so a reset keep-alive socket is simply retried.
  const activate = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await page.request.post(`${server.url}/api/programs/${id}/activate`, {
          data: {},
          headers: { origin: server.url },
        });
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };
  const refused = await activate();
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toContain(
    "Choose Business productivity or Account update",
  );

  await page.getByRole("button", { name: "Change tag", exact: true }).click();
  await tags.getByRole("radio", { name: "Business_productivity" }).check();
  await tags.getByRole("button", { name: "Use this tag" }).click();
  await expect(page.getByRole("heading", { name: "No problems" })).toBeVisible();
});

const test2020 = base.extend<{ server: RunningServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
  server: async ({}, use) => {
    const server = await startWaymark({ MESSENGER_POLICY: "2020" });
    await use(server);
    await server.stop();
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

test2020(
  "under the 2020 policy a promotional tagged message, empty fields and the longest values are warnings that do not block activation",
  async ({ page, server }) => {
    await signUpThroughUi(page, "Outlet Co");
    await createSandboxProfile(page, { name: "Outlet" });
    const profileId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const post = (path: string, data: unknown) => apiPost(page, server, path, data);
    await post("/api/data-fields", { name: "CITY", type: "text" });
    await post("/api/data-fields", { name: "NOTE", type: "text" });
    await post("/api/data-fields", { name: "MORE", type: "text" });
    const ana = await post("/api/contacts", {
      email: "ana@example.com",
      values: { CITY: "Lisbon" },
    });
    const bob = await post("/api/contacts", {
      email: "bob@example.com",
      values: { NOTE: "n".repeat(995), MORE: "m".repeat(995) },
    });
    const cy = await post("/api/contacts", { email: "cy@example.com", values: {} });
    const list = await post("/api/lists", { name: "Spring" });
    await post(`/api/lists/${list.id}/members`, { contactIds: [ana.id, bob.id, cy.id] });
    const id = await program(page, server, {
      name: "Parcels",
      listId: list.id,
      profileId,
      tagId: "shipping_update",
      text: "Your parcel to @CITY@ shipped. Free shipping on your next order: 20% off with this coupon!",
    });
    await page.goto(`/programs/${id}`);
    await selectMessenger(page);

    const warnings = page.getByRole("list", { name: "Warnings for this message" });
    await expect(warnings).toContainText('("% off", "coupon", "free shipping")');
    await expect(warnings).toContainText("sent with the Shipping update tag");
    await expect(warnings).toContainText(
      "@CITY@ is empty for 2 of 3 contacts in the start list (67%)",
    );
    const issues = page.getByRole("list", { name: "2 warnings, not blocking activation" });
    await expect(issues.getByRole("button", { name: /reads as a promotion/ })).toBeVisible();

    // The longest NOTE and MORE in the list make the message too long for Messenger.
    await page.getByRole("textbox", { name: "Message" }).fill("Your parcel shipped. @NOTE@ @MORE@");
    await expect(warnings).toContainText(
      "With the longest values in the start list, this message is 2,012 characters",
    );
    await expect(warnings).not.toContainText("reads as a promotion");

    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
    await page.getByRole("button", { name: "Activate" }).click();
    const deactivate = page.getByRole("button", { name: "Deactivate" });
    const confirm = page.getByRole("dialog");
    await expect(deactivate.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole("button", { name: /^Activate/ }).click();
    await expect(deactivate).toBeVisible();
  },
);
