import type { Page } from "@playwright/test";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";
import type { RunningServer } from "../fixtures/waymark-server";

test.use({ viewport: { width: 1600, height: 1100 } });

const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });
const nodes = (page: Page) => canvas(page).locator(".react-flow__node");
const edges = (page: Page) => canvas(page).getByRole("group", { name: /^Edge from / });
const nodeNamed = (page: Page, name: string) =>
  canvas(page).getByRole("group", { name, exact: true });

const START = { listId: null, allowApi: true };
const CHAIN = {
  schemaVersion: 1,
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: START },
    { id: "wait", type: "wait", position: { x: 0, y: 140 }, data: { amount: 1, unit: "days" } },
    { id: "end", type: "end", position: { x: 0, y: 280 }, data: { outcome: "Done" } },
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: null, target: "wait" },
    { id: "e2", source: "wait", sourceHandle: null, target: "end" },
  ],
};

async function openProgram(page: Page, server: RunningServer, name: string, document: unknown) {
  const program = await apiPost(page, server, "/api/programs", { name, document });
  await page.goto(`/programs/${program.id}`);
  await expect(page.getByLabel("Program name")).toHaveValue(name);
  await expect(nodes(page)).toHaveCount(document === CHAIN ? 3 : 1);
}

/** The accessible name (aria-label, else text) of the focused element. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
  });

test("Tab reaches every node before any edge; edges are named by their ends and deleted from the keyboard", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Tab Co");
  await openProgram(page, server, "Chain", CHAIN);

  // From the last palette item, Tab walks into the canvas.
  const lastPaletteItem = page
    .getByRole("navigation", { name: "Nodes" })
    .getByRole("button", { name: "End", exact: true });
  await lastPaletteItem.focus();
  const visited: string[] = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press("Tab");
    visited.push(await focusedName(page));
  }
  expect(visited).toEqual([
    "Start: Through the API",
    "Wait: 1 day",
    "End: Done",
    "Edge from Start: Through the API to Wait: 1 day",
    "Insert a step between Start: Through the API and Wait: 1 day",
    "Edge from Wait: 1 day to End: Done",
    "Insert a step between Wait: 1 day and End: Done",
  ]);
  // Shift+Tab walks back the same way, and out of the canvas before the first node.
  for (let i = 0; i < 6; i++) await page.keyboard.press("Shift+Tab");
  await expect(nodeNamed(page, "Start: Through the API")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(lastPaletteItem).toBeFocused();

  // An edge reached with Tab is selected with Enter and deleted with Delete.
  const edge = canvas(page).getByRole("group", { name: "Edge from Wait: 1 day to End: Done" });
  await edge.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Delete");
  await expect(edges(page)).toHaveCount(1);
  await expect(edge).toHaveCount(0);
});

test("the + menu works from the keyboard", async ({ page, server }) => {
  await signUpThroughUi(page, "Keys Co");
  await openProgram(page, server, "Chain", CHAIN);
  const plus = canvas(page).getByRole("button", {
    name: "Insert a step between Wait: 1 day and End: Done",
  });
  await plus.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Insert a step" });
  await expect(menu.getByRole("menuitem", { name: "Messenger" })).toBeFocused();
  // Start and End cannot go onto a connection.
  await expect(menu.getByRole("menuitem")).toHaveText([
    "Messenger",
    "Wait",
    "Decision",
    "Update contact",
  ]);
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(plus).toBeFocused();

  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Update contact" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  const added = nodeNamed(page, "Update contact: No field yet");
  await expect(added).toBeFocused();
  await expect(
    canvas(page).getByRole("group", {
      name: "Edge from Update contact: No field yet to End: Done",
    }),
  ).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Update contact node" })).toBeVisible();
});

test("Shift-click adds to the selection, and copy and paste carries all of it to another program", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Select Co");
  await openProgram(page, server, "Source", CHAIN);
  await nodeNamed(page, "Start: Through the API").locator(".program-node-type").click();
  await nodeNamed(page, "Wait: 1 day")
    .locator(".program-node-type")
    .click({ modifiers: ["Shift"] });
  await nodeNamed(page, "End: Done")
    .locator(".program-node-type")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByRole("heading", { name: "3 nodes selected" })).toBeVisible();
  // Shift-clicking a selected node takes it out again.
  await nodeNamed(page, "End: Done")
    .locator(".program-node-type")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByRole("heading", { name: "2 nodes selected" })).toBeVisible();
  await nodeNamed(page, "End: Done")
    .locator(".program-node-type")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByRole("heading", { name: "3 nodes selected" })).toBeVisible();
  await page.keyboard.press("Control+c");
  await expect(page.getByRole("status").filter({ hasText: "Copied 3 nodes" })).toHaveCount(1);

  const target = await apiPost(page, server, "/api/programs", { name: "Target" });
  await page.goto(`/programs/${target.id}`);
  await expect(nodes(page)).toHaveCount(1);
  await page.keyboard.press("Control+v");
  await expect(nodes(page)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(2);
  await expect(
    canvas(page).getByRole("group", { name: "Edge from Wait: 1 day to End: Done" }),
  ).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "3 nodes selected" })).toBeVisible();
  // The pasted block lies clear of the Start already there.
  const boxes = await nodes(page).evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect().toJSON()),
  );
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlaps =
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlaps, `nodes ${i} and ${j} overlap`).toBe(false);
    }
  }
});
