import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { TEST_SECRET_KEY, type TestApp } from "./test-app";

/** Inserts `count` contacts (`<prefix><n>@example.com`, FIRSTNAME set) and a list holding them all. */
export async function seedContactsOnList(
  t: TestApp,
  accountId: string,
  prefix: string,
  count: number,
) {
  await t.db.execute(sql`
    insert into contacts (account_id, email, values)
    select ${accountId}::uuid, ${prefix} || g || '@example.com', jsonb_build_object('FIRSTNAME', upper(${prefix}) || g)
    from generate_series(1, ${count}) g`);
  const [list] = rowsOf<{ id: string }>(
    await t.db.execute(
      sql`insert into lists (account_id, name) values (${accountId}::uuid, 'Everyone') returning id`,
    ),
  );
  await t.db.execute(sql`
    insert into list_members (list_id, contact_id, account_id)
    select ${list!.id}::uuid, id, account_id from contacts where account_id = ${accountId}::uuid`);
  return list!.id;
}

/** The environment of a `worker` process sharing this test app's PostgreSQL and sandbox. */
export function workerEnv(t: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: t.database.url!,
    SECRET_KEY: TEST_SECRET_KEY,
    PORT: new URL(t.url).port,
    PUBLIC_URL: t.url,
    SEND_RATE_PER_SECOND: "0",
    ...extra,
  };
}
