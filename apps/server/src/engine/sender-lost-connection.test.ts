import { messengerMessages, messengerProfiles, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { runSenderBatch } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ADMIN_PAGE, createSandboxProfile, SANDBOX_ADMIN_USER } from "../testing/sandbox-login";
import { createTestApp, TestBrowser } from "../testing/test-app";

describe.each(testDrivers())(
  "sender and a Page that lost its messaging permission on %s",
  (driver) => {
    it("marks the profile's connection lost with Facebook's reason and keeps its messages queued", async () => {
      const t = await createTestApp(driver);
      try {
        const browser = new TestBrowser(t.app);
        const { accountId } = await browser.signUp("Perms");
        const profile = (await (
          await createSandboxProfile(browser, { name: "Perms", pageId: ADMIN_PAGE })
        ).json()) as { id: string };
        const [contact] = rowsOf<{ id: string }>(
          await t.db.execute(
            sql`insert into contacts (account_id, email) values (${accountId}::uuid, 'p@example.com') returning id`,
          ),
        );
        await t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
          psid, messaging_type, tag, text, status, day)
        values (${accountId}::uuid, ${profile.id}::uuid, 'n1', 0, 1, ${contact!.id}::uuid, '1234',
          'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Hi', 'queued', current_date)`);
        // The person who connected the Page keeps a role on it, but no longer the MESSAGING task.
        await t.runtime.sandbox!.admin.setPageRole({
          userId: SANDBOX_ADMIN_USER,
          pageId: ADMIN_PAGE,
          tasks: ["ANALYZE"],
        });

        const deps = { ...t.runtime.deps, defaultRatePerSecond: 0 };
        expect(await runSenderBatch(deps)).toBe(1);
        const [message] = await t.db
          .select()
          .from(messengerMessages)
          .where(eq(messengerMessages.profileId, profile.id));
        expect(message).toMatchObject({ status: "queued", attempts: 0 });
        const [after] = await t.db
          .select()
          .from(messengerProfiles)
          .where(eq(messengerProfiles.id, profile.id));
        expect(after?.connection).toBe("lost");
        expect(after?.lastError).toMatch(/pages_messaging/);
        expect(await runSenderBatch(deps)).toBe(0);
      } finally {
        await t.close();
      }
    });
  },
);
