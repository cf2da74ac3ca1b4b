import { readFile } from "node:fs/promises";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { htmlPage, startSite } from "../fixtures/site";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

const AMARA = "120000000000003";

test("a Send to Messenger click on a plain website, with no ref, becomes a subscriber who can be enrolled and messaged", async ({
  page,
  context,
  server,
}) => {
  await signUpThroughUi(page, "Website Co");
  await createSandboxProfile(page, { name: "Shop", pageName: "Acme Shoes" });
  const profileId = page.url().split("/").pop()!.split("?")[0]!;
  const snippet = await page.getByLabel("Opt-in code").inputValue();
  await apiPost(page, server, "/api/contacts", { email: "kim@example.com", values: {} });
  const optInField = (
    await (await page.request.get(`${server.url}/api/messenger/profiles/${profileId}`)).json()
  ).optInFieldName as string;

  // The profile's code pasted as it is on an ordinary page, opened without any ?ref=.
  const site = await startSite({
    "/": htmlPage("Acme Shoes", `<h1>Spring collection</h1>${snippet}`),
  });
  try {
    const shop = await context.newPage();
    await shop.goto(site.url);
    await shop.getByRole("button", { name: "Send to Messenger" }).click();
    const dialog = shop.getByRole("dialog", { name: "Continue to Messenger with Acme Shoes" });
    await dialog.getByRole("radio", { name: "Amara Okafor" }).check();
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(shop.getByRole("status")).toHaveText(
      "You're subscribed to Acme Shoes in Messenger.",
    );
    await shop.close();
  } finally {
    await site.close();
  }

  // The new subscriber is on the Contacts page, named from Facebook's User Profile API.
  const subscriber = page.getByRole("link", { name: "Amara Okafor · Messenger subscriber" });
  await expect(async () => {
    await page.goto("/contacts");
    await expect(subscriber).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // The contacts page can show only Messenger subscribers without email; the profile page
  // counts the opt-in as a new subscriber from the website.
  await page.getByLabel("Show").selectOption({ label: "Messenger subscribers without email" });
  await expect(subscriber).toBeVisible();
  await expect(page.getByRole("link", { name: "kim@example.com" })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const csv = (await readFile((await download.path())!, "utf8")).split("\r\n");
  const header = csv[0]!.replace("\uFEFF", "").split(",");
  expect(header).toContain(optInField.replace("FBOPTIN_", "FBOPTINLINK_"));
  expect(csv.filter((line) => line.includes("Amara"))).toHaveLength(1);
  expect(csv.some((line) => line.includes("kim@example.com"))).toBe(false);
  await page.goto(`/settings/channels/messenger/${profileId}`);
  const optIns = page.getByRole("region", { name: "Opt-ins in the last 7 days" });
  await expect(optIns).toContainText("1 new subscriber from the website");
  await expect(optIns).toContainText("0 opt-ins through personal links");
  await optIns.getByRole("link", { name: "Messenger subscribers without email" }).click();
  await expect(page.getByLabel("Show")).toHaveValue("subscribers-without-email");
  await subscriber.click();
  await expect(page.getByRole("heading", { name: /Amara Okafor/ })).toBeVisible();
  const psid = page
    .getByRole("region", { name: "Messenger opt-ins" })
    .getByRole("definition")
    .first();
  await expect(psid).toHaveText(/^\d+$/);
  const psidValue = (await psid.textContent()) ?? "";
  const byField = await page.request.get(
    `${server.url}/api/contacts/${page.url().split("/").pop()}`,
  );
  expect((await byField.json()).values[optInField]).toBe(psidValue);

  // Enrolled through a list like any contact, and messaged.
  const list = await apiPost(page, server, "/api/lists", { name: "Website subscribers" });
  await page.reload();
  await page.getByLabel("List to add to").selectOption({ label: "Website subscribers" });
  await page.getByRole("button", { name: "Add to list" }).click();
  await expect(page.getByRole("button", { name: "Remove from Website subscribers" })).toBeVisible();
  const program = await apiPost(page, server, "/api/programs", {
    name: "Welcome",
    document: startMessengerEnd({ listId: list.id, profileId, text: "Welcome, @FIRSTNAME@!" }),
  });
  await page.goto(`/programs/${program.id}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();
  await expect(page.getByText("This program is active")).toBeVisible();

  await expect(async () => {
    await page.goto(`${server.url}/fb-sandbox/people/${AMARA}/messenger`);
    await expect(page.getByText("Welcome, Amara!")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
});
