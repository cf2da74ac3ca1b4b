import { eq } from "drizzle-orm";
import type { SandboxContext } from "../context";
import type { PolicyVersion } from "../domain/policy";
import { type PageRole, ROLE_TASKS } from "../domain/tasks";
import { sandboxSettings } from "../schema";
import { createPage, createUser, setPageTasks } from "../state/accounts-store";
import { createPerson } from "../state/people-store";

interface SeedPage {
  id: string;
  name: string;
  policyVersion: PolicyVersion;
  approvedForNonPromotionalSubscription?: boolean;
}

/** The demo data created on first start; ids are fixed so docs and tests can name them. */
export const SEED = {
  users: [
    { id: "100000000000001", name: "Sandbox Admin" },
    { id: "100000000000002", name: "Sam Editor" },
  ],
  pages: [
    { id: "110000000000001", name: "Acme Shoes", policyVersion: "2018" },
    { id: "110000000000002", name: "Acme Outlet", policyVersion: "2018" },
    { id: "110000000000003", name: "Acme Insights", policyVersion: "2018" },
    {
      id: "110000000000004",
      name: "Acme News",
      policyVersion: "2018",
      approvedForNonPromotionalSubscription: true,
    },
    { id: "110000000000005", name: "Acme Today", policyVersion: "2020" },
  ] satisfies SeedPage[],
  roles: [
    ["100000000000001", "110000000000001", "Admin"],
    ["100000000000001", "110000000000002", "Moderator"],
    ["100000000000001", "110000000000003", "Analyst"],
    ["100000000000001", "110000000000004", "Admin"],
    ["100000000000001", "110000000000005", "Admin"],
    ["100000000000002", "110000000000001", "Editor"],
    ["100000000000002", "110000000000002", "Advertiser"],
  ] satisfies Array<[string, string, PageRole]>,
  people: [
    { id: "120000000000001", firstName: "Ana", lastName: "García" },
    { id: "120000000000002", firstName: "Peter", lastName: "Chang" },
    { id: "120000000000003", firstName: "Amara", lastName: "Okafor" },
    { id: "120000000000004", firstName: "Jonas", lastName: "Müller" },
  ],
};

const SEEDED = "seeded";

/** Creates the demo data once per database; later starts (and concurrent ones) do nothing. */
export async function seedOnce(ctx: SandboxContext): Promise<void> {
  const [marker] = await ctx.db
    .select()
    .from(sandboxSettings)
    .where(eq(sandboxSettings.key, SEEDED));
  if (marker) return;
  for (const user of SEED.users) await createUser(ctx, user);
  for (const page of SEED.pages) await createPage(ctx, page);
  for (const [userId, pageId, role] of SEED.roles)
    await setPageTasks(ctx, userId, pageId, ROLE_TASKS[role]);
  for (const person of SEED.people) await createPerson(ctx, person);
  await ctx.db
    .insert(sandboxSettings)
    .values({ key: SEEDED, value: ctx.now().toISOString() })
    .onConflictDoNothing();
}
