import { createSandboxProfile } from "../fixtures/profiles";
import { apiPost, expect, signUpThroughUi, test } from "../fixtures/test";

// Issue 19.3: activation and deactivation say what they will do, then ask to confirm.
test("Activate and Deactivate say what they do to contacts and messages, and wait for a yes", async ({
  page,
  server,
}) => {
  await signUpThroughUi(page, "Summary Co");
  await createSandboxProfile(page, { name: "Acme Shoes Messenger" });
  const profileId = page.url().split("/").pop()!.split("?")[0]!;
  const post = (path: string, data: unknown) => apiPost(page, server, path, data);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++)
    ids.push((await post("/api/contacts", { email: `c${i}@example.com` })).id);
  const list = await post("/api/lists", { name: "Spring launch" });
  await post(`/api/lists/${list.id}/members`, { contactIds: ids });
  const program = await post("/api/programs", {
    name: "Spring welcome",
    document: {
      schemaVersion: 1,
      nodes: [
        { id: "start", type: "start", position: { x: 200, y: 0 }, data: { listId: list.id } },
        { id: "cool", type: "wait", position: { x: 200, y: 150 }, data: { amount: 1 } },
        {
          id: "hello",
          type: "messenger",
          position: { x: 200, y: 300 },
          data: { profileId, tagId: "response", text: "Our spring range is in." },
        },
        { id: "done", type: "end", position: { x: 200, y: 450 }, data: { outcome: "Told" } },
      ],
      edges: [
        { id: "a", source: "start", sourceHandle: null, target: "cool" },
        { id: "b", source: "cool", sourceHandle: null, target: "hello" },
        { id: "c", source: "hello", sourceHandle: null, target: "done" },
      ],
    },
  });
  await page.goto(`/programs/${program.id}`);

  // Cancelling changes nothing.
  await page.getByRole("button", { name: "Activate" }).click();
  const confirm = page.getByRole("dialog", { name: "Activate “Spring welcome”?" });
  const effects = confirm.getByRole("list", { name: "What activate does" });
  await expect(effects).toContainText(
    "Enrol 5 contacts of list “Spring launch” now, and new members as they join.",
  );
  await expect(effects).toContainText("Send through “Acme Shoes Messenger”.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Activate" }).click();
  await confirm.getByRole("button", { name: "Activate now" }).click();
  await expect(page.getByText("This program is active")).toBeVisible();
  await expect(page.getByRole("button", { name: "5 contacts at Wait 1 now" })).toBeVisible({
    timeout: 30_000,
  });

  // Deactivation says where contacts stay, what is held and what reactivation resumes.
  await page.getByRole("button", { name: "Deactivate" }).click();
  const stop = page.getByRole("dialog", { name: "Deactivate “Spring welcome”?" });
  const stops = stop.getByRole("list", { name: "What deactivate does" });
  await expect(stops).toContainText("Stop enrolling contacts, from the list and through the API.");
  await expect(stops).toContainText(
    "5 contacts stay where they are (5 waiting at a Wait); none move on while it is deactivated.",
  );
  await expect(stops).toContainText(
    "Activating it again resumes every contact where it stopped and sends the held messages.",
  );
  await stop.getByRole("button", { name: "Deactivate now" }).click();
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();

  // Reactivating says it resumes the contacts where they are.
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(confirm.getByRole("list", { name: "What activate does" })).toContainText(
    "Resume the 5 contacts already in the program where they are",
  );
  await expect(confirm.getByRole("list", { name: "What activate does" })).toContainText(
    "Enrol 0 contacts of list “Spring launch” now, and new members as they join.",
  );
});
