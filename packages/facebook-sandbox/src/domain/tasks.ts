/** Page tasks as Graph lists them on `/me/accounts`. */
export const PAGE_TASKS = [
  "MANAGE",
  "CREATE_CONTENT",
  "MODERATE",
  "MESSAGING",
  "ADVERTISE",
  "ANALYZE",
] as const;

export type PageTask = (typeof PAGE_TASKS)[number];

export const PAGE_ROLES = ["Admin", "Editor", "Moderator", "Advertiser", "Analyst"] as const;

export type PageRole = (typeof PAGE_ROLES)[number];

/** Classic Page roles mapped to the tasks they grant (MESSENGER.md §5.3). */
export const ROLE_TASKS: Record<PageRole, PageTask[]> = {
  Admin: ["MANAGE", "CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
  Editor: ["CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
  Moderator: ["MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
  Advertiser: ["ADVERTISE", "ANALYZE"],
  Analyst: ["ANALYZE"],
};

/** Graph lists tasks from the narrowest to the broadest, as in its own responses. */
export function sortTasks(tasks: readonly string[]): PageTask[] {
  const order: readonly string[] = [...PAGE_TASKS].reverse();
  return PAGE_TASKS.filter((t) => tasks.includes(t)).sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
}

/** The classic role a set of tasks corresponds to, for display. */
export function roleOfTasks(tasks: readonly string[]): PageRole | "Custom" {
  const key = sortTasks(tasks).join(",");
  for (const role of PAGE_ROLES) {
    if (sortTasks(ROLE_TASKS[role]).join(",") === key) return role;
  }
  return "Custom";
}

/** Tasks that allow subscribing the app to a Page's webhooks. */
export const SUBSCRIBE_TASKS: readonly PageTask[] = ["MANAGE", "CREATE_CONTENT", "MODERATE"];
