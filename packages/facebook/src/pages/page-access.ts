/** Classic Page roles, derived from `tasks` as in MESSENGER.md §5.3. */
export type PageRole = "Admin" | "Editor" | "Moderator" | "Advertiser" | "Analyst";

/** Whether Waymark can connect a Page with these tasks, and why not. */
export interface PageAccess {
  role?: PageRole;
  usable: boolean;
  reason?: string;
}

const ROLE_BY_TASK: readonly (readonly [string, PageRole])[] = [
  ["MANAGE", "Admin"],
  ["CREATE_CONTENT", "Editor"],
  ["MODERATE", "Moderator"],
  ["ADVERTISE", "Advertiser"],
  ["ANALYZE", "Analyst"],
];

/** Tasks that allow subscribing the app to the Page (MESSENGER.md §5.4). */
const SUBSCRIBE_TASKS = new Set(["MANAGE", "CREATE_CONTENT", "MODERATE"]);

const NEEDED = "You need the Admin, Editor or Moderator role on this page";

/**
 * Connectable only with MESSAGING (to send) plus MANAGE, CREATE_CONTENT or MODERATE (to
 * subscribe webhooks) — SPEC §4's Admin, Editor or Moderator.
 */
export function pageAccess(tasks: readonly string[] | undefined): PageAccess {
  if (tasks === undefined) {
    return { usable: false, reason: `${NEEDED} (Facebook did not say which role you have)` };
  }
  const role = ROLE_BY_TASK.find(([task]) => tasks.includes(task))?.[1];
  const withRole = role === undefined ? {} : { role };
  if (!tasks.some((task) => SUBSCRIBE_TASKS.has(task))) {
    const you = role === undefined ? "you have no role on it" : `you are ${article(role)} ${role}`;
    return { ...withRole, usable: false, reason: `${NEEDED} (${you})` };
  }
  if (!tasks.includes("MESSAGING")) {
    return {
      ...withRole,
      usable: false,
      reason: "Your access to this page does not include messaging; ask an Admin to grant it",
    };
  }
  return { ...withRole, usable: true };
}

function article(role: PageRole): string {
  return /^[AEIOU]/.test(role) ? "an" : "a";
}
