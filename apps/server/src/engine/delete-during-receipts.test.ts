import { rowsOf } from "@waymark/db";
import { processWebhookEvents } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSignedWebhook } from "../testing/signed-webhook";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

const MESSAGES = 1_000;
const ROUNDS = 20;

interface Seeded {
  id: string;
  programId: string;
  contactId: string;
}

// Deleting a profile (the soak's 500), a program or a contact while the engine applies receipts
// to its messages: the deletion and the inbox processor must queue for each other on the profile
// row, never lock each other's rows in opposite orders. PostgreSQL only: PGlite runs one
// transaction at a time.
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "deleting a profile while its receipts are applied",
  () => {
    let t: TestApp;
    let browser: TestBrowser;
    let accountId: string;
    let seeded = 0;
    beforeAll(async () => {
      t = await createTestApp("postgres");
      browser = new TestBrowser(t.app);
      ({ accountId } = await browser.signUp("Race"));
    });
    afterAll(() => t?.close());

    /**
     * A profile with MESSAGES sent messages of a deactivated program to one contact, each to
     * another person, and a delivery for each in the inbox.
     */
    async function seed(): Promise<Seeded> {
      seeded++;
      const pageId = `race-${seeded}`;
      const [profile] = rowsOf<{ id: string }>(
        await t.db.execute(sql`
        insert into messenger_profiles (id, account_id, name, page_id, page_name, status,
          policy_version, opt_in_code, opt_in_field_name, page_token_enc)
        values (gen_random_uuid(), ${accountId}::uuid, ${`Race ${seeded}`}, ${pageId}, 'Race page',
          'enabled', '2018', ${`RACE${seeded}`}, ${`FBOPTIN_RACE${seeded}`}, 'not a sealed token')
        returning id`),
      );
      const [program] = rowsOf<{ id: string }>(
        await t.db.execute(sql`
        insert into programs (account_id, name, status, document, profile_ids)
        values (${accountId}::uuid, ${`Race ${seeded} ${pageId}`}, 'deactivated', '{}'::jsonb,
          array[${profile!.id}::uuid])
        returning id`),
      );
      const [contact] = rowsOf<{ id: string }>(
        await t.db.execute(sql`
        insert into contacts (account_id, email) values (${accountId}::uuid, ${`${pageId}@example.com`})
        returning id`),
      );
      await t.db.execute(sql`
      insert into messenger_messages (account_id, profile_id, program_id, node_id, enrolment_id,
        visit, contact_id, psid, messaging_type, text, status, day, sent_day, sent_at, fb_message_id)
      select ${accountId}::uuid, ${profile!.id}::uuid, ${program!.id}::uuid, 'race', ${seeded}, n,
        ${contact!.id}::uuid,
        'p' || n, 'RESPONSE', 'Hi', 'sent', current_date, current_date, now() - interval '1 minute',
        'm-' || ${seeded} || '-' || n
      from generate_series(1, ${MESSAGES}) n`);
      const watermark = Date.now();
      const deliveries = Array.from({ length: MESSAGES }, (_, n) => ({
        sender: { id: `p${n + 1}` },
        recipient: { id: pageId },
        timestamp: watermark,
        delivery: { watermark },
      }));
      expect((await postSignedWebhook(t, pageId, deliveries)).status).toBe(200);
      return { id: profile!.id, programId: program!.id, contactId: contact!.id };
    }

    /**
     * Two processors share the inbox (as two workers do) while `remove` runs, sent at a different
     * moment of their transactions each round; returns what went wrong, deadlocks included.
     */
    async function race(remove: (seeded: Seeded) => Promise<Response>) {
      const failures: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const seeded = await seed();
        const processors = [0, 1].map(() =>
          processWebhookEvents(t.runtime.deps, MESSAGES / 2).catch((error: unknown) => {
            failures.push(`processor: ${(error as { cause?: Error }).cause?.message ?? error}`);
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, (round * 7) % 40));
        const answer = await remove(seeded);
        if (answer.status >= 300)
          failures.push(`round ${round}: ${answer.status} ${await answer.text()}`);
        await Promise.all(processors);
        while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
      }
      // Also none that a retry hid: PostgreSQL counts them (a backend reports within a second).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const [stats] = rowsOf<{ deadlocks: number }>(
        await t.db.execute(
          sql`select deadlocks::int from pg_stat_database where datname = current_database()`,
        ),
      );
      if (stats!.deadlocks > 0) failures.push(`${stats!.deadlocks} deadlocks`);
      return failures;
    }

    it("deletes a profile whose receipts are being applied, every time, without a deadlock", async () => {
      const failures = await race(async ({ id }) => {
        const answer = await browser.request("POST", "/api/messenger/profiles/delete", {
          ids: [id],
        });
        const [left] = rowsOf<{ n: number }>(
          await t.db.execute(
            sql`select count(*)::int as n from messenger_messages where profile_id = ${id}::uuid`,
          ),
        );
        expect(answer.status === 200 ? left!.n : 0).toBe(0);
        return answer;
      });
      expect(failures).toEqual([]);
    }, 120_000);

    it("deletes a program whose messages' receipts are being applied, without a deadlock", async () => {
      const failures = await race(({ programId }) =>
        browser.request("DELETE", `/api/programs/${programId}`),
      );
      expect(failures).toEqual([]);
    }, 120_000);

    it("deletes a contact whose messages' receipts are being applied, without a deadlock", async () => {
      const failures = await race(({ contactId }) =>
        browser.request("DELETE", `/api/contacts/${contactId}`),
      );
      expect(failures).toEqual([]);
    }, 120_000);
  },
);
