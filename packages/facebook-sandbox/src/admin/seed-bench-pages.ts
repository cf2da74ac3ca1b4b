import type { SandboxAdmin } from "./sandbox-admin";

/** One benchmark Page: its token and the PSIDs of the people opted in on it. */
export interface BenchPage {
  pageId: string;
  pageToken: string;
  psids: string[];
}

/**
 * Seeds what the Send API benchmarks send to: `pages` Pages, each with its own admin user,
 * subscribed to `fields`, and `peoplePerPage` people opted in on it; then waits for the
 * opt-in webhooks to settle.
 */
export async function seedBenchPages(
  admin: SandboxAdmin,
  input: { pages: number; peoplePerPage: number; fields: string[] },
): Promise<BenchPage[]> {
  const seeded: BenchPage[] = [];
  for (let p = 0; p < input.pages; p++) {
    const { user, pages } = await admin.addUser({
      name: `Bench ${p}`,
      pages: [{ name: `Bench page ${p}`, role: "Admin" }],
    });
    const pageId = pages[0]!.id;
    await admin.subscribe(pageId, input.fields);
    const pageToken = await admin.pageToken({ userId: user.id, pageId });
    const psids: string[] = [];
    for (let i = 0; i < input.peoplePerPage; i++) {
      const person = await admin.addPerson({ firstName: "Bench", lastName: `${p}-${i}` });
      psids.push((await admin.optIn({ personId: person.id, pageId })).psid);
    }
    seeded.push({ pageId, pageToken, psids });
  }
  await admin.settle(60_000);
  return seeded;
}
