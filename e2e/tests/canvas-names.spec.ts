import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

// Issue 19.1: every node has a name a marketer reads and edits; ids never show in the app.
test("nodes go by names on the canvas, in pickers, counts, drill-downs and a contact's history", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Names Co");
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);
  const ana = await post("/api/contacts", { email: "ana@example.com" });
  const list = await post("/api/lists", { name: "Spring launch" });
  await post(`/api/lists/${list.id}/members`, { contactIds: [ana.id] });
  const program = await post("/api/programs", {
    name: "Named steps",
    document: {
      schemaVersion: 1,
      nodes: [
        { id: "start-x1", type: "start", position: { x: 200, y: 0 }, data: { listId: list.id } },
        { id: "wait-xxd267", type: "wait", position: { x: 200, y: 150 }, data: { amount: 2 } },
        { id: "end-q9", type: "end", position: { x: 200, y: 300 }, data: { outcome: "Done" } },
      ],
      edges: [
        { id: "a", source: "start-x1", sourceHandle: null, target: "wait-xxd267" },
        { id: "b", source: "wait-xxd267", sourceHandle: null, target: "end-q9" },
      ],
    },
  });

  await page.goto(`/programs/${program.id}`);
  const canvas = page.getByRole("region", { name: "Canvas" });
  // Nodes without names are named by type and order.
  await expect(canvas.getByText("Wait 1", { exact: true })).toBeVisible();
  await expect(canvas.getByText("End 1", { exact: true })).toBeVisible();

  // The marketer renames the Wait in its settings; the canvas follows.
  await canvas.getByRole("group", { name: "Wait: 2 days", exact: true }).click();
  await page.getByRole("textbox", { name: "Node name" }).fill("Cool down");
  await expect(canvas.getByText("Cool down", { exact: true })).toBeVisible();

  // The Start node's Next-step picker lists steps by name and what they do, never by id.
  await canvas.getByRole("group", { name: "Start: From a list", exact: true }).click();
  const next = page.getByRole("combobox", { name: "Next step" });
  await expect(next.getByRole("option", { name: "Cool down: 2 days" })).toHaveCount(1);
  await expect(next.getByRole("option", { name: "End 1: Done" })).toHaveCount(1);
  await expect(next).not.toContainText("wait-xxd267");

  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();
  await expect(page.getByText("This program is active")).toBeVisible();

  // Counts and their drill-down are named by the node's name.
  const waiting = canvas.getByRole("button", { name: "1 contacts at Cool down now" });
  await expect(waiting).toBeVisible({ timeout: 30_000 });
  await waiting.click();
  const dialog = page.getByRole("dialog", { name: "Contacts at Cool down" });
  await expect(dialog.getByRole("link", { name: "ana@example.com" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.locator("body")).not.toContainText("wait-xxd267");

  // The contact's program history names the nodes passed and where she is now.
  await page.goto(`/contacts/${ana.id}`);
  const history = page.getByRole("region", { name: "Program history" });
  await expect(history).toContainText("Cool down");
  await expect(history).toContainText("Start 1");
  await expect(history).not.toContainText("wait-xxd267");
  await expect(history).not.toContainText("start-x1");
});
