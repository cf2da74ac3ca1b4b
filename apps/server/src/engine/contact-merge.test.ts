import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import { makeOptInRef, processWebhookEvents } from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { openShop, clickSendToMessenger as sendToMessenger } from "../testing/subscribers";
import { TEST_ORIGIN, type TestApp, type TestBrowser } from "../testing/test-app";
import { type Json, json, twoDayProgram } from "../testing/test-programs";

// Issue 18: merging contacts, by hand (session and public API) and automatically (a personal
// link opt-in after an anonymous one; a CSV import carrying the subscriber's FBOPTIN value).
describe.each(testDrivers())("contact merge on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profileId: string;
  let field: string;
  let apiKey: string;

  beforeAll(async () => {
    ({ t, browser, accountId, profileId, field, apiKey } = await openShop(driver, "Merges"));
  });
  afterAll(() => t?.close());

  const v1 = (method: string, path: string, body?: unknown) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const createContact = async (email: string, values: Record<string, unknown>) => {
    const res = await browser.request("POST", "/api/contacts", { email, values });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await json(res)) as Json;
  };
  const createList = async (name: string, contactIds: string[]) => {
    const list = await json(await v1("POST", "/lists", { name }));
    await v1("POST", `/lists/${list.id}/contacts`, { contactIds });
    return list.id as string;
  };
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(q));
  const enrolmentsOf = (contactId: string) =>
    query<{ id: number; program_id: string; state: string; outcome: string | null }>(sql`
      select id::int, program_id, state, outcome from enrolments
      where contact_id = ${contactId}::uuid order by id`);
  const sandbox = () => t.runtime.sandbox!.admin;
  /** Send to Messenger through the sandbox's plugin, then the webhook through the inbox. */
  const clickSendToMessenger = async (personId: string, ref: string | null = null) => {
    const psid = await sendToMessenger(t, personId, ref);
    await sandbox().settle();
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
    return psid;
  };
  const subscriberWith = async (psid: string) =>
    (
      await query<{ contact_id: string; origin: string }>(sql`
        select contact_id, origin from messenger_contacts
        where profile_id = ${profileId}::uuid and psid = ${psid}`)
    )[0];

  it("merges during an active program: values, lists, history and messages kept, one enrolment active", async () => {
    const target = await createContact("tom@example.com", { FIRSTNAME: "Tom", LASTNAME: "" });
    const source = await createContact("sam@example.com", { FIRSTNAME: "Sam", LASTNAME: "Stone" });
    const both = await createList("Both", [target.id, source.id]);
    await createList("Only Sam", [source.id]);
    const only = await createList("Sam's program", [source.id]);
    const shared = await insertActiveProgram(t, {
      accountId,
      name: "Shared",
      document: twoDayProgram(profileId, both),
      startListId: both,
      profileIds: [profileId],
    });
    const own = await insertActiveProgram(t, {
      accountId,
      name: "Own",
      document: twoDayProgram(profileId, only),
      startListId: only,
      profileIds: [profileId],
    });
    await driveEngine(t);
    // Both wait a day in "Shared"; neither is opted in, so each has a message not sent.
    expect((await enrolmentsOf(target.id)).map((e) => e.state)).toEqual(["active"]);
    expect(await enrolmentsOf(source.id)).toHaveLength(2);
    const [sourceMessages] = await query<{ n: number }>(
      sql`select count(*)::int as n from messenger_messages where contact_id = ${source.id}::uuid`,
    );
    expect(sourceMessages!.n).toBe(2);

    // The preview says what will be kept before anything is written.
    const preview = await json(
      await browser.request("GET", `/api/contacts/${target.id}/merge-preview?from=${source.id}`),
    );
    expect(preview).toMatchObject({
      email: "tom@example.com",
      filledFields: [{ name: "LASTNAME", value: "Stone" }],
      listsAdded: [{ name: "Only Sam" }, { name: "Sam's program" }],
      messagesMoved: 2,
    });
    expect(preview.programs).toEqual(
      expect.arrayContaining([
        { id: shared.id, name: "Shared", state: "active", ends: true },
        { id: own.id, name: "Own", state: "active", ends: false },
      ]),
    );
    expect(await enrolmentsOf(source.id)).toHaveLength(2);

    const merged = await v1("POST", `/contacts/${target.id}/merge`, { from: source.id });
    expect(merged.status, await merged.clone().text()).toBe(200);
    expect(await json(merged)).toEqual({
      status: "merged",
      contactId: target.id,
      mergedContactId: source.id,
      filledFields: ["LASTNAME"],
      emailFromMerged: false,
      listsAdded: 2,
      enrolmentsMoved: 2,
      enrolmentsEnded: 1,
      messengerLinksMoved: 0,
      messagesMoved: 2,
    });

    const kept = await json(await v1("GET", `/contacts/${target.id}`));
    expect(kept).toMatchObject({
      email: "tom@example.com",
      values: { FIRSTNAME: "Tom", LASTNAME: "Stone" },
    });
    expect(kept.lists.map((l: Json) => l.name).sort()).toEqual([
      "Both",
      "Only Sam",
      "Sam's program",
    ]);
    const enrolments = await enrolmentsOf(target.id);
    expect(enrolments).toHaveLength(3);
    const inShared = enrolments.filter((e) => e.program_id === shared.id);
    expect(inShared.filter((e) => e.state === "active")).toHaveLength(1);
    const ended = inShared.find((e) => e.state === "removed")!;
    expect(ended.outcome).toBe("merged");
    // The ended enrolment keeps its history, ending with the merge at the node it waited at.
    const history = await query<{ node_ids: string[]; outcomes: string[] | null }>(sql`
      select node_ids, outcomes from enrolment_history where enrolment_id = ${ended.id}
      order by visit`);
    expect(history.at(-1)).toEqual({ node_ids: ["wait"], outcomes: ["merged"] });
    expect(history.length).toBeGreaterThan(1);
    expect(enrolments.find((e) => e.program_id === own.id)?.state).toBe("active");
    const [messages] = await query<{ n: number }>(
      sql`select count(*)::int as n from messenger_messages where contact_id = ${target.id}::uuid`,
    );
    expect(messages!.n).toBe(3);

    // The merged id points to where it went; merging again is a no-op answer.
    const gone = await v1("GET", `/contacts/${source.id}`);
    expect(gone.status).toBe(404);
    expect((await json(gone)).error).toMatchObject({
      code: "contact_merged",
      details: { mergedInto: target.id },
    });
    const again = await v1("POST", `/contacts/${target.id}/merge`, { from: source.id });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ status: "already_merged", enrolmentsMoved: 0 });
    expect(await enrolmentsOf(target.id)).toHaveLength(3);

    // The engine runs on with one active enrolment per program for the contact that stayed.
    await driveEngine(t);
    expect((await enrolmentsOf(target.id)).filter((e) => e.state === "active")).toHaveLength(2);
  });

  it("refuses bad merges naming the field, and merges by hand in the session API", async () => {
    const a = await createContact("a@example.com", {});
    const b = await createContact("b@example.com", { FIRSTNAME: "Bea" });
    const self = await v1("POST", `/contacts/${a.id}/merge`, { from: a.id });
    expect(self.status).toBe(400);
    expect((await json(self)).error.details.fields).toHaveProperty("from");
    const unknown = await v1("POST", `/contacts/${a.id}/merge`, { from: crypto.randomUUID() });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.details.fields).toHaveProperty("from");
    const invalid = await v1("POST", `/contacts/${a.id}/merge`, { from: "nope" });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).error.details.fields).toHaveProperty("from");
    const missing = await v1("POST", `/contacts/${crypto.randomUUID()}/merge`, { from: a.id });
    expect(missing.status).toBe(404);

    const res = await browser.request("POST", `/api/contacts/${a.id}/merge`, { from: b.id });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await json(res)).toMatchObject({ status: "merged", filledFields: ["FIRSTNAME"] });
    // b went into a; merging b into c now is a conflict, not a silent move.
    const c = await createContact("c@example.com", {});
    const elsewhere = await v1("POST", `/contacts/${c.id}/merge`, { from: b.id });
    expect(elsewhere.status).toBe(409);
    expect((await json(elsewhere)).error.details).toMatchObject({ mergedInto: a.id });
    // a merged on into c: the pointer of b follows.
    await v1("POST", `/contacts/${c.id}/merge`, { from: a.id });
    expect((await json(await v1("GET", `/contacts/${b.id}`))).error.details).toEqual({
      mergedInto: c.id,
    });
    expect(await json(await v1("GET", `/contacts/${c.id}`))).toMatchObject({
      email: "c@example.com",
      values: { FIRSTNAME: "Bea" },
    });
  });

  it("merges once when the same merge, or the opposite one, is asked twice at the same time", async () => {
    const x = await createContact("x@example.com", { FIRSTNAME: "Xena" });
    const y = await createContact("y@example.com", { LASTNAME: "Young" });
    await createList("X and Y", [x.id, y.id]);
    const same = await Promise.all([
      v1("POST", `/contacts/${x.id}/merge`, { from: y.id }),
      v1("POST", `/contacts/${x.id}/merge`, { from: y.id }),
    ]);
    expect(same.map((r) => r.status)).toEqual([200, 200]);
    const statuses = await Promise.all(same.map(async (r) => (await json(r)).status));
    expect(statuses.sort()).toEqual(["already_merged", "merged"]);
    expect(await json(await v1("GET", `/contacts/${x.id}`))).toMatchObject({
      values: { FIRSTNAME: "Xena", LASTNAME: "Young" },
      lists: [expect.objectContaining({ name: "X and Y" })],
    });

    const p = await createContact("p@example.com", {});
    const q = await createContact("q@example.com", {});
    const opposite = await Promise.all([
      v1("POST", `/contacts/${p.id}/merge`, { from: q.id }),
      v1("POST", `/contacts/${q.id}/merge`, { from: p.id }),
    ]);
    expect(opposite.map((r) => r.status).sort()).toEqual([200, 404]);
    const [kept] = await query<{ n: number }>(sql`
      select count(*)::int as n from contacts where id in (${p.id}::uuid, ${q.id}::uuid)`);
    expect(kept!.n).toBe(1);
  });

  it("merges an anonymous subscriber into the known contact whose personal link the same person uses", async () => {
    const ana = await sandbox().addPerson({ firstName: "Ana", lastName: "García" });
    const psid = await clickSendToMessenger(ana.id);
    const subscriber = (await subscriberWith(psid))!;
    expect(subscriber.origin).toBe("anonymous");
    await createList("Website", [subscriber.contact_id]);

    const known = await createContact("ana@example.com", { LASTNAME: "Garcia-Known" });
    const ref = makeOptInRef(
      t.runtime.deps.keys.optInRef,
      { profileId, contactId: known.id },
      new Date(),
    );
    expect(await clickSendToMessenger(ana.id, ref)).toBe(psid);
    expect(await subscriberWith(psid)).toEqual({ contact_id: known.id, origin: "ref" });
    const kept = await json(await v1("GET", `/contacts/${known.id}`));
    expect(kept).toMatchObject({
      email: "ana@example.com",
      values: { LASTNAME: "Garcia-Known", [field]: psid },
    });
    expect(kept.lists.map((l: Json) => l.name)).toEqual(["Website"]);
    const [pointer] = await query<{ target_id: string; reason: string }>(sql`
      select target_id, reason from contact_merges where source_id = ${subscriber.contact_id}::uuid`);
    expect(pointer).toEqual({ target_id: known.id, reason: "opt-in" });
    expect((await v1("GET", `/contacts/${subscriber.contact_id}`)).status).toBe(404);
  });

  it("merges an anonymous subscriber into the contact a CSV import gives their FBOPTIN value", async () => {
    const bo = await sandbox().addPerson({ firstName: "Bo", lastName: "Diddley" });
    const psid = await clickSendToMessenger(bo.id);
    const subscriber = (await subscriberWith(psid))!;
    const csv = `EMAIL,First name,Messenger\nbo@example.com,Bo,${psid}\nother@example.com,Other,999\n`;
    const bytes = new TextEncoder().encode(csv);
    const start = await browser.request("POST", "/api/contacts/imports", {
      fileName: "contacts.csv",
      totalBytes: bytes.length,
      newListName: "Imported",
      mapping: { EMAIL: "EMAIL", "First name": "FIRSTNAME", Messenger: field },
    });
    expect(start.status, await start.clone().text()).toBe(201);
    const put = await t.app.request(
      `${TEST_ORIGIN}/api/contacts/imports/${(await json(start)).id}/file`,
      {
        method: "PUT",
        headers: { origin: TEST_ORIGIN, cookie: browser.cookie, "content-type": "text/csv" },
        body: bytes,
      },
    );
    expect(put.status, await put.clone().text()).toBe(200);
    expect(await json(put)).toMatchObject({ status: "done", created: 2, invalid: 0 });

    const imported = await json(await v1("GET", "/contacts?email=bo@example.com"));
    expect(await subscriberWith(psid)).toMatchObject({ contact_id: imported.id });
    expect(imported.values).toMatchObject({ FIRSTNAME: "Bo", [field]: psid });
    expect(imported.lists.map((l: Json) => l.name)).toEqual(["Imported"]);
    expect((await v1("GET", `/contacts/${subscriber.contact_id}`)).status).toBe(404);
    // A value matching no subscriber links nothing: only an opt-in links a PSID.
    const other = await json(await v1("GET", "/contacts?email=other@example.com"));
    expect(other.values).toEqual({ FIRSTNAME: "Other" });
  });

  it("gives a subscriber without email the merged contact's email", async () => {
    const cy = await sandbox().addPerson({ firstName: "Cy", lastName: "Young" });
    const psid = await clickSendToMessenger(cy.id);
    const subscriber = (await subscriberWith(psid))!;
    const withEmail = await createContact("cy@example.com", { FIRSTNAME: "Cyrus" });
    const res = await v1("POST", `/contacts/${subscriber.contact_id}/merge`, {
      from: withEmail.id,
    });
    expect(await json(res)).toMatchObject({ status: "merged", emailFromMerged: true });
    expect(await json(await v1("GET", "/contacts?email=cy@example.com"))).toMatchObject({
      id: subscriber.contact_id,
      values: { FIRSTNAME: "Cyrus", [field]: psid },
    });
  });
});
