import type { Page } from "@playwright/test";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });

// Issue 19.2: edits to a program with contacts in it never strand them.
test("editing a deactivated program asks what happens to its contacts, and does it", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Live Co");
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);
  const ids: string[] = [];
  for (const email of ["ana@example.com", "bob@example.com"]) {
    ids.push((await post("/api/contacts", { email })).id);
  }
  const list = await post("/api/lists", { name: "Spring launch" });
  await post(`/api/lists/${list.id}/members`, { contactIds: ids });
  const program = await post("/api/programs", {
    name: "Slow welcome",
    document: {
      schemaVersion: 1,
      nodes: [
        { id: "start", type: "start", position: { x: 200, y: 0 }, data: { listId: list.id } },
        { id: "cool", type: "wait", position: { x: 200, y: 150 }, data: { amount: 1 } },
        { id: "done", type: "end", position: { x: 200, y: 300 }, data: { outcome: "Done" } },
      ],
      edges: [
        { id: "a", source: "start", sourceHandle: null, target: "cool" },
        { id: "b", source: "cool", sourceHandle: null, target: "done" },
      ],
    },
  });
  await page.goto(`/programs/${program.id}`);
  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();
  await expect(canvas(page).getByRole("button", { name: "2 contacts at Wait 1 now" })).toBeVisible({
    timeout: 30_000,
  });
  // "Passed" never counts contacts still waiting.
  await expect(
    canvas(page).getByRole("button", { name: "0 contacts passed through Wait 1" }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate now" }).click();
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();

  // A longer wait: asked whom it applies to; "only new arrivals" keeps theirs.
  await canvas(page).getByRole("group", { name: "Wait: 1 day", exact: true }).click();
  await page.getByRole("spinbutton", { name: "Wait for" }).fill("3");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const ask = page.getByRole("dialog", { name: "Contacts are in this program" });
  const waitChoice = ask.getByRole("group", {
    name: "2 contacts are waiting at Wait 1. The wait changes from 1 day to 3 days:",
  });
  await expect(
    waitChoice.getByRole("radio", {
      name: "Apply 3 days to them too, counted from when each arrived",
    }),
  ).toBeChecked();
  await waitChoice
    .getByRole("radio", { name: "Only to contacts who arrive from now on (they keep 1 day)" })
    .check();
  await ask.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved · version/ })).toBeVisible();

  // Deleting the Wait that holds them: asked where they go; they move to the next step.
  await canvas(page).getByRole("group", { name: "Wait: 3 days", exact: true }).click();
  await page.getByRole("button", { name: "Delete node" }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const where = ask.getByRole("group", { name: "Wait 1 holds 2 contacts. Where should they go?" });
  await expect(
    where.getByRole("radio", { name: "Move them to the next step, End 1" }),
  ).toBeChecked();
  await expect(
    where.getByRole("radio", { name: "End: take them out of the program" }),
  ).toBeVisible();
  await ask.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved · version/ })).toBeVisible();

  // The header's count is the sum of the nodes' counts: both contacts are at End 1 now.
  await expect(canvas(page).getByRole("button", { name: "2 contacts at End 1 now" })).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByText("2 contacts in the program now")).toBeVisible();
});
