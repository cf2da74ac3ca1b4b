import { randomBytes } from "node:crypto";
import { messengerMessages, messengerProfiles, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { runSenderBatch, seal } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile, SANDBOX_ADMIN_USER } from "../testing/sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";

// Two ways a Page's connection is lost while messages wait: the sender marks the profile lost
// with a reason the marketer can act on, keeps the messages queued and claims nothing more.
const cases: {
  what: string;
  lose: (t: TestApp, profileId: string) => Promise<unknown>;
  reason: RegExp;
}[] = [
  {
    what: "a Page that lost its messaging permission",
    // The person who connected the Page keeps a role on it, but no longer the MESSAGING task.
    lose: (t) =>
      t.runtime.sandbox!.admin.setPageRole({
        userId: SANDBOX_ADMIN_USER,
        pageId: ADMIN_PAGE,
        tasks: ["ANALYZE"],
      }),
    reason: /pages_messaging/,
  },
  {
    what: "a stored page token it can't read",
    // What a changed SECRET_KEY leaves behind: a token sealed under another key.
    lose: (t, profileId) =>
      t.db
        .update(messengerProfiles)
        .set({ pageTokenEnc: seal(randomBytes(32), "EAAold", profileId) })
        .where(eq(messengerProfiles.id, profileId)),
    reason: /log in to Facebook again/,
  },
];

describe.each(testDrivers())("sender and a lost Page connection on %s", (driver) => {
  it.each(cases)(
    "$what: the profile is lost with the reason, its messages stay queued",
    async ({ lose, reason }) => {
      const t = await createTestApp(driver);
      try {
        const browser = new TestBrowser(t.app);
        const { accountId } = await browser.signUp("Lost");
        const profile = (await (
          await createSandboxProfile(browser, { name: "Lost", pageId: ADMIN_PAGE })
        ).json()) as { id: string };
        const [contact] = rowsOf<{ id: string }>(
          await t.db.execute(
            sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'l@example.com') returning id`,
          ),
        );
        await t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
          psid, messaging_type, tag, text, status, day)
        values (${accountId}::uuid, ${profile.id}::uuid, 'n1', 0, 1, ${contact!.id}::uuid, '1234',
          'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Hi', 'queued', current_date)`);
        await lose(t, profile.id);

        const deps = { ...t.runtime.deps, defaultRatePerSecond: 0 };
        expect(await runSenderBatch(deps)).toBe(1);
        const [message] = await t.db
          .select()
          .from(messengerMessages)
          .where(eq(messengerMessages.profileId, profile.id));
        expect(message).toMatchObject({ status: "queued", attempts: 0, leaseUntil: null });
        const [after] = await t.db
          .select()
          .from(messengerProfiles)
          .where(eq(messengerProfiles.id, profile.id));
        expect(after?.connection).toBe("lost");
        expect(after?.lastError).toMatch(reason);
        // Nothing more is claimed for it until the Page is reconnected.
        expect(await runSenderBatch(deps)).toBe(0);
        expect(await t.runtime.sandbox!.admin.messages({})).toHaveLength(0);
      } finally {
        await t.close();
      }
    },
  );
});
