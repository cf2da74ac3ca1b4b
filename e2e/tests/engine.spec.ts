import { optInThroughLink } from "../fixtures/opt-in";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

const ANA = "120000000000001";
const ADMIN_PAGE = "110000000000001";

test("an activated program sends to opted-in contacts, warns for the rest, and shows its counts", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Engine Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = page.url().split("/").pop()!.split("?")[0]!;
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);

  const ana = await post("/api/contacts", {
    email: "ana@example.com",
    values: { FIRSTNAME: "Ana" },
  });
  const bob = await post("/api/contacts", {
    email: "bob@example.com",
    values: { FIRSTNAME: "Bob" },
  });
  const list = await post("/api/lists", { name: "Launch" });
  await post(`/api/lists/${list.id}/members`, { contactIds: [ana.id, bob.id] });

  // Ana opts in through the sandbox (the admin API stands in for her click).
  await optInThroughLink(page, server, {
    profileId,
    contactId: ana.id,
    personId: ANA,
    pageId: ADMIN_PAGE,
  });

  const program = await post("/api/programs", {
    name: "Launch day",
    document: startMessengerEnd({
      listId: list.id,
      profileId,
      text: "Hi @FIRSTNAME@, we have launched!",
      outcome: "Told",
    }),
  });

  await page.goto(`/programs/${program.id}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();
  await expect(page.getByText("This program is active")).toBeVisible();

  // The canvas shows how many contacts passed through each node, refreshed while open.
  await expect(page.getByRole("button", { name: /^2 contacts passed through End 1$/ })).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await page.getByRole("button", { name: /^2 contacts passed through Messenger 1$/ }).click();
  const dialog = page.getByRole("dialog", { name: /passed through Messenger 1/ });
  await expect(dialog.getByRole("link", { name: "ana@example.com" })).toBeVisible();
  await expect(dialog.getByRole("link", { name: "bob@example.com" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  // Ana's sandbox Messenger shows the personalised message; Bob was not messaged.
  // The contact moves on when the message is queued; the sender delivers it a moment later.
  await expect(async () => {
    await page.goto(`${server.url}/fb-sandbox/people/${ANA}/messenger`);
    await expect(page.getByText("Hi Ana, we have launched!")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Bob's contact page tells why.
  await page.goto(`/contacts/${bob.id}`);
  await expect(page.getByRole("region", { name: "Program history" })).toContainText(
    "contact has not opted in",
  );
});
