import type { Page } from "@playwright/test";
import { optInThroughLink } from "../fixtures/opt-in";
import { createSandboxProfile } from "../fixtures/profiles";
import { startMessengerEnd } from "../fixtures/programs";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";
import type { RunningServer } from "../fixtures/waymark-server";

const ANA = "120000000000001";
const ADMIN_PAGE = "110000000000001";
const SANDBOX_ADMIN = "100000000000001";

/** Signs up, connects Shop (Acme Shoes), and has Ana, on list Launch, opt in to it. */
async function shopWithAna(page: Page, server: RunningServer) {
  await signUpThroughUi(page, "Health Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const ana = await apiPost(page, server, "/api/contacts", { email: "ana@example.com" });
  const list = await apiPost(page, server, "/api/lists", { name: "Launch list" });
  await apiPost(page, server, `/api/lists/${list.id}/members`, { contactIds: [ana.id] });
  await optInThroughLink(page, server, {
    profileId,
    contactId: ana.id,
    personId: ANA,
    pageId: ADMIN_PAGE,
  });
  return { profileId, listId: list.id as string };
}

async function programUsing(
  page: Page,
  server: RunningServer,
  name: string,
  profileId: string,
  listId: string,
) {
  const program = await apiPost(page, server, "/api/programs", {
    name,
    document: startMessengerEnd({ listId, profileId, text: "Hello from the shop" }),
  });
  return program.id as string;
}

/** Waits until the engine's send has found the profile's connection lost. */
async function connectionLost(page: Page, server: RunningServer, profileId: string) {
  await expect
    .poll(
      async () =>
        (await (await page.request.get(`${server.url}/api/messenger/profiles/${profileId}`)).json())
          .connection,
      { timeout: 30_000 },
    )
    .toBe("lost");
}

test("when the app is removed from the page, activation asks Facebook and is refused, the programs using it show a banner, and the profile lists them", async ({
  page,
  server,
}) => {
  const { profileId, listId } = await shopWithAna(page, server);
  const launch = await programUsing(page, server, "Launch", profileId, listId);
  await apiPost(page, server, `/api/programs/${launch}/activate`, {});
  // The app is removed from the Page on Facebook: its Page tokens are refused (190).
  const revoked = await page.request.post(
    `${server.url}/fb-sandbox/_admin/pages/${ADMIN_PAGE}/revoke`,
  );
  expect(revoked.ok()).toBe(true);
  const later = await programUsing(page, server, "Later", profileId, listId);

  // Activating another program asks Facebook first: refused with the reason, no send needed.
  const refused = await page.request.post(`${server.url}/api/programs/${later}/activate`, {
    data: {},
    headers: { origin: server.url },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toContain(
    "Profile 'Shop' lost its connection to Facebook",
  );
  await connectionLost(page, server, profileId);

  await page.goto(`/settings/channels/messenger/${profileId}`);
  const connection = page.getByRole("region", { name: "Connection" });
  await expect(connection.getByRole("alert")).toContainText("Facebook no longer lets Waymark send");
  const affected = connection.getByRole("list", { name: "Affected programs" });
  await expect(affected.getByRole("link")).toHaveText(["Launch"]);
  await affected.getByRole("link", { name: "Launch" }).click();

  // The active program's canvas says why its messages wait, and where to reconnect.
  await expect(page.getByRole("textbox", { name: "Program name" })).toHaveValue("Launch");
  const banner = page.getByRole("alert").filter({ hasText: "lost its connection to Facebook" });
  await expect(banner).toContainText("Shop lost its connection to Facebook");
  await expect(banner).toContainText("messages through it wait until it is reconnected");
  await expect(banner.getByRole("link", { name: "Reconnect Shop" })).toHaveAttribute(
    "href",
    `/settings/channels/messenger/${profileId}`,
  );

  // The refused program says why on its canvas, with a link to the profile.
  await page.goto(`/programs/${later}`);
  await expect(page.getByRole("button", { name: "Activate" })).toBeDisabled();
  const issues = page.getByRole("region", { name: "1 problem to fix before activating" });
  await expect(issues).toContainText("Profile 'Shop' lost its connection to Facebook");
  await issues.getByRole("link", { name: "Open profile Shop" }).click();
  await expect(page.getByRole("heading", { name: "Shop", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeVisible();
});

test("a page that lost the messaging permission blocks activation with Facebook's reason", async ({
  page,
  server,
}) => {
  const { profileId, listId } = await shopWithAna(page, server);
  // The person who connected the Page keeps a role on it, without the MESSAGING task.
  const role = await page.request.put(
    `${server.url}/fb-sandbox/_admin/pages/${ADMIN_PAGE}/roles/${SANDBOX_ADMIN}`,
    { data: { tasks: ["ANALYZE"] } },
  );
  expect(role.ok(), await role.text()).toBe(true);
  const launch = await programUsing(page, server, "Launch", profileId, listId);
  await apiPost(page, server, `/api/programs/${launch}/activate`, {});
  await connectionLost(page, server, profileId);
  const later = await programUsing(page, server, "Later", profileId, listId);

  await page.goto(`/programs/${later}`);
  const issues = page.getByRole("region", { name: "1 problem to fix before activating" });
  await expect(issues).toContainText("Profile 'Shop' lost its connection to Facebook");
  await expect(issues).toContainText("pages_messaging");
  await expect(issues.getByRole("link", { name: "Open profile Shop" })).toHaveAttribute(
    "href",
    `/settings/channels/messenger/${profileId}`,
  );
  await expect(page.getByRole("button", { name: "Activate" })).toBeDisabled();
});

test("when Facebook does not answer in time, activation goes on and says the profile was not checked", async ({
  page,
  server,
}) => {
  const { profileId, listId } = await shopWithAna(page, server);
  const quiet = await programUsing(page, server, "Quiet", profileId, listId);
  // Facebook answers every Graph call after 5 s, past activation's 3 s wait for it.
  const slow = await page.request.post(`${server.url}/fb-sandbox/_admin/faults`, {
    data: { latencyMs: 5_000 },
  });
  expect(slow.ok(), await slow.text()).toBe(true);
  try {
    await page.goto(`/programs/${quiet}`);
    await page.getByRole("button", { name: "Activate" }).click();
    const confirm = page.getByRole("dialog", { name: "Activate “Quiet”?" });
    await confirm.getByRole("button", { name: "Activate now" }).click();
    await expect(page.getByText("This program is active")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("status").filter({ hasText: "did not answer" })).toContainText(
      "Facebook did not answer in time about profile 'Shop'",
    );
  } finally {
    await page.request.delete(`${server.url}/fb-sandbox/_admin/faults`);
  }
});
