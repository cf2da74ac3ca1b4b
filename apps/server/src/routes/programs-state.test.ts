import { messengerMessages, messengerProfiles, programs, programVersions } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { WARNING_REASONS } from "@waymark/domain";
import { claimDueMessages } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, type TestApp, TestBrowser } from "../testing/test-app";
import { createProgramAs, insertProfile, json, validDocument } from "../testing/test-programs";

describe.each(testDrivers())("program states on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profileId: string;
  beforeAll(async () => {
    t = await createTestApp(driver);
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("States Co"));
    profileId = await insertProfile(t.db, accountId, { name: "Shop", live: t });
  });
  afterAll(() => t?.close());

  const post = (path: string, body: unknown = {}) => browser.request("POST", path, body);
  const snapshots = (id: string) =>
    t.db.select().from(programVersions).where(eq(programVersions.programId, id));

  it("refuses activation while invalid, with the issues on their nodes, and allows it once fixed", async () => {
    const broken = validDocument(profileId);
    broken.edges = broken.edges!.filter((e) => e.id !== "e5");
    const { id } = await createProgramAs(browser, "Welcome", broken);

    const checked = await json(await post(`/api/programs/${id}/validate`));
    expect(checked.valid).toBe(false);
    expect(checked.issues).toEqual([
      expect.objectContaining({ code: "missing_output", nodeId: "vip" }),
    ]);

    const refused = await post(`/api/programs/${id}/activate`);
    expect(refused.status).toBe(409);
    const { error } = await json(refused);
    expect(error.code).toBe("program_invalid");
    expect(error.message).toMatch(/Connect the No output/);
    expect(error.details.issues[0]).toMatchObject({ nodeId: "vip" });
    expect((await snapshots(id)).length).toBe(0);

    const fixed = await browser.request("PUT", `/api/programs/${id}`, {
      version: 1,
      document: validDocument(profileId),
    });
    expect(fixed.status).toBe(200);
    const unsaved = await json(await post(`/api/programs/${id}/validate`, { document: broken }));
    expect(unsaved.valid).toBe(false);

    const activated = await post(`/api/programs/${id}/activate`, { version: 2 });
    expect(activated.status).toBe(200);
    expect(await json(activated)).toMatchObject({ status: "active", version: 2 });
    const [snapshot] = await snapshots(id);
    expect(snapshot).toMatchObject({ version: 2, accountId });
    expect(snapshot!.document).toEqual((await json(fixed)).document);

    const again = await post(`/api/programs/${id}/activate`);
    expect(again.status).toBe(200);
    expect((await snapshots(id)).length).toBe(1);
  });

  it("keeps active programs read-only: no save, no delete; copying makes an editable draft", async () => {
    const { id } = await createProgramAs(browser, "Live", validDocument(profileId));
    expect((await post(`/api/programs/${id}/activate`)).status).toBe(200);
    const save = await browser.request("PUT", `/api/programs/${id}`, {
      version: 1,
      document: validDocument(profileId),
    });
    expect(save.status).toBe(409);
    expect((await json(save)).error).toMatchObject({
      code: "program_active",
      message: expect.stringContaining(
        "Deactivate the program to edit it, or copy it to a new draft",
      ),
    });
    const del = await browser.request("DELETE", `/api/programs/${id}`);
    expect(del.status).toBe(409);
    expect((await json(del)).error.code).toBe("program_active");
    const copy = await json(await post(`/api/programs/${id}/duplicate`));
    expect(copy).toMatchObject({ name: "Copy of Live", status: "draft" });
    const [row] = await t.db.select().from(programs).where(eq(programs.id, id));
    expect(row).toMatchObject({ status: "active", version: 1 });
  });

  it("deactivates, edits, and activates again with a new pinned version", async () => {
    const { id } = await createProgramAs(browser, "Cycle", validDocument(profileId));
    const draftDeactivate = await post(`/api/programs/${id}/deactivate`);
    expect(draftDeactivate.status).toBe(409);
    expect((await json(draftDeactivate)).error.code).toBe("program_not_active");
    await post(`/api/programs/${id}/activate`);
    const off = await post(`/api/programs/${id}/deactivate`);
    expect(await json(off)).toMatchObject({ status: "deactivated", version: 1 });
    expect((await post(`/api/programs/${id}/deactivate`)).status).toBe(200);
    const doc = validDocument(profileId);
    doc.nodes[4] = { id: "end", type: "end", data: { outcome: "Finished" } };
    const saved = await browser.request("PUT", `/api/programs/${id}`, {
      version: 1,
      document: doc,
    });
    expect(await json(saved)).toMatchObject({ status: "deactivated", version: 2 });
    const stale = await post(`/api/programs/${id}/activate`, { version: 1 });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe("stale_version");
    expect((await post(`/api/programs/${id}/activate`, { version: 2 })).status).toBe(200);
    const versions = (await snapshots(id)).map((s) => s.version).sort();
    expect(versions).toEqual([1, 2]);
    expect((await post(`/api/programs/${id}/deactivate`)).status).toBe(200);
    expect((await browser.request("DELETE", `/api/programs/${id}`)).status).toBe(204);
    expect((await snapshots(id)).length).toBe(0);
  });

  it("holds a deactivated program's unsent messages out of the sender's queue until it is active again", async () => {
    const { id } = await createProgramAs(browser, "Held", validDocument(profileId));
    await post(`/api/programs/${id}/activate`);
    const contact = await json(
      await browser.request("POST", "/api/contacts", { email: "held@example.com" }),
    );
    const queue = (enrolment: number, onProfile = profileId) =>
      t.db.execute(sql`
        insert into messenger_messages (account_id, profile_id, program_id, node_id, enrolment_id, visit,
          contact_id, psid, messaging_type, tag, text, status, day)
        select ${accountId}::uuid, ${onProfile}::uuid, ${id}::uuid, 'hello', ${enrolment}, v, ${contact.id}::uuid,
          '4000000000000001', 'MESSAGE_TAG', 'SHIPPING_UPDATE', 'Hi', 'queued', current_date
        from generate_series(0, 2) v`);
    await queue(1);
    const statuses = async () =>
      (await t.db.select().from(messengerMessages).where(eq(messengerMessages.programId, id))).map(
        (m) => m.status,
      );
    const deps = { ...t.runtime.deps, defaultRatePerSecond: 0, senderId: "held-test" };

    expect((await post(`/api/programs/${id}/deactivate`)).status).toBe(200);
    expect(await statuses()).toEqual(["held", "held", "held"]);
    expect(await claimDueMessages(deps, 100)).toEqual([]);

    expect((await post(`/api/programs/${id}/activate`)).status).toBe(200);
    expect(await statuses()).toEqual(["queued", "queued", "queued"]);
    const claimed = await claimDueMessages(deps, 100);
    expect(claimed.map((m) => m.profile_id)).toEqual([profileId, profileId, profileId]);
    await t.db.execute(sql`delete from messenger_messages where program_id = ${id}::uuid`);

    // Deleted while deactivated: its held messages are never sent; each ends as not sent with
    // the reason and is counted, also those of contacts pinned to an earlier version sending
    // through a profile it no longer uses.
    const earlierProfile = await insertProfile(t.db, accountId, { name: "Earlier page" });
    await queue(2);
    await queue(3, earlierProfile);
    await post(`/api/programs/${id}/deactivate`);
    expect((await browser.request("DELETE", `/api/programs/${id}`)).status).toBe(204);
    const orphans = await t.db
      .select()
      .from(messengerMessages)
      .where(
        sql`${messengerMessages.enrolmentId} in (2, 3) and ${messengerMessages.nodeId} = 'hello'`,
      );
    expect(orphans.map((m) => [m.status, m.programId, m.reason])).toEqual(
      Array(6).fill(["not_sent", null, WARNING_REASONS.programDeleted]),
    );
    await expectStatsMatchMessages(t);
    expect(await claimDueMessages(deps, 100)).toEqual([]);
  });

  it("reports a disabled profile and a retired tag, and refuses activation for them", async () => {
    const disabled = await insertProfile(t.db, accountId, { status: "disabled" });
    const { id } = await createProgramAs(browser, "Disabled", validDocument(disabled));
    const refused = await json(await post(`/api/programs/${id}/activate`));
    expect(refused.error.details.issues).toEqual([
      expect.objectContaining({ code: "messenger_profile_disabled", nodeId: "hello" }),
    ]);
    await t.db
      .update(messengerProfiles)
      .set({ status: "enabled", policyVersion: "2020" })
      .where(eq(messengerProfiles.id, disabled));
    const doc = validDocument(disabled);
    doc.nodes[1] = {
      id: "hello",
      type: "messenger",
      data: { profileId: disabled, tagId: "pairing_update", text: "Hi" },
    };
    await browser.request("PUT", `/api/programs/${id}`, { version: 1, document: doc });
    const retired = await json(await post(`/api/programs/${id}/validate`));
    expect(retired.issues).toEqual([
      expect.objectContaining({ code: "messenger_tag_retired", nodeId: "hello" }),
    ]);
  });
});
