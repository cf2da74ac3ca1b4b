import { fileURLToPath } from "node:url";
import { type Database, type DatabaseHandle, rowsOf, unnestRows } from "@waymark/db";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config";
import { createRuntime, migrateForConfig } from "../src/runtime";
import { sandboxLogin } from "../src/testing/sandbox-login";
import { TEST_ORIGIN, TEST_SECRET_KEY, TestBrowser } from "../src/testing/test-app";
import { createProgramAs, messengerProgram } from "../src/testing/test-programs";
import { startNodeProcess } from "./bench-process";

const SANDBOX_MAIN = fileURLToPath(
  new URL("../../../packages/facebook-sandbox/src/main.ts", import.meta.url),
);
export const APP_ID = "990000000000088";
export const APP_SECRET = "e2e-bench-app-secret";
const VERIFY_TOKEN = "e2e-bench-verify";
/** The text every contact is sent, personalised with the first name. */
export const MESSAGE = "Hi @FIRSTNAME@";

/** The sandbox standing in for Facebook: its own process on its own database. */
export function startSandbox(input: { databaseUrl: string; port: number; webhookUrl: string }) {
  const url = `http://127.0.0.1:${input.port}`;
  const proc = startNodeProcess("sandbox", SANDBOX_MAIN, {
    PORT: String(input.port),
    PUBLIC_URL: url,
    DATABASE_URL: input.databaseUrl,
    SANDBOX_APP_ID: APP_ID,
    SANDBOX_APP_SECRET: APP_SECRET,
    SANDBOX_VERIFY_TOKEN: VERIFY_TOKEN,
    WEBHOOK_URL: input.webhookUrl,
  });
  return { proc, url, ready: proc.waitFor(/Facebook sandbox on/, 120_000) };
}

/** The sandbox's admin API over HTTP. */
export async function sandboxAdmin<T>(sandboxUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${sandboxUrl}/_admin${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waymark's settings (SPEC §12) for a process talking to the sandbox at `sandboxUrl`. */
export function waymarkEnv(input: {
  port: number;
  sandboxUrl: string;
  rate: number;
  database: { url: string } | { dataDir: string };
  engine: boolean;
}): Record<string, string> {
  return {
    PORT: String(input.port),
    PUBLIC_URL: TEST_ORIGIN,
    SECRET_KEY: TEST_SECRET_KEY,
    FACEBOOK_APP_ID: APP_ID,
    FACEBOOK_APP_SECRET: APP_SECRET,
    FACEBOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    GRAPH_API_URL: input.sandboxUrl,
    FACEBOOK_DIALOG_URL: input.sandboxUrl,
    SEND_RATE_PER_SECOND: String(input.rate),
    ENGINE: input.engine ? "on" : "off",
    ...("url" in input.database
      ? { DATABASE_URL: input.database.url }
      : { DATA_DIR: input.database.dataDir, DATABASE_URL: "" }),
  };
}

export interface Setup {
  cookie: string;
  pages: { pageId: string; profileId: string; listId: string; programId: string }[];
  userId: string;
}

/**
 * Everything before activation, as a user would do it, in this process on the bench's
 * database: sign-up, one sandbox Page per profile through the Login dialog, and one program
 * Start(list of the Page's contacts) → Messenger → End per Page (a Messenger node sends from
 * one profile). Contacts and opt-ins are seeded afterwards by `seedOptIns`.
 */
export async function setUpAccount(
  env: Record<string, string>,
  database: DatabaseHandle,
  sandboxUrl: string,
  pageCount: number,
): Promise<Setup & { accountId: string }> {
  const config = loadConfig({ ...env, ENGINE: "off" });
  await migrateForConfig(config, database);
  const runtime = createRuntime({ config, secretKey: TEST_SECRET_KEY, database });
  await runtime.start();
  try {
    const browser = new TestBrowser(runtime.app);
    const { accountId } = await browser.signUp("E2E bench");
    const { user, pages } = await sandboxAdmin<{
      user: { id: string };
      pages: { id: string }[];
    }>(sandboxUrl, "/users", {
      name: "Bench owner",
      pages: Array.from({ length: pageCount }, (_, i) => ({
        name: `Bench page ${i + 1}`,
        role: "Admin",
      })),
    });
    const result: Setup["pages"] = [];
    for (const [i, page] of pages.entries()) {
      const { loginId } = await sandboxLogin(browser, { userId: user.id });
      const res = await browser.request("POST", "/api/messenger/profiles", {
        name: `Page ${i + 1}`,
        loginId,
        pageId: page.id,
        status: "enabled",
      });
      if (res.status !== 201) throw new Error(`profile: ${res.status} ${await res.text()}`);
      const profile = (await res.json()) as { id: string };
      const [list] = rowsOf<{ id: string }>(
        await database.db.execute(sql`insert into lists (account_id, name)
          values (${accountId}::uuid, ${`Page ${i + 1} contacts`}) returning id`),
      );
      const program = await createProgramAs(
        browser,
        `Hello page ${i + 1}`,
        messengerProgram({ profileId: profile.id, listId: list!.id, text: MESSAGE }),
      );
      result.push({
        pageId: page.id,
        profileId: profile.id,
        listId: list!.id,
        programId: program.id as string,
      });
    }
    return { cookie: browser.cookie, pages: result, accountId, userId: user.id };
  } finally {
    await runtime.stop();
  }
}

/** Contact n's PSID (16 digits, as Facebook's) and sandbox person id (15 digits). */
const psidOf = (n: string) => sql`(3000000000000000 + ${sql.raw(n)})::text`;
const personOf = (n: string) => sql`(200000000000000 + ${sql.raw(n)})::text`;

/**
 * The sandbox's side of N Send to Messenger opt-ins, set-based, while the sandbox is stopped
 * (it loads people and threads at start): contact n opted in on page (n - 1) mod P just now.
 */
export async function seedSandboxOptIns(db: Database, pageIds: string[], contacts: number) {
  const page = sql`(${JSON.stringify(pageIds)}::jsonb ->> ((g - 1) % ${pageIds.length})::int)`;
  await db.execute(sql`insert into fb_sandbox.people (id, first_name, last_name)
    select ${personOf("g")}, 'Ann' || g, 'Bench' from generate_series(1, ${contacts}) g`);
  await db.execute(sql`insert into fb_sandbox.threads (psid, page_id, person_id, opted_in_at)
    select ${psidOf("g")}, ${page}, ${personOf("g")}, now() from generate_series(1, ${contacts}) g`);
  await db.execute(sql`insert into fb_sandbox.opt_ins (id, page_id, person_id, source, created_at)
    select 'e2e' || g, ${page}, ${personOf("g")}, 'send_to_messenger', now()
    from generate_series(1, ${contacts}) g`);
}

/**
 * Waymark's side, set-based, as the product's opt-in writes it (process-webhook-events'
 * applyOptIns): contact n with FIRSTNAME and its profile's FBOPTIN field holding the PSID,
 * a messenger_contacts row, and a place on its page's list.
 */
export async function seedWaymarkOptIns(
  db: Database,
  accountId: string,
  pages: Setup["pages"],
  contacts: number,
) {
  const profiles = rowsOf<{ id: string; field: string }>(
    await db.execute(sql`select id, opt_in_field_name as field from messenger_profiles
      where account_id = ${accountId}::uuid`),
  );
  const fieldOf = new Map(profiles.map((p) => [p.id, p.field]));
  const page = unnestRows(pages, "p", {
    i: ["int", (_, i) => i],
    profile: ["uuid", (p) => p.profileId],
    list: ["uuid", (p) => p.listId],
    field: ["text", (p) => fieldOf.get(p.profileId) ?? null],
  });
  await db.execute(sql`insert into contacts (account_id, email, values)
    select ${accountId}::uuid, 'e2e' || g || '@example.com',
      jsonb_build_object('FIRSTNAME', 'Ann' || g, p.field, ${psidOf("g")})
    from generate_series(1, ${contacts}) g join ${page} on p.i = (g - 1) % ${pages.length}`);
  const numbered = sql`(select c.id, c.account_id,
      split_part(split_part(c.email, '@', 1), 'e2e', 2)::int8 as g
    from contacts c where c.account_id = ${accountId}::uuid)`;
  await db.execute(sql`insert into messenger_contacts (profile_id, contact_id, account_id, psid, opted_in_at)
    select p.profile, c.id, c.account_id, ${psidOf("c.g")}, now()
    from ${numbered} c join ${page} on p.i = (c.g - 1) % ${pages.length}`);
  await db.execute(sql`insert into list_members (list_id, contact_id, account_id)
    select p.list, c.id, c.account_id
    from ${numbered} c join ${page} on p.i = (c.g - 1) % ${pages.length}`);
  await db.execute(sql`analyze`);
}
