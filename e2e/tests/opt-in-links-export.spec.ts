import { readFile } from "node:fs/promises";
import { createSandboxProfile } from "../fixtures/profiles";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

// Issue 18: a list's personal opt-in links downloaded from the profile page, one row a member,
// in the FBOPTINLINK_XXX column an email tool maps as its personalisation field.
test("download a list's opt-in links from the profile page", async ({ page, server }) => {
  await signUpThroughUi(page, "Links Co");
  await createSandboxProfile(page, { name: "Shop" });
  const profileUrl = page.url();
  const ana = await apiPost(page, server, "/api/contacts", {
    email: "ana@example.com",
    values: { FIRSTNAME: "Ana" },
  });
  const list = await apiPost(page, server, "/api/lists", { name: "Spring sale" });
  await apiPost(page, server, `/api/lists/${list.id}/members`, { contactIds: [ana.id] });

  await page.goto(profileUrl);
  const section = page.getByRole("region", { name: "Opt-in links for a list" });
  await expect(section.getByRole("button", { name: "Download opt-in links" })).toBeDisabled();
  await section.getByLabel("List to export").selectOption({ label: "Spring sale" });
  const downloading = page.waitForEvent("download");
  await section.getByRole("link", { name: "Download opt-in links" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Spring-sale-FBOPTINLINK_\w{4}\.csv$/);
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const [header, row] = text.trim().split("\r\n");
  expect(header).toMatch(/^Email,Name,FBOPTINLINK_\w{4},Contact ID$/);
  expect(row).toMatch(new RegExp(`^ana@example.com,Ana,https?://[^,]+/optin/[^,]+,${ana.id}$`));
});
