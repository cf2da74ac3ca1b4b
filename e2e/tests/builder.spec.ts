import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { createSandboxProfile } from "../fixtures/profiles";
import { expect, signUpThroughUi, test } from "../fixtures/test";

test.use({ viewport: { width: 1600, height: 1100 } });

const canvas = (page: Page) => page.getByRole("region", { name: "Canvas" });
const nodes = (page: Page) => canvas(page).locator(".react-flow__node");
const edges = (page: Page) => canvas(page).locator(".react-flow__edge");
const node = (page: Page, type: string) => canvas(page).locator(`.react-flow__node-${type}`);

/** Real HTML drag and drop from a palette item onto the canvas at (x, y). */
async function dragFromPalette(page: Page, name: string, x: number, y: number) {
  const pane = canvas(page).locator(".react-flow__pane");
  await page
    .getByRole("navigation", { name: "Nodes" })
    .getByRole("button", { name, exact: true })
    .dragTo(pane, { targetPosition: { x, y } });
}

/** Drags with the mouse from the middle of one element to the middle of another. */
async function dragBetween(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Connects an output handle of `from` to the input of `to`. */
async function connect(page: Page, from: Locator, to: Locator, handle?: "yes" | "no") {
  const count = await edges(page).count();
  const source = handle
    ? from.locator(`.react-flow__handle.source[data-handleid="${handle}"]`)
    : from.locator(".react-flow__handle.source");
  await dragBetween(page, source, to.locator(".react-flow__handle.target"));
  await expect(edges(page)).toHaveCount(count + 1);
}

/** Selects a node by clicking its title, away from its handles. */
async function select(nodeLocator: Locator) {
  await nodeLocator.locator(".program-node-type").click();
}

async function newProgram(page: Page, name: string) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Programs" })
    .click();
  await page.getByRole("button", { name: "New program" }).click();
  await page.getByLabel("Program name").fill(name);
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page.getByLabel("Program name")).toHaveValue(name);
  await expect(nodes(page)).toHaveCount(1);
}

test("build, configure, save, reload, undo, copy and activate a program", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Builder Co");
  const { name: profileName } = await createSandboxProfile(page, { name: "Shop profile" });
  const contact = await page.request.post("/api/contacts", {
    data: { email: "ana@example.com", values: { FIRSTNAME: "Ana" } },
    headers: { origin: server.url },
  });
  expect(contact.status()).toBe(201);

  await newProgram(page, "Welcome series");
  // A new program starts with a Start node; delete it to build from the palette.
  await select(node(page, "start"));
  await page.keyboard.press("Delete");
  await expect(nodes(page)).toHaveCount(0);

  await dragFromPalette(page, "Start", 400, 60);
  await dragFromPalette(page, "Messenger", 400, 200);
  await dragFromPalette(page, "Wait", 400, 360);
  await dragFromPalette(page, "Decision", 400, 500);
  await dragFromPalette(page, "End", 400, 680);
  await expect(nodes(page)).toHaveCount(5);

  await connect(page, node(page, "start"), node(page, "messenger"));
  await connect(page, node(page, "messenger"), node(page, "wait"));
  await connect(page, node(page, "wait"), node(page, "decision"));
  await connect(page, node(page, "decision"), node(page, "end"), "yes");
  await connect(page, node(page, "decision"), node(page, "end"), "no");

  const activate = page.getByRole("button", { name: "Activate" });
  await expect(activate).toBeDisabled();

  await select(node(page, "start"));
  await page.getByLabel("Contacts enrolled through the API").check();

  await select(node(page, "messenger"));
  await expect(page.getByRole("heading", { name: "Messenger node" })).toBeVisible();
  await page.getByLabel("Profile").selectOption({ label: profileName });
  await page.getByRole("button", { name: "Change tag" }).click();
  const tags = page.getByRole("dialog", { name: "Change tag" });
  await expect(tags.getByRole("group", { name: "Standard messages (promotional)" })).toContainText(
    "Response",
  );
  await tags.getByRole("radio", { name: "Shipping_update" }).check();
  await tags.getByRole("button", { name: "Use this tag" }).click();
  await expect(tags).toBeHidden();
  await expect(page.locator(".node-panel")).toContainText("Shipping_update");
  const message = page.getByLabel("Message", { exact: true });
  await message.fill("Hi ");
  await page.getByLabel("Insert data field").selectOption("FIRSTNAME");
  await expect(message).toHaveValue("Hi @FIRSTNAME@");
  await message.press("End");
  await message.pressSequentially("!");
  await expect(page.getByText("15 / 2,000")).toBeVisible();
  await page.getByLabel("Preview for contact").fill("ana");
  await page.getByRole("button", { name: "ana@example.com" }).click();
  await expect(page.getByRole("status", { name: "Message preview" })).toHaveText("Hi Ana!");

  await select(node(page, "decision"));
  await page.getByLabel("Data field", { exact: true }).selectOption("FIRSTNAME");
  await page.getByLabel("Operator").selectOption({ label: "is not empty" });

  await expect(activate).toBeEnabled();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();

  // The same graph and settings after a reload.
  await page.reload();
  await expect(nodes(page)).toHaveCount(5);
  await expect(edges(page)).toHaveCount(5);
  await select(node(page, "messenger"));
  await expect(page.getByLabel("Profile")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.locator(".node-panel")).toContainText("Shipping_update");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Hi @FIRSTNAME@!");
  await expect(canvas(page).locator(".react-flow__edge.edge-yes")).toHaveCount(1);
  await expect(canvas(page).locator(".react-flow__edge.edge-no")).toHaveCount(1);

  // Undo and redo: with the keyboard and with the buttons.
  await page
    .getByRole("navigation", { name: "Nodes" })
    .getByRole("button", { name: "Wait" })
    .click();
  await expect(nodes(page)).toHaveCount(6);
  await page.keyboard.press("Control+z");
  await expect(nodes(page)).toHaveCount(5);
  await page.keyboard.press("Control+Shift+z");
  await expect(nodes(page)).toHaveCount(6);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(nodes(page)).toHaveCount(5);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(nodes(page)).toHaveCount(6);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();

  // Copy and paste: the copy keeps its settings and is not connected, so activation is refused.
  await select(node(page, "messenger"));
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(node(page, "messenger")).toHaveCount(2);
  await expect(node(page, "messenger").nth(1)).toContainText("Hi @FIRSTNAME@!");
  await expect(activate).toBeDisabled();
  await expect(page.getByText("the 2 problems listed to activate")).toBeVisible();
  const problems = page.getByRole("region", { name: /problems to fix/ });
  await expect(problems).toContainText("cannot be reached from Start");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved · version 3")).toBeVisible();
  const id = page.url().split("/").at(-1);
  const refused = await page.request.post(`/api/programs/${id}/activate`, {
    data: {},
    headers: { origin: server.url },
  });
  expect(refused.status()).toBe(409);

  // Fix it (delete the unconnected copy), then activate.
  await problems.getByRole("button", { name: /cannot be reached from Start/ }).click();
  await page.keyboard.press("Delete");
  await expect(nodes(page)).toHaveCount(5);
  await expect(activate).toBeEnabled();
  await activate.click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate now" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();

  // The active program's canvas is read-only.
  await expect(page.getByText("its canvas is read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy to new draft" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Nodes" }).getByRole("button", { name: "Wait" }),
  ).toBeDisabled();
  // The node's place on the canvas (React Flow's translate, in canvas units): unlike its place
  // on screen, it does not change when the view is zoomed or fitted meanwhile.
  const position = () =>
    node(page, "wait").evaluate((element) => (element as HTMLElement).style.transform);
  const before = await position();
  await dragBetween(
    page,
    node(page, "wait").locator(".program-node-type"),
    canvas(page).locator(".react-flow__minimap"),
  );
  expect(await position()).toBe(before);
  // Activating saved the fix first.
  await expect(page.getByText("Saved · version 4")).toBeVisible();
  await select(node(page, "messenger"));
  await expect(page.getByLabel("Message", { exact: true })).toBeDisabled();
  await page.keyboard.press("Delete");
  await expect(nodes(page)).toHaveCount(5);
});

test("copy nodes from one program and paste them into another", async ({ page }) => {
  await signUpThroughUi(page, "Paste Co");
  await newProgram(page, "Source");
  await page
    .getByRole("navigation", { name: "Nodes" })
    .getByRole("button", { name: "End" })
    .click();
  await page.getByLabel("Outcome name").fill("Bought shoes");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Control+c");
  await newProgram(page, "Target");
  await page.keyboard.press("Control+v");
  await expect(nodes(page)).toHaveCount(3);
  await expect(node(page, "end")).toContainText("Bought shoes");

  // Connecting without a mouse: the Start node's "Next step".
  await select(node(page, "start").first());
  const next = page.getByLabel("Next step");
  await expect(next.locator("option")).toHaveText(["Not connected", "End 1: Bought shoes"]);
  await next.selectOption({ index: 1 });
  await expect(edges(page)).toHaveCount(1);

  // Leaving with unsaved changes asks first.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Programs" })
    .click();
  const leave = page.getByRole("dialog", { name: "Leave without saving?" });
  await leave.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Program name")).toHaveValue("Target");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Programs" })
    .click();
  await leave.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
});

test("two sessions editing one program: the second save is refused, nothing is lost", async ({
  page,
  browser,
  server,
}) => {
  const { email, password } = await signUpThroughUi(page, "Shared Co");
  await newProgram(page, "Shared");
  const url = page.url();

  const other = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1600, height: 1100 },
  });
  const second = await other.newPage();
  await second.goto("/login");
  await second.getByLabel("Email").fill(email);
  await second.getByLabel("Password").fill(password);
  await second.getByRole("button", { name: "Log in" }).click();
  await expect(second.getByRole("heading", { name: "Programs", exact: true })).toBeVisible();
  await second.goto(url);
  await expect(nodes(second)).toHaveCount(1);

  await page
    .getByRole("navigation", { name: "Nodes" })
    .getByRole("button", { name: "Wait" })
    .click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved · version 2")).toBeVisible();

  await second
    .getByRole("navigation", { name: "Nodes" })
    .getByRole("button", { name: "End" })
    .click();
  await second.getByRole("button", { name: "Save" }).click();
  await expect(second.getByRole("alert")).toContainText(
    "This program was changed by someone else (version 2). Reload to see their changes; your edits were not saved.",
  );
  await expect(nodes(second)).toHaveCount(2);
  await expect(node(second, "end")).toHaveCount(1);
  await expect(second.getByText("Unsaved changes")).toBeVisible();

  await page.reload();
  await expect(nodes(page)).toHaveCount(2);
  await expect(node(page, "wait")).toHaveCount(1);
  await expect(node(page, "end")).toHaveCount(0);

  await second.getByRole("button", { name: "Reload the saved program" }).click();
  await expect(node(second, "wait")).toHaveCount(1);
  await expect(node(second, "end")).toHaveCount(0);
  await other.close();
});

test("the builder page has no serious accessibility violations", async ({ page }) => {
  await signUpThroughUi(page, "Axe Co");
  await newProgram(page, "Accessible");
  const palette = page.getByRole("navigation", { name: "Nodes" });
  for (const name of ["Messenger", "Wait", "Decision", "Update contact", "End"]) {
    await palette.getByRole("button", { name, exact: true }).click();
  }
  await select(node(page, "messenger"));
  const serious = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  expect(await serious()).toEqual([]);
  await page.getByRole("button", { name: "Change tag" }).click();
  await expect(page.getByRole("dialog", { name: "Change tag" })).toBeVisible();
  expect(await serious()).toEqual([]);
});
