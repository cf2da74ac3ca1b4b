import { sql } from "drizzle-orm";
import type { SandboxContext } from "../context";
import { loadState } from "../state/load-state";
import { seedOnce } from "./seed";

/** Deletes every sandbox record and seeds again (when seeding is on). */
export async function resetData(ctx: SandboxContext): Promise<void> {
  await ctx.sentLog.flush();
  await ctx.db.execute(
    sql`truncate fb_sandbox.sent_messages, fb_sandbox.inbound_messages, fb_sandbox.opt_ins,
      fb_sandbox.threads, fb_sandbox.people, fb_sandbox.oauth_codes, fb_sandbox.access_tokens,
      fb_sandbox.subscriptions, fb_sandbox.page_roles, fb_sandbox.pages, fb_sandbox.users,
      fb_sandbox.settings`,
  );
  await loadState(ctx.db, ctx.state, ctx.config.appSecret);
  if (ctx.config.seed) await seedOnce(ctx);
}
