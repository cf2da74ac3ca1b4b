import { rowsOf } from "@waymark/db";
import { testDrivers } from "@waymark/db/testing";
import {
  lookUpSubscriberNames,
  MAX_NAME_ATTEMPTS,
  makeOptInRef,
  processWebhookEvents,
} from "@waymark/engine";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveEngine, insertActiveProgram } from "../testing/engine-driver";
import { ADMIN_PAGE } from "../testing/sandbox-login";
import { postSignedWebhook } from "../testing/signed-webhook";
import { openShop, clickSendToMessenger as sendToMessenger } from "../testing/subscribers";
import { TEST_ORIGIN, type TestApp, type TestBrowser } from "../testing/test-app";
import { messengerProgram } from "../testing/test-programs";

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary response shapes.
type Json = Record<string, any>;

interface Link {
  contact_id: string;
  psid: string;
  origin: string;
  opted_in_at: string;
  name_due_at: string | null;
  name_attempts: number;
  name_error: string | null;
}

// Issue 18: an opt-in without a usable ref is never lost. Every opt-in goes the real way: the
// sandbox's Send to Messenger endpoint over HTTP → signed webhook → inbox → engine.
describe.each(testDrivers())("anonymous opt-ins become Messenger subscribers on %s", (driver) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;
  let profileId: string;
  let field: string;
  let apiKey: string;

  beforeAll(async () => {
    ({ t, browser, accountId, profileId, field, apiKey } = await openShop(driver, "Subscribers"));
  });
  afterAll(() => t?.close());

  const sandbox = () => t.runtime.sandbox!.admin;
  const person = (firstName: string, lastName = "Test") =>
    sandbox().addPerson({ firstName, lastName });
  /** The person clicks Send to Messenger on a page, through the plugin's endpoint. */
  const clickSendToMessenger = (personId: string, ref: string | null = null) =>
    sendToMessenger(t, personId, ref);
  const deliver = async () => {
    await sandbox().settle();
    while ((await processWebhookEvents(t.runtime.deps)) > 0) {}
  };
  const links = async (psid: string) =>
    rowsOf<Link>(
      await t.db.execute(sql`
        select contact_id, psid, origin, opted_in_at::text, name_due_at::text, name_attempts, name_error
        from messenger_contacts where profile_id = ${profileId}::uuid and psid = ${psid}`),
    );
  const contactsWith = async (psid: string) =>
    rowsOf<{ id: string; email: string | null; values: Record<string, unknown> }>(
      await t.db.execute(sql`
        select id, email, values from contacts
        where account_id = ${accountId}::uuid and values->>${field} = ${psid}`),
    );
  const later = (ms: number) => () => new Date(Date.now() + ms);
  const lookUpNames = (now = () => new Date()) => lookUpSubscriberNames({ ...t.runtime.deps, now });
  const v1 = (path: string) =>
    t.app.request(`${TEST_ORIGIN}/api/v1${path}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });

  it("creates a subscriber without email holding the PSID, named from the User Profile API", async () => {
    const ana = await person("Ana", "García");
    const psid = await clickSendToMessenger(ana.id);
    await deliver();
    const [subscriber, ...more] = await contactsWith(psid);
    expect(more).toEqual([]);
    expect(subscriber).toMatchObject({ email: null, values: { [field]: psid } });
    const [link] = await links(psid);
    expect(link).toMatchObject({
      contact_id: subscriber!.id,
      origin: "anonymous",
      name_attempts: 0,
    });
    const thread = sandbox().thread({ personId: ana.id, pageId: ADMIN_PAGE })!;
    expect(Date.parse(link!.opted_in_at)).toBe(thread.optedInAt!.getTime());
    expect(link!.name_due_at).not.toBeNull();

    expect(await lookUpNames()).toBeGreaterThanOrEqual(1);
    const [named] = await contactsWith(psid);
    expect(named!.values).toEqual({
      [field]: psid,
      FIRSTNAME: "Ana",
      LASTNAME: "García",
      FULLNAME: "Ana García",
    });
    expect((await links(psid))[0]).toMatchObject({ name_due_at: null, name_error: null });

    // The server's contact pages and lists handle a contact without email.
    const page = (await (
      await browser.request("GET", `/api/contacts/${named!.id}`)
    ).json()) as Json;
    expect(page).toMatchObject({ id: named!.id, email: null, values: { FIRSTNAME: "Ana" } });
    const found = (await (
      await browser.request("GET", "/api/contacts?search=garc")
    ).json()) as Json;
    expect(found.contacts).toEqual([expect.objectContaining({ id: named!.id, email: null })]);
  });

  it("keeps one contact under duplicate, out-of-order and concurrent opt-ins, the latest time winning", async () => {
    const bo = await person("Bo");
    const now = Date.now();
    const psid = await clickSendToMessenger(bo.id);
    await sandbox().optIn({ personId: bo.id, pageId: ADMIN_PAGE, timestamp: now - 3_600_000 });
    await sandbox().setFaults({ webhooks: { duplicate: 1 } });
    try {
      await sandbox().optIn({ personId: bo.id, pageId: ADMIN_PAGE, timestamp: now - 60_000 });
      await sandbox().settle();
    } finally {
      await sandbox().setFaults({ webhooks: {} });
    }
    // Two processes, each claiming one event of the same new person at the same time.
    await Promise.all([
      processWebhookEvents(t.runtime.deps, 1),
      processWebhookEvents(t.runtime.deps, 1),
      processWebhookEvents(t.runtime.deps, 1),
    ]);
    await deliver();
    const contacts = await contactsWith(psid);
    expect(contacts).toHaveLength(1);
    const [link, ...others] = await links(psid);
    expect(others).toEqual([]);
    expect(link!.contact_id).toBe(contacts[0]!.id);
    const newest = sandbox().thread({ personId: bo.id, pageId: ADMIN_PAGE })!.optedInAt!;
    expect(Date.parse(link!.opted_in_at)).toBe(newest.getTime());

    // A later, older opt-in of the linked person moves nothing back, and creates nothing.
    await sandbox().optIn({ personId: bo.id, pageId: ADMIN_PAGE, timestamp: now - 7_200_000 });
    await deliver();
    expect(await contactsWith(psid)).toHaveLength(1);
    expect(Date.parse((await links(psid))[0]!.opted_in_at)).toBe(newest.getTime());
  });

  it("asks again later while the User Profile API fails, and names the subscriber once it answers", async () => {
    const cy = await person("Cyrus", "Vance");
    const psid = await clickSendToMessenger(cy.id);
    await deliver();
    await sandbox().setFaults({ userProfile: { errors: [{ code: 4, rate: 1 }] } });
    try {
      await lookUpNames();
      const [failed] = await links(psid);
      expect(failed).toMatchObject({ name_attempts: 1 });
      expect(failed!.name_error).toContain("Facebook error 4");
      const retryAt = Date.parse(failed!.name_due_at!);
      expect(retryAt - Date.now()).toBeGreaterThan(20_000);
      expect(retryAt - Date.now()).toBeLessThan(40_000);
      // Not due yet: nobody asks Facebook.
      await lookUpNames();
      expect((await links(psid))[0]!.name_attempts).toBe(1);
      // Due, Facebook still failing: the pause doubles.
      await lookUpNames(later(31_000));
      const [again] = await links(psid);
      expect(again!.name_attempts).toBe(2);
      expect(Date.parse(again!.name_due_at!) - Date.now()).toBeGreaterThan(80_000);
      expect((await contactsWith(psid))[0]!.values.FIRSTNAME).toBeUndefined();
    } finally {
      await sandbox().setFaults({ userProfile: null });
    }
    await lookUpNames(later(120_000));
    expect((await contactsWith(psid))[0]!.values).toMatchObject({
      FIRSTNAME: "Cyrus",
      LASTNAME: "Vance",
    });
    expect((await links(psid))[0]).toMatchObject({ name_due_at: null, name_error: null });
  });

  it("stops asking when Facebook has no profile, and never overwrites a name the contact has", async () => {
    // A PSID the sandbox does not know (a person who never interacted): 2018218, permanent.
    const ghost = "9900000000000001";
    const at = Date.now() - 1_000;
    const posted = await postSignedWebhook(t, ADMIN_PAGE, [
      { sender: { id: ghost }, recipient: { id: ADMIN_PAGE }, timestamp: at, optin: {} },
    ]);
    expect(posted.status).toBe(200);
    await deliver();
    await lookUpNames();
    const [stopped] = await links(ghost);
    expect(stopped).toMatchObject({ name_due_at: null, name_attempts: 1 });
    expect(stopped!.name_error).toContain("2018218");
    expect(MAX_NAME_ATTEMPTS).toBeGreaterThan(1);

    const dee = await person("Dee", "Facebook");
    const psid = await clickSendToMessenger(dee.id);
    await deliver();
    const [contact] = await contactsWith(psid);
    await browser.request("PATCH", `/api/contacts/${contact!.id}`, {
      values: { FIRSTNAME: "Dolores" },
    });
    await lookUpNames();
    expect((await contactsWith(psid))[0]!.values).toMatchObject({
      FIRSTNAME: "Dolores",
      LASTNAME: "Facebook",
      FULLNAME: "Dee Facebook",
    });
  });

  it("links a known contact's ref opt-in as before; a tampered ref makes a subscriber and leaves the contact alone", async () => {
    const known = (await (
      await browser.request("POST", "/api/contacts", {
        email: "eve@example.com",
        values: { FIRSTNAME: "Eve" },
      })
    ).json()) as Json;
    const eve = await person("Evelyn");
    const ref = makeOptInRef(
      t.runtime.deps.keys.optInRef,
      { profileId, contactId: known.id },
      new Date(),
    );
    const psid = await clickSendToMessenger(eve.id, ref);
    await deliver();
    expect(await contactsWith(psid)).toEqual([
      { id: known.id, email: "eve@example.com", values: { FIRSTNAME: "Eve", [field]: psid } },
    ]);
    expect((await links(psid))[0]).toMatchObject({
      contact_id: known.id,
      origin: "ref",
      name_due_at: null,
    });

    const mallory = await person("Mallory");
    const tampered = `${ref.slice(0, -2)}xx`;
    const other = await clickSendToMessenger(mallory.id, tampered);
    await deliver();
    const [subscriber] = await contactsWith(other);
    expect(subscriber).toMatchObject({ email: null });
    expect(subscriber!.id).not.toBe(known.id);
    expect((await links(other))[0]).toMatchObject({ origin: "anonymous" });
    const eveNow = (await (
      await browser.request("GET", `/api/contacts/${known.id}`)
    ).json()) as Json;
    expect(eveNow.values[field]).toBe(psid);
  });

  it("finds a subscriber through the public API by its FBOPTIN value", async () => {
    const fay = await person("Fay", "Lookup");
    const psid = await clickSendToMessenger(fay.id);
    await deliver();
    const [contact] = await contactsWith(psid);
    const found = await v1(`/contacts?field=${field}&value=${psid}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: contact!.id, email: null, lists: [] });
    // Any data field works, read as text.
    await browser.request("PATCH", `/api/contacts/${contact!.id}`, {
      values: { LASTNAME: "Lookup-2" },
    });
    const byName = await v1("/contacts?field=LASTNAME&value=Lookup-2");
    expect(((await byName.json()) as Json).id).toBe(contact!.id);

    expect((await v1(`/contacts?field=${field}&value=1111111111111111`)).status).toBe(404);
    const noField = await v1("/contacts?field=NOPE&value=1");
    expect(noField.status).toBe(400);
    expect(JSON.stringify(await noField.json())).toContain("field");
    const noValue = await v1(`/contacts?field=${field}`);
    expect(noValue.status).toBe(400);
    expect(JSON.stringify(await noValue.json())).toContain("value");
    expect((await v1("/contacts")).status).toBe(400);
    expect((await v1("/contacts?email=eve@example.com")).status).toBe(200);

    const openapi = (await (
      await t.app.request(`${TEST_ORIGIN}/api/v1/openapi.json`)
    ).json()) as Json;
    const params = openapi.paths["/contacts"].get.parameters.map((p: Json) => p.name);
    expect(params).toEqual(expect.arrayContaining(["email", "field", "value"]));
    expect(openapi.components.schemas.Contact.properties.email.nullable).toBe(true);
  });

  it("enrols a subscriber in a program and sends to them through the sandbox", async () => {
    const gus = await person("Gus", "Sender");
    const psid = await clickSendToMessenger(gus.id);
    await deliver();
    await lookUpNames();
    const [contact] = await contactsWith(psid);
    const list = (await (
      await browser.request("POST", "/api/lists", { name: "Subs" })
    ).json()) as Json;
    const added = await browser.request("POST", `/api/lists/${list.id}/members`, {
      contactIds: [contact!.id],
    });
    expect(added.status).toBe(200);
    await insertActiveProgram(t, {
      accountId,
      name: "Welcome",
      document: messengerProgram({ profileId, listId: list.id, text: "Hi @FIRSTNAME@!" }),
      startListId: list.id,
      profileIds: [profileId],
    });
    await driveEngine(t);
    const received = await sandbox().messages({ pageId: ADMIN_PAGE, personId: gus.id });
    expect(received.map((m) => m.text)).toEqual(["Hi Gus!"]);
    const members = (await (
      await browser.request("GET", `/api/lists/${list.id}/members`)
    ).json()) as Json;
    expect(members.contacts ?? members.members).toEqual([
      expect.objectContaining({ id: contact!.id, email: null }),
    ]);

    // The statistics' contact list and its CSV: no email, the name Facebook gave.
    const stats = `/api/messenger/statistics/${profileId}`;
    const { to: day } = (await (await browser.request("GET", `${stats}/days`)).json()) as Json;
    const range = `kind=sent&from=${day}&to=${day}`;
    const drill = (await (
      await browser.request("GET", `${stats}/contacts?${range}`)
    ).json()) as Json;
    expect(drill.contacts).toEqual([
      expect.objectContaining({ contactId: contact!.id, email: null, name: "Gus Sender" }),
    ]);
    const csv = await (await browser.request("GET", `${stats}/contacts.csv?${range}`)).text();
    const row = csv.split("\r\n").find((line) => line.includes(contact!.id));
    expect(row).toMatch(/^,Gus Sender,/);
  });

  it("finds due name lookups through their partial index", async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = rowsOf<{ "QUERY PLAN": string }>(
        await tx.execute(sql`explain select profile_id, contact_id from messenger_contacts
          where name_due_at is not null and name_due_at <= now()
          order by name_due_at limit 20 for update skip locked`),
      )
        .map((r) => r["QUERY PLAN"])
        .join("\n");
      expect(plan).toContain("messenger_contacts_name_due_idx");
    });
  });
});
