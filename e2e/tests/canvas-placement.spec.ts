import type { Locator, Page } from "@playwright/test";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";
import type { RunningServer } from "../fixtures/waymark-server";

test.use({ viewport: { width: 1600, height: 1100 } });

const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });
const nodes = (page: Page) => canvas(page).locator(".react-flow__node");
const edges = (page: Page) => canvas(page).getByRole("group", { name: /^Edge from / });
const nodeNamed = (page: Page, name: string) =>
  canvas(page).getByRole("group", { name, exact: true });
const palette = (page: Page) => page.getByRole("navigation", { name: "Nodes" });

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every node's box on screen; fails when two of them overlap. */
async function expectNoOverlaps(page: Page) {
  const boxes = await nodes(page).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i]!, boxes[j]!), `nodes ${i} and ${j} overlap`).toBe(false);
    }
  }
}

/** Chooses a node type in the "+" menu that `plus` opens. */
async function addThrough(page: Page, plus: Locator, menuName: string, type: string) {
  await plus.click();
  const menu = page.getByRole("menu", { name: menuName });
  await menu.getByRole("menuitem", { name: type, exact: true }).click();
  await expect(menu).toBeHidden();
}

async function newProgram(page: Page, name: string) {
  await page.getByRole("button", { name: "New program" }).click();
  await page.getByLabel("Program name").fill(name);
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page.getByLabel("Program name")).toHaveValue(name);
  await expect(nodes(page)).toHaveCount(1);
}

/** Creates a program through the API with `document` and opens it. */
async function openProgram(page: Page, server: RunningServer, name: string, document: unknown) {
  const program = await apiPost(page, server, "/api/programs", { name, document });
  await page.goto(`/programs/${program.id}`);
  await expect(page.getByLabel("Program name")).toHaveValue(name);
  return program.id as string;
}

const node = (id: string, type: string, x: number, y: number, data: unknown) => ({
  id,
  type,
  position: { x, y },
  data,
});
const link = (source: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  sourceHandle: null,
  target,
});
const START = { listId: null, allowApi: true };

test("+ buttons insert steps between nodes; the palette adds after the selection; deleting a middle step reconnects", async ({
  page,
}) => {
  await signUpThroughUi(page, "Placement Co");
  await newProgram(page, "Placement");

  await addThrough(
    page,
    canvas(page).getByRole("button", { name: "Add a step after Start: No enrolment yet" }),
    "Add a step",
    "Messenger",
  );
  await expect(nodes(page)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(1);
  await expect(
    canvas(page).getByRole("group", {
      name: "Edge from Start: No enrolment yet to Messenger: No message yet",
    }),
  ).toHaveCount(1);
  // The new step is selected: its settings are open.
  await expect(page.getByRole("heading", { name: "Messenger node" })).toBeVisible();

  await addThrough(
    page,
    canvas(page).getByRole("button", { name: "Add a step after Messenger: No message yet" }),
    "Add a step",
    "End",
  );
  await expect(nodes(page)).toHaveCount(3);
  // An End has no output, so nothing can be added after it.
  await expect(canvas(page).getByRole("button", { name: /^Add a step after End/ })).toHaveCount(0);

  await addThrough(
    page,
    canvas(page).getByRole("button", {
      name: "Insert a step between Start: No enrolment yet and Messenger: No message yet",
    }),
    "Insert a step",
    "Wait",
  );
  await expect(nodes(page)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(3);
  await expect(
    canvas(page).getByRole("group", { name: "Edge from Start: No enrolment yet to Wait: 1 day" }),
  ).toHaveCount(1);
  await expect(
    canvas(page).getByRole("group", { name: "Edge from Wait: 1 day to Messenger: No message yet" }),
  ).toHaveCount(1);
  await expectNoOverlaps(page);

  // With the Wait selected, a palette click adds the Decision after it, before the Messenger.
  await nodeNamed(page, "Wait: 1 day").locator(".program-node-type").click();
  await palette(page).getByRole("button", { name: "Decision", exact: true }).click();
  await expect(nodes(page)).toHaveCount(5);
  await expect(
    canvas(page).getByRole("group", { name: "Edge from Wait: 1 day to Decision: No rule yet" }),
  ).toHaveCount(1);
  await expect(
    canvas(page).getByRole("group", {
      name: "Edge from Decision: No rule yet to Messenger: No message yet (Yes)",
    }),
  ).toHaveCount(1);
  await expectNoOverlaps(page);

  // Deleting the Decision joins the Wait to the Messenger again.
  await page.keyboard.press("Delete");
  await expect(nodes(page)).toHaveCount(4);
  await expect(
    canvas(page).getByRole("group", { name: "Edge from Wait: 1 day to Messenger: No message yet" }),
  ).toHaveCount(1);
  await expect(edges(page)).toHaveCount(3);

  // A node dropped on another is moved clear of it.
  const start = nodeNamed(page, "Start: No enrolment yet");
  const at = (await start.boundingBox())!;
  await palette(page)
    .getByRole("button", { name: "Update contact", exact: true })
    .dragTo(canvas(page).locator(".react-flow__pane"), {
      targetPosition: {
        x: at.x - (await canvas(page).boundingBox())!.x + at.width / 2,
        y: at.y - (await canvas(page).boundingBox())!.y + at.height / 2,
      },
    });
  await expect(nodes(page)).toHaveCount(5);
  await expect(edges(page)).toHaveCount(3);
  await expectNoOverlaps(page);
});

test("Tidy up lays a program out top to bottom as one undo step; a stacked program opens laid out", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Tidy Co");
  // Drawn upside down: the End at the top, the Start at the bottom.
  await openProgram(page, server, "Upside down", {
    schemaVersion: 1,
    nodes: [
      node("start", "start", 0, 600, START),
      node("wait", "wait", 300, 300, { amount: 2, unit: "hours" }),
      node("end", "end", 0, 0, { outcome: "Done" }),
    ],
    edges: [link("start", "wait"), link("wait", "end")],
  });
  const top = async (name: string) => (await nodeNamed(page, name).boundingBox())!.y;
  expect(await top("Start: Through the API")).toBeGreaterThan(await top("End: Done"));

  await page.getByRole("button", { name: "Tidy up" }).click();
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await expect
    .poll(async () => (await top("Start: Through the API")) < (await top("Wait: 2 hours")))
    .toBe(true);
  expect(await top("Wait: 2 hours")).toBeLessThan(await top("End: Done"));
  await expectNoOverlaps(page);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Saved · version 1")).toBeVisible();

  // Made through the API with every node at 0,0: opened laid out, with nothing to save.
  await openProgram(page, server, "Stacked", {
    schemaVersion: 1,
    nodes: [
      node("start", "start", 0, 0, START),
      node("wait", "wait", 0, 0, { amount: 1, unit: "days" }),
      node("end", "end", 0, 0, { outcome: "Done" }),
    ],
    edges: [link("start", "wait"), link("wait", "end")],
  });
  await expect(nodes(page)).toHaveCount(3);
  await expectNoOverlaps(page);
  expect(await top("Start: Through the API")).toBeLessThan(await top("Wait: 1 day"));
  await expect(page.getByText("Saved · version 1")).toBeVisible();
});

test("room to work at 1024 px: panels collapse, the minimap never covers nodes, the name is not cut", async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signUpThroughUi(page, "Room Co");
  const name = "Spring sale reminder for shoppers who opted in on the website";
  await openProgram(page, server, name, {
    schemaVersion: 1,
    nodes: [
      node("start", "start", 0, 0, START),
      node("wait", "wait", 0, 140, { amount: 1, unit: "days" }),
      node("end", "end", 0, 280, { outcome: "Done" }),
    ],
    edges: [link("start", "wait"), link("wait", "end")],
  });
  const width = async (locator: Locator) => (await locator.boundingBox())!.width;
  expect(await width(canvas(page))).toBeGreaterThanOrEqual(0.6 * 1024);

  // The whole name shows: the field is as wide as its text.
  const input = page.getByLabel("Program name");
  const cut = await input.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(cut).toBe(false);

  // The palette starts folded away on a small screen; both side columns fold and unfold.
  await expect(palette(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Show palette" }).click();
  await expect(palette(page)).toBeVisible();
  await page.getByRole("button", { name: "Hide palette" }).click();
  await expect(palette(page)).toHaveCount(0);
  const before = await width(canvas(page));
  await page.getByRole("button", { name: "Hide settings" }).click();
  await expect(page.getByRole("heading", { name: "Node settings" })).toHaveCount(0);
  expect(await width(canvas(page))).toBeGreaterThan(before + 200);
  await page.getByRole("button", { name: "Show settings" }).click();
  await expect(page.getByRole("heading", { name: "Node settings" })).toBeVisible();

  // The minimap has a strip of its own: no node is ever under it, even when panned there.
  const minimapToggle = page.getByRole("button", { name: "Minimap" });
  await expect(minimapToggle).toHaveAttribute("aria-pressed", "false");
  await minimapToggle.click();
  const minimap = canvas(page).locator(".react-flow__minimap");
  await expect(minimap).toBeVisible();
  const pane = canvas(page).locator(".react-flow__pane");
  const m = (await minimap.boundingBox())!;
  const p = (await pane.boundingBox())!;
  expect(overlap(m, p)).toBe(false);
  for (const box of await nodes(page).evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect().toJSON()),
  )) {
    expect(overlap(m, box)).toBe(false);
  }
  await minimapToggle.click();
  await expect(minimap).toHaveCount(0);
});

test("after activation the view fits every node, counts and all", async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signUpThroughUi(page, "Fit Co");
  const steps = Array.from({ length: 6 }, (_, i) =>
    node(`wait${i}`, "wait", 0, 140 * (i + 1), { amount: i + 1, unit: "hours" }),
  );
  await openProgram(page, server, "Tall", {
    schemaVersion: 1,
    nodes: [
      node("start", "start", 0, 0, START),
      ...steps,
      node("end", "end", 0, 140 * 7, { outcome: "Done" }),
    ],
    edges: [
      link("start", "wait0"),
      ...steps.slice(1).map((s, i) => link(`wait${i}`, s.id)),
      link("wait5", "end"),
    ],
  });
  await expect(page.getByText("The program can be activated.")).toBeVisible();
  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  // The side panel tells the truth about an active program.
  await expect(page.getByText("The program is active.")).toBeVisible();
  await expect(page.getByText(/can be activated/)).toHaveCount(0);
  await expect(canvas(page).getByRole("button", { name: /contacts passed through/ })).toHaveCount(
    8,
  );
  const pane = canvas(page).locator(".react-flow__pane");
  await expect
    .poll(async () => {
      const p = (await pane.boundingBox())!;
      const boxes = await nodes(page).evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().toJSON()),
      );
      return boxes.every(
        (b: Box) =>
          b.x >= p.x &&
          b.y >= p.y &&
          b.x + b.width <= p.x + p.width &&
          b.y + b.height <= p.y + p.height,
      );
    })
    .toBe(true);
});
