import { ANA, seedLaunchList } from "../fixtures/launch-list";
import { startMessengerEnd } from "../fixtures/programs";
import { expect, test } from "../fixtures/test";

test("an activated program sends to opted-in contacts, warns for the rest, and shows its counts", async ({
  page,
  server,
}) => {
  const {
    profileId,
    post,
    contacts: [, bob],
    list,
  } = await seedLaunchList(page, server, {
    account: "Engine Co",
    contacts: [
      { email: "ana@example.com", values: { FIRSTNAME: "Ana" } },
      { email: "bob@example.com", values: { FIRSTNAME: "Bob" } },
    ],
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
