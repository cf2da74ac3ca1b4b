import { randomBytes } from "node:crypto";
import { messengerMessages, messengerProfiles, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { runSenderBatch, seal } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { createTestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())("sender and a stored page token it can't read on %s", (driver) => {
  it("marks the profile's connection lost with a reconnect hint and keeps its messages queued", async () => {
    const t = await createTestApp(driver);
    try {
      const browser = new TestBrowser(t.app);
      const { accountId } = await browser.signUp("Keys");
      const profile = (await (
        await createSandboxProfile(browser, { name: "Keys", pageId: ADMIN_PAGE })
      ).json()) as { id: string };
      const [contact] = rowsOf<{ id: string }>(
        await t.db.execute(
          sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'k@example.com') returning id`,
        ),
      );
      await t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
          psid, messaging_type, tag, text, status, day)
        values (${accountId}::uuid, ${profile.id}::uuid, 'n1', 0, 1, ${contact!.id}::uuid, '1234',
          'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Hi', 'queued', current_date)`);
      // What a changed SECRET_KEY leaves behind: a token sealed under another key.
      await t.db
        .update(messengerProfiles)
        .set({ pageTokenEnc: seal(randomBytes(32), "EAAold", profile.id) })
        .where(eq(messengerProfiles.id, profile.id));

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
      expect(after?.lastError).toMatch(/log in to Facebook again/);
      // Nothing more is claimed for it until the Page is reconnected.
      expect(await runSenderBatch(deps)).toBe(0);
      expect(await t.runtime.sandbox!.admin.messages({})).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
