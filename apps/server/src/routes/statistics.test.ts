// Over 400 lines: the statistics routes' cases over one seeded account share its fixtures.
import { createHmac } from "node:crypto";
import { accounts, messengerMessages, rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { makeOptInRef, processWebhookEvents, readOptInRef } from "@waymark/engine";
import { parse } from "csv-parse/sync";
import { and, eq, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactPageSql } from "../services/statistics/message-contacts";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE, createSandboxProfile } from "../testing/sandbox-login";
import { expectStatsMatchMessages } from "../testing/stats-consistency";
import { createTestApp, TEST_ORIGIN, type TestApp, TestBrowser } from "../testing/test-app";
import { messengerProgram, twoDayProgram } from "../testing/test-programs";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;
const HOUR = 3_600_000;
const NEWS_PAGE = "110000000000004";
const NOT_OPTED_IN = "contact has not opted in";
const BLOCKED = "This person blocked your page or stopped receiving messages";

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 24 * HOUR).toISOString().slice(0, 10);

describe.each(testDrivers())("Messenger usage statistics on %s", (driver) => {
  let clock = new Date("2026-11-20T09:00:00Z");
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profile: Json;
  let news: Json;
  const contacts = new Map<string, string>();

  const getJson = async (path: string, b = browser) => {
    const res = await b.request("GET", path);
    const body = (await res.json()) as Json;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const optIn = async (profileId: string, pageId: string, contactId: string, firstName: string) => {
    const person = await t.runtime.sandbox!.admin.addPerson({ firstName, lastName: "Test" });
    const ref = makeOptInRef(t.runtime.deps.keys.optInRef, { profileId, contactId }, clock);
    await t.runtime.sandbox!.admin.optIn({ personId: person.id, pageId, ref });
    return person.id;
  };
  const makeContact = async (key: string, values: Record<string, string>) => {
    const res = await browser.request("POST", "/api/contacts", {
      email: `${key}@example.com`,
      values,
    });
    const c = (await res.json()) as Json;
    contacts.set(key, c.id);
    return c.id as string;
  };
  const makeList = async (name: string, ids: string[]) => {
    const list = (await (await browser.request("POST", "/api/lists", { name })).json()) as Json;
    await browser.request("POST", `/api/lists/${list.id}/members`, { contactIds: ids });
    return list.id as string;
  };
  /** Counts from the message rows, the way the counters must add up. */
  const countRows = async (profileId: string, from: string, to: string) =>
    rowsOf<Json>(
      await t.db.execute(sql`
        select day::text as date,
          count(*) filter (where status in ('sent', 'delivered', 'read'))::int as sent,
          count(*) filter (where status in ('delivered', 'read'))::int as delivered,
          count(*) filter (where status = 'read')::int as read,
          count(*) filter (where status in ('not_sent', 'failed', 'unknown'))::int as "notSent"
        from messenger_messages where profile_id = ${profileId}::uuid and day between ${from}::date and ${to}::date
        group by day order by day`),
    );
  const idsOf = async (profileId: string, kind: string, from: string, to: string) => {
    const statuses = {
      sent: ["sent", "delivered", "read"],
      delivered: ["delivered", "read"],
      warnings: ["not_sent"],
      errors: ["failed", "unknown"],
    }[kind]!;
    const day = sql.raw({ sent: "sent_day", delivered: "delivered_day" }[kind] ?? "day");
    const rows = rowsOf<{ id: string }>(
      await t.db.execute(sql`
        select id from messenger_messages where profile_id = ${profileId}::uuid
          and ${day} between ${from}::date and ${to}::date
          and status in (${sql.join(
            statuses.map((s) => sql`${s}`),
            sql`, `,
          )})`),
    );
    return rows.map((r) => r.id).sort();
  };
  const walk = async (query: string, limit = 3) => {
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(
        `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.contacts.length).toBeLessThanOrEqual(limit);
      seen.push(...page.contacts);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { now: () => clock });
    browser = new TestBrowser(t.app);
    ({ accountId } = await browser.signUp("Stats"));
    await browser.request("POST", "/api/data-fields", { name: "NICKNAME", type: "text" });
    profile = (await (
      await createSandboxProfile(browser, { name: "Shop", pageId: ADMIN_PAGE })
    ).json()) as Json;
  });
  afterAll(() => t?.close());

  it("after a scenario run, the counters equal the rows and every page shows them", async () => {
    // 30 hours ago: opted in (the 2018 "+1" applies now).
    clock = new Date(clock.getTime() - 30 * HOUR);
    await optIn(
      profile.id,
      ADMIN_PAGE,
      await makeContact("late", { FIRSTNAME: "Lena", NICKNAME: "Lenny" }),
      "Lena",
    );
    clock = new Date(clock.getTime() + 30 * HOUR);
    for (let i = 0; i < 5; i++) {
      const id = await makeContact(`fresh${i}`, { FIRSTNAME: `Fran${i}`, NICKNAME: `F${i}` });
      await optIn(profile.id, ADMIN_PAGE, id, `Fran${i}`);
    }
    await optIn(profile.id, ADMIN_PAGE, await makeContact("noname", { NICKNAME: "Nemo" }), "Nemo");
    await optIn(profile.id, ADMIN_PAGE, await makeContact("empty", { FIRSTNAME: "Eve" }), "Eve");
    const blocked = await optIn(
      profile.id,
      ADMIN_PAGE,
      await makeContact("blocked", { FIRSTNAME: "Bo", NICKNAME: "Bo" }),
      "Bo",
    );
    await t.runtime.sandbox!.admin.block({ personId: blocked, pageId: ADMIN_PAGE });
    for (let i = 0; i < 4; i++) {
      await makeContact(`cold${i}`, { FIRSTNAME: `Cole${i}`, LASTNAME: "Smith", NICKNAME: "C" });
    }
    await t.runtime.sandbox!.admin.settle();
    await driveEngine(t);
    const listId = await makeList("Everyone", [...contacts.values()]);
    await insertActiveProgram(t, {
      accountId,
      name: "Shipping",
      document: twoDayProgram(profile.id, listId),
      startListId: listId,
      profileIds: [profile.id],
    });
    await driveEngine(t);
    const day1 = "2026-11-20";
    // A day later: named contacts get the second message, the rest end.
    clock = new Date(clock.getTime() + 24 * HOUR + 60_000);
    await driveEngine(t);
    const day2 = "2026-11-21";

    await expectStatsMatchMessages(t);
    const rows = await countRows(profile.id, day1, day2);
    expect(rows.map((r) => r.date)).toEqual([day1, day2]);
    // Day 1: 7 delivered, 4 not opted in, 1 empty message, 1 refused by Facebook (blocked).
    expect(rows[0]).toMatchObject({ sent: 7, delivered: 7, notSent: 6 });

    // The profile page: today and the six days before, counters only.
    const summary = await getJson(`/api/messenger/statistics/${profile.id}`);
    expect(summary).toMatchObject({
      today: day2,
      from: addDays(day2, -6),
      to: day2,
      timeZone: "UTC",
      delivered: rows[0]!.delivered + rows[1]!.delivered,
      sent: rows[0]!.sent + rows[1]!.sent,
      notSent: rows[0]!.notSent + rows[1]!.notSent,
    });
    const reasonRows = rowsOf<Json>(
      await t.db.execute(sql`
        select reason, count(*)::int as count from messenger_messages
        where profile_id = ${profile.id}::uuid and status in ('not_sent', 'failed', 'unknown')
        group by reason order by count desc, reason`),
    );
    // Each recorded reason once: Facebook's errors explained, the record kept as their detail.
    expect(
      summary.reasons.map((r: Json) => ({ reason: r.detail ?? r.reason, count: r.count })),
    ).toEqual(reasonRows);
    expect(summary.reasons[0]).toEqual({
      kind: "warning",
      reason: NOT_OPTED_IN,
      detail: null,
      count: 8,
    });
    expect(summary.reasons).toContainEqual({
      kind: "failed",
      reason: BLOCKED,
      detail: expect.stringMatching(/^Facebook error 551\/1545041: /),
      count: 1,
    });
    // Errors apart from warnings: Facebook's refusal is an error, the node's skips warnings.
    expect(summary).toMatchObject({ errors: 1, failed: 1, unknown: 0 });
    expect(summary.warnings).toBe(summary.notSent - 1);

    // The drill-down: every date of the range, zeros on empty days, each equal to the rows.
    const days = await getJson(
      `/api/messenger/statistics/${profile.id}/days?from=${addDays(day1, -1)}&to=${addDays(day2, 1)}`,
    );
    expect(days.days.map((d: Json) => d.date)).toEqual([
      addDays(day1, -1),
      day1,
      day2,
      addDays(day2, 1),
    ]);
    expect(days.days[0]).toMatchObject({ sent: 0, delivered: 0, notSent: 0, reasons: [] });
    expect(days.days[3]).toMatchObject({ sent: 0, delivered: 0, notSent: 0, reasons: [] });
    for (const [i, row] of rows.entries()) {
      expect(days.days[i + 1]).toMatchObject(row);
    }
    expect(days.days[1]).toMatchObject({ warnings: 5, errors: 1, failed: 1, notSent: 6 });
    expect(days.days[1].reasons).toEqual([
      { kind: "warning", reason: NOT_OPTED_IN, detail: null, count: 4 },
      {
        kind: "failed",
        reason: BLOCKED,
        detail: expect.stringMatching(/^Facebook error 551\/1545041: /),
        count: 1,
      },
      {
        kind: "warning",
        reason: "message is empty after personalisation",
        detail: null,
        count: 1,
      },
    ]);
    expect(days.totals).toMatchObject({
      errors: summary.errors,
      warnings: summary.warnings,
      notSent: summary.notSent,
    });
    expect(days.totals.delivered).toBe(summary.delivered);
    const week = await getJson(`/api/messenger/statistics/${profile.id}/days`);
    expect(week.days).toHaveLength(7);
    expect(week.to).toBe(day2);
    expect(
      (await getJson(`/api/messenger/statistics/${profile.id}/days?days=30`)).days,
    ).toHaveLength(30);

    // The contact lists: exactly the messages behind each number, newest or oldest first.
    for (const kind of ["sent", "delivered", "warnings", "errors"]) {
      for (const day of [day1, day2]) {
        const base = `/api/messenger/statistics/${profile.id}/contacts?kind=${kind}&from=${day}&to=${day}`;
        const newest = await walk(`${base}&order=newest`);
        const oldest = await walk(`${base}&order=oldest`, 2);
        expect(newest.map((c) => c.messageId).sort()).toEqual(
          await idsOf(profile.id, kind, day, day),
        );
        expect(new Set(newest.map((c) => c.messageId)).size).toBe(newest.length);
        expect(oldest.map((c) => c.messageId)).toEqual(newest.map((c) => c.messageId).reverse());
        const times = newest.map((c) => Date.parse(c.at));
        expect(times).toEqual([...times].sort((a, b) => b - a));
      }
    }
    const warnings = await walk(
      `/api/messenger/statistics/${profile.id}/contacts?kind=warnings&from=${day1}&to=${day1}`,
      50,
    );
    expect(warnings.find((c) => c.contactId === contacts.get("cold0"))).toEqual({
      messageId: expect.any(String),
      contactId: contacts.get("cold0"),
      email: "cold0@example.com",
      name: "Cole0 Smith",
      at: expect.stringMatching(/^2026-11-20T09:00:00/),
      date: day1,
      sentAt: null,
      deliveredAt: null,
      programId: expect.any(String),
      programName: "Shipping",
      nodeId: "hello",
      nodeName: "Messenger 1",
      status: "not_sent",
      reason: NOT_OPTED_IN,
      reasonDetail: null,
    });
    expect(warnings.map((c) => c.status)).not.toContain("failed");
    // The errors list: the blocked contact alone, the reason explained, Facebook's record below.
    const errors = await walk(
      `/api/messenger/statistics/${profile.id}/contacts?kind=errors&from=${day1}&to=${day1}`,
      50,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        contactId: contacts.get("blocked"),
        status: "failed",
        reason: BLOCKED,
        reasonDetail: expect.stringMatching(/^Facebook error 551\/1545041: /),
      }),
    ]);
    const badKind = await browser.request(
      "GET",
      `/api/messenger/statistics/${profile.id}/contacts?kind=failures&from=${day1}&to=${day1}`,
    );
    expect(badKind.status).toBe(400);
    expect(await badKind.text()).toMatch(/kind.*sent, delivered, warnings or errors/is);
    // The whole range at once, in (date, time) order across days.
    const both = await walk(
      `/api/messenger/statistics/${profile.id}/contacts?kind=delivered&from=${day1}&to=${day2}`,
      4,
    );
    expect(both.map((c) => c.date)).toEqual([...both.map((c) => c.date)].sort().reverse());
    expect(both.map((c) => c.messageId).sort()).toEqual(
      await idsOf(profile.id, "delivered", day1, day2),
    );

    // The CSV export: a header, then one row per contact, streamed as text/csv.
    const res = await browser.request(
      "GET",
      `/api/messenger/statistics/${profile.id}/contacts.csv?kind=warnings&from=${day1}&to=${day1}&order=oldest`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(
      `attachment; filename="Shop-warnings-${day1}-to-${day1}.csv"`,
    );
    const records = parse(await res.text(), { bom: true }) as string[][];
    expect(records[0]).toEqual([
      "Email",
      "Name",
      "Time (UTC)",
      "Program",
      "Node",
      "Status",
      "Reason",
      "Reason detail",
      "Contact ID",
      expect.stringMatching(/^FBOPTINLINK_\w{4}$/),
    ]);
    expect(
      records
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([...warnings.map((c) => c.email)].sort());
    expect(records.find((r) => r[0] === "cold1@example.com")).toEqual([
      "cold1@example.com",
      "Cole1 Smith",
      "2026-11-20 09:00:00",
      "Shipping",
      "Messenger 1",
      "Not sent",
      NOT_OPTED_IN,
      "",
      contacts.get("cold1"),
      expect.stringMatching(/\/optin\/[^/]+$/),
    ]);
    // Issue 18: the contact's personal opt-in link, to reach a contact not opted in elsewhere.
    const link = records.find((r) => r[0] === "cold1@example.com")!.at(-1)!;
    const ref = readOptInRef(t.runtime.deps.keys.optInRef, link.split("/optin/")[1]!, new Date());
    expect(ref).toMatchObject({
      ok: true,
      profileId: profile.id,
      contactId: contacts.get("cold1"),
    });
  });

  it("streams an export larger than one database page, in order", async () => {
    const pageSize = 1000;
    const total = pageSize * 2 + 7;
    const day = "2026-10-01";
    // Synthetic delivered messages for a throw-away day, removed again afterwards.
    await t.db.execute(sql`
      insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
        status, day, sent_day, delivered_day, created_at)
      select ${accountId}::uuid, ${profile.id}::uuid, 'bulk', 900000000 + g, 0, ${contacts.get("cold0")}::uuid,
        'delivered', ${day}::date, ${day}::date, ${day}::date, ${day}::date + g * interval '1 second'
      from generate_series(1, ${total}) g`);
    try {
      const res = await browser.request(
        "GET",
        `/api/messenger/statistics/${profile.id}/contacts.csv?kind=delivered&from=${day}&to=${day}`,
      );
      const records = parse(await res.text(), { bom: true }) as string[][];
      expect(records).toHaveLength(total + 1);
      const times = records.slice(1).map((r) => r[2]);
      expect(times[0]).toBe(
        `${day} 00:${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`,
      );
      expect(times).toEqual([...times].sort().reverse());
      expect(new Set(times).size).toBe(total);
    } finally {
      await t.db.execute(sql`delete from messenger_messages where node_id = 'bulk'`);
    }
  });

  it("counts a receipt once, whether duplicated or arriving out of order", async () => {
    const sandbox = t.runtime.sandbox!.admin;
    // The sandbox duplicates and reorders every webhook: the counters still equal the rows.
    await sandbox.setFaults({ webhooks: { duplicate: 1, reorder: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await makeContact(`dup${i}`, { FIRSTNAME: `Dup${i}` });
      await optIn(profile.id, ADMIN_PAGE, id, `Dup${i}`);
      ids.push(id);
    }
    await sandbox.settle();
    await driveEngine(t);
    const before = await getJson(`/api/messenger/statistics/${profile.id}`);
    const dupList = await makeList("Duplicates", ids);
    await insertActiveProgram(t, {
      accountId,
      name: "Dup",
      document: messengerProgram({
        profileId: profile.id,
        listId: dupList,
        text: "Hello @FIRSTNAME@",
        messageNodeId: "say",
      }),
      startListId: dupList,
      profileIds: [profile.id],
    });
    await driveEngine(t);
    await sandbox.settle();
    await driveEngine(t);
    const log = await sandbox.webhookLog(500);
    expect(log.length).toBeGreaterThan(0);
    await expectStatsMatchMessages(t);
    const after = await getJson(`/api/messenger/statistics/${profile.id}`);
    expect(after.sent - before.sent).toBe(3);
    expect(after.delivered - before.delivered).toBe(3);

    // Our own signed receipts, with webhooks from the sandbox dropped: a read before the
    // delivery, a delivery repeated with another watermark, and an exact duplicate.
    await sandbox.resetFaults();
    const quiet: { id: string; psid: string; fbMessageId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await makeContact(`receipt${i}`, { FIRSTNAME: `Rita${i}` });
      await optIn(profile.id, ADMIN_PAGE, id, `Rita${i}`);
      quiet.push({ id, psid: "", fbMessageId: "" });
    }
    await sandbox.settle();
    await driveEngine(t);
    await sandbox.setFaults({ webhooks: { drop: 1 } });
    const quietList = await makeList(
      "Receipts",
      quiet.map((q) => q.id),
    );
    await insertActiveProgram(t, {
      accountId,
      name: "Receipts",
      document: messengerProgram({
        profileId: profile.id,
        listId: quietList,
        text: "Hello @FIRSTNAME@",
        messageNodeId: "say",
      }),
      startListId: quietList,
      profileIds: [profile.id],
    });
    await driveEngine(t);
    for (const q of quiet) {
      const [m] = await t.db
        .select()
        .from(messengerMessages)
        .where(and(eq(messengerMessages.contactId, q.id), eq(messengerMessages.nodeId, "say")));
      expect(m?.status).toBe("sent");
      q.psid = m!.psid!;
      q.fbMessageId = m!.fbMessageId!;
    }
    const sentState = await getJson(`/api/messenger/statistics/${profile.id}`);
    const sign = (body: string) =>
      `sha256=${createHmac("sha256", t.runtime.deps.webhook.appSecret).update(body).digest("hex")}`;
    const post = async (psid: string, event: Json) => {
      const timestamp = clock.getTime() + 60_000;
      const body = JSON.stringify({
        object: "page",
        entry: [
          {
            id: ADMIN_PAGE,
            time: timestamp,
            messaging: [
              { sender: { id: psid }, recipient: { id: ADMIN_PAGE }, timestamp, ...event },
            ],
          },
        ],
      });
      const res = await t.app.request(`${TEST_ORIGIN}/webhooks/messenger`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": sign(body) },
        body,
      });
      expect(res.status).toBe(200);
      while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
    };
    const [a, b] = quiet as [(typeof quiet)[0], (typeof quiet)[0]];
    const watermark = clock.getTime() + 30_000;
    await post(a.psid, { read: { watermark } });
    await post(a.psid, { delivery: { mids: [a.fbMessageId], watermark } });
    await post(b.psid, { delivery: { mids: [b.fbMessageId], watermark } });
    await post(b.psid, { delivery: { mids: [b.fbMessageId], watermark } });
    await post(b.psid, { delivery: { watermark: watermark + 1_000 } });
    await post(b.psid, { delivery: { mids: [b.fbMessageId], watermark: watermark + 2_000 } });
    await sandbox.resetFaults();

    await expectStatsMatchMessages(t);
    const final = await getJson(`/api/messenger/statistics/${profile.id}`);
    expect(final.sent - sentState.sent).toBe(0);
    expect(final.delivered - sentState.delivered).toBe(2);
    expect(final.read - sentState.read).toBe(1);
  });

  it("uses the account's time zone: the 7-day window is today and the six days before", async () => {
    // Auckland is UTC+13 in November: 20:00 UTC on the 20th is 09:00 on the 21st there.
    await t.db
      .update(accounts)
      .set({ timeZone: "Pacific/Auckland" })
      .where(eq(accounts.id, accountId));
    clock = new Date("2026-11-25T20:00:00Z");
    news = (await (
      await createSandboxProfile(browser, { name: "News", pageId: NEWS_PAGE })
    ).json()) as Json;
    const warm = await makeContact("tz-warm", { FIRSTNAME: "Tia" });
    await optIn(news.id, NEWS_PAGE, warm, "Tia");
    const cold = await makeContact("tz-cold", { FIRSTNAME: "Tom" });
    await t.runtime.sandbox!.admin.settle();
    await driveEngine(t);
    const listId = await makeList("Auckland", [warm, cold]);
    await insertActiveProgram(t, {
      accountId,
      name: "Kia ora",
      document: messengerProgram({
        profileId: news.id,
        listId: listId,
        text: "Hello @FIRSTNAME@",
        messageNodeId: "say",
      }),
      startListId: listId,
      profileIds: [news.id],
    });
    await driveEngine(t);
    const messages = await t.db
      .select()
      .from(messengerMessages)
      .where(eq(messengerMessages.profileId, news.id));
    expect(messages.map((m) => m.day)).toEqual(["2026-11-26", "2026-11-26"]);
    await expectStatsMatchMessages(t);

    let summary = await getJson(`/api/messenger/statistics/${news.id}`);
    expect(summary).toMatchObject({
      timeZone: "Pacific/Auckland",
      today: "2026-11-26",
      from: "2026-11-20",
      to: "2026-11-26",
      delivered: 1,
      notSent: 1,
      reasons: [{ kind: "warning", reason: NOT_OPTED_IN, count: 1 }],
    });

    // Counters on the edges of the window (removed again below).
    const edges = { "2026-11-19": 1000, "2026-11-20": 100, "2026-11-27": 10 };
    for (const [day, delivered] of Object.entries(edges)) {
      await t.db.execute(sql`
        insert into messenger_daily_stats (profile_id, day, sent, delivered)
        values (${news.id}::uuid, ${day}::date, ${delivered}, ${delivered})`);
      await t.db.execute(sql`
        insert into messenger_daily_reasons (profile_id, day, kind, reason, count)
        values (${news.id}::uuid, ${day}::date, 'warning', ${`edge ${day}`}, 1)`);
    }
    try {
      summary = await getJson(`/api/messenger/statistics/${news.id}`);
      expect(summary.delivered).toBe(101);
      expect(summary.reasons.map((r: Json) => r.reason).sort()).toEqual(
        ["edge 2026-11-20", NOT_OPTED_IN].sort(),
      );
      // 23:59:59 in Auckland on the 26th: still the same window.
      clock = new Date("2026-11-26T10:59:59Z");
      expect((await getJson(`/api/messenger/statistics/${news.id}`)).delivered).toBe(101);
      // Midnight in Auckland (11:00 UTC): the window moves on a day.
      clock = new Date("2026-11-26T11:00:00Z");
      summary = await getJson(`/api/messenger/statistics/${news.id}`);
      expect(summary).toMatchObject({ today: "2026-11-27", from: "2026-11-21", delivered: 11 });
    } finally {
      await t.db.execute(sql`delete from messenger_daily_stats
        where profile_id = ${news.id}::uuid and day <> '2026-11-26'`);
      await t.db.execute(sql`delete from messenger_daily_reasons
        where profile_id = ${news.id}::uuid and reason like 'edge %'`);
      await t.db.update(accounts).set({ timeZone: "UTC" }).where(eq(accounts.id, accountId));
    }
    await expectStatsMatchMessages(t);
  });

  it("answers 404 for another account's profile on every statistics route and export", async () => {
    const other = new TestBrowser(t.app);
    await other.signUp("Other");
    const paths = [
      `/api/messenger/statistics/${profile.id}`,
      `/api/messenger/statistics/${profile.id}/days?from=2026-11-01&to=2026-11-30`,
      `/api/messenger/statistics/${profile.id}/contacts?kind=warnings&from=2026-11-20&to=2026-11-20`,
      `/api/messenger/statistics/${profile.id}/contacts.csv?kind=warnings&from=2026-11-20&to=2026-11-20`,
    ];
    for (const path of paths) {
      const res = await other.request("GET", path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as Json).error.code).toBe("not_found");
      expect((await browser.request("GET", path)).status, path).toBe(200);
      expect((await new TestBrowser(t.app).request("GET", path)).status).toBe(401);
    }
    const missing = await browser.request(
      "GET",
      `/api/messenger/statistics/${crypto.randomUUID()}`,
    );
    expect(missing.status).toBe(404);

    // The public API, with each account's key.
    const keyOf = async (b: TestBrowser) =>
      ((await (await b.request("POST", "/api/api-keys", { name: "Stats" })).json()) as Json)
        .key as string;
    const [mine, theirs] = [await keyOf(browser), await keyOf(other)];
    const v1 = (key: string, query = "") =>
      t.app.request(`${TEST_ORIGIN}/api/v1/messenger/profiles/${profile.id}/stats${query}`, {
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await v1(theirs)).status).toBe(404);
    expect((await v1(theirs, "?from=2026-11-20&to=2026-11-21")).status).toBe(404);
    const ok = await v1(mine, "?from=2026-11-20&to=2026-11-21");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Json;
    expect(body.days.map((d: Json) => d.date)).toEqual(["2026-11-20", "2026-11-21"]);
    expect(body.days[0]).toMatchObject({
      date: "2026-11-20",
      sent: 7,
      delivered: 7,
      notSent: {
        total: 6,
        warnings: 5,
        errors: 1,
        failed: 1,
        unknown: 0,
        reasons: expect.arrayContaining([
          { kind: "warning", reason: NOT_OPTED_IN, detail: null, count: 4 },
          {
            kind: "failed",
            reason: BLOCKED,
            detail: expect.stringMatching(/^Facebook error 551\/1545041: /),
            count: 1,
          },
        ]),
      },
    });
    expect(((await (await v1(mine)).json()) as Json).days).toHaveLength(7);
  });

  it("refuses impossible dates, reversed ranges and more than 366 days with 400", async () => {
    const bad = [
      "?from=2026-02-30&to=2026-03-01",
      "?from=2026-11-21&to=2026-11-20",
      "?from=2025-01-01&to=2026-01-02",
      "?from=2026-11-20",
      "?from=20261120&to=20261121",
    ];
    for (const query of bad) {
      const res = await browser.request(
        "GET",
        `/api/messenger/statistics/${profile.id}/days${query}`,
      );
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as Json).error.code).toBe("invalid_request");
    }
    const full = await getJson(
      `/api/messenger/statistics/${profile.id}/days?from=2025-01-01&to=2026-01-01`,
    );
    expect(full.days).toHaveLength(366);
    const contactList = await browser.request(
      "GET",
      `/api/messenger/statistics/${profile.id}/contacts?kind=everyone`,
    );
    expect(contactList.status).toBe(400);
    const tampered = await browser.request(
      "GET",
      `/api/messenger/statistics/${profile.id}/contacts?kind=sent&cursor=${Buffer.from('["x","y","z"]').toString("base64url")}`,
    );
    expect(tampered.status).toBe(400);

    const key = (
      (await (await browser.request("POST", "/api/api-keys", { name: "Dates" })).json()) as Json
    ).key as string;
    for (const query of bad) {
      const res = await t.app.request(
        `${TEST_ORIGIN}/api/v1/messenger/profiles/${profile.id}/stats${query}`,
        { headers: { authorization: `Bearer ${key}` } },
      );
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as Json).error.code).toBe("invalid_request");
    }
  });

  it("reads every contact-list page by an index range scan of its partial index, at any depth", async () => {
    const perDay = 1500;
    const daysBack = 20;
    const limit = 50;
    // Inside a transaction that is rolled back: lots of synthetic messages, then the plans.
    const plans: {
      kind: "sent" | "delivered" | "warnings" | "errors";
      order: string;
      deep: boolean;
      plan: Json;
    }[] = [];
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`
          insert into messenger_messages (account_id, profile_id, node_id, enrolment_id, visit, contact_id,
            status, reason, day, sent_day, delivered_day, created_at)
          select ${accountId}::uuid, ${profile.id}::uuid, 'bulk', 800000000 + g, 0, ${contacts.get("cold0")}::uuid,
            (array['sent', 'delivered', 'read', 'not_sent', 'failed', 'delivered'])[1 + g % 6],
            case when g % 6 in (3, 4) then 'bulk reason' end,
            date '2026-09-01' + (g / ${perDay}),
            case when g % 6 in (0, 1, 2, 5) then date '2026-09-01' + (g / ${perDay}) end,
            case when g % 6 in (1, 2, 5) then date '2026-09-01' + (g / ${perDay}) end,
            timestamptz '2026-09-01 00:00:00+00' + (g / ${perDay}) * interval '1 day'
              + (g % ${perDay}) * interval '1 second'
          from generate_series(0, ${perDay * daysBack - 1}) g`);
        await tx.execute(sql`analyze messenger_messages`);
        // The cursor of a page deep in the range: half-way through it.
        const mid = rowsOf<Json>(
          await tx.execute(sql`select day::text as day, created_at::text as at, id::text as id
            from messenger_messages
            where profile_id = ${profile.id}::uuid and node_id = 'bulk' and day = date '2026-09-11'
            order by created_at limit 1 offset 700`),
        )[0]!;
        for (const kind of ["sent", "delivered", "warnings", "errors"] as const) {
          for (const order of ["newest", "oldest"] as const) {
            for (const deep of [false, true]) {
              const query = contactPageSql(accountId, profile.id, {
                from: "2026-09-01",
                to: "2026-09-20",
                kind,
                order,
                limit,
                after: deep ? [mid.day, mid.at, mid.id] : undefined,
              });
              const [explained] = rowsOf<Json>(
                await tx.execute(sql`explain (analyze, format json) ${query}`),
              );
              const raw = explained!["QUERY PLAN"];
              const plan = (typeof raw === "string" ? JSON.parse(raw) : raw)[0].Plan;
              plans.push({ kind, order, deep, plan });
            }
          }
        }
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(plans).toHaveLength(16);
    const index = {
      sent: "sent",
      delivered: "delivered",
      warnings: "warning",
      errors: "error",
    } as const;
    for (const { kind, order, deep, plan } of plans) {
      const nodes: Json[] = [];
      const visit = (n: Json) => {
        nodes.push(n);
        for (const child of n.Plans ?? []) visit(child);
      };
      visit(plan);
      const label = `${kind} ${order} ${deep ? "deep" : "first"}`;
      const scan = nodes.find((n) => n["Relation Name"] === "messenger_messages");
      expect(scan?.["Node Type"], label).toBe("Index Scan");
      expect(scan?.["Index Name"], label).toBe(`messenger_messages_${index[kind]}_list_idx`);
      expect(scan?.["Scan Direction"], label).toBe(order === "newest" ? "Backward" : "Forward");
      if (deep) expect(scan?.["Index Cond"], label).toMatch(/created_at/);
      // A range scan: it stops after the page, never reading the rows before the cursor.
      expect(scan?.["Actual Rows"], label).toBeLessThanOrEqual(limit + 1);
      expect(scan?.["Rows Removed by Filter"] ?? 0, label).toBe(0);
      // No sort of the messages: the page comes off the index in order, under the LIMIT.
      const limitNode = nodes.find((n) => n["Node Type"] === "Limit");
      expect(limitNode?.Plans?.[0], label).toBe(scan);
    }
  });

  it("keeps the statistics when a program is deactivated, and deletes them with the profile", async () => {
    const before = await getJson(
      `/api/messenger/statistics/${news.id}/days?from=2026-11-26&to=2026-11-26`,
    );
    expect(before.totals).toMatchObject({ delivered: 1, notSent: 1 });
    await t.db.execute(sql`update programs set status = 'deactivated'
      where account_id = ${accountId}::uuid and name = 'Kia ora'`);
    expect(
      await getJson(`/api/messenger/statistics/${news.id}/days?from=2026-11-26&to=2026-11-26`),
    ).toEqual(before);
    const deleted = await browser.request("POST", "/api/messenger/profiles/delete", {
      ids: [news.id],
    });
    expect(deleted.status).toBe(200);
    expect((await browser.request("GET", `/api/messenger/statistics/${news.id}`)).status).toBe(404);
    const left = rowsOf<Json>(
      await t.db.execute(sql`select
        (select count(*)::int from messenger_daily_stats where profile_id = ${news.id}::uuid) as stats,
        (select count(*)::int from messenger_daily_reasons where profile_id = ${news.id}::uuid) as reasons`),
    );
    expect(left[0]).toEqual({ stats: 0, reasons: 0 });
  });
});
