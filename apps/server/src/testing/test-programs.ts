import { type Database, messengerProfiles } from "@waymark/db";
import type { ProgramDocumentInput } from "@waymark/domain";
import { programDocument } from "@waymark/domain/fixtures";
import { seal } from "@waymark/engine";
import { ADMIN_PAGE, SANDBOX_ADMIN_USER } from "./sandbox-login";
import type { TestApp } from "./test-app";
import type { TestBrowser } from "./test-browser";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes.
export type Json = Record<string, any>;

/** Reads a response body as loosely typed JSON. */
export const json = async (res: Response) => (await res.json()) as Json;

/**
 * Inserts a Messenger profile row for an account. Activation asks Facebook about the profiles a
 * program uses: with `live`, the row holds a sandbox Page token Facebook accepts.
 */
export async function insertProfile(
  db: Database,
  accountId: string,
  options: {
    name?: string;
    status?: "enabled" | "disabled";
    policy?: "2018" | "2020";
    live?: TestApp;
  } = {},
) {
  const id = crypto.randomUUID();
  const live = options.live;
  const pageTokenEnc = live
    ? seal(
        live.runtime.deps.keys.pageToken,
        await live.runtime.sandbox!.admin.pageToken({
          userId: SANDBOX_ADMIN_USER,
          pageId: ADMIN_PAGE,
        }),
        id,
      )
    : "not-a-real-token";
  const code = id
    .slice(0, 4)
    .toUpperCase()
    .replace(/[^A-Z2-9]/g, "K");
  await db.insert(messengerProfiles).values({
    id,
    accountId,
    name: options.name ?? `Profile ${id.slice(0, 6)}`,
    pageId: `page-${id}`,
    pageName: "Acme Shoes",
    status: options.status ?? "enabled",
    policyVersion: options.policy ?? "2018",
    optInCode: code,
    optInFieldName: `FBOPTIN_${code}`,
    pageTokenEnc,
  });
  return id;
}

/** Start → Messenger → Wait → Decision (yes/no) → End: valid once `profileId` is enabled. */
export function validDocument(
  profileId: string,
  listId: string | null = null,
): ProgramDocumentInput {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { listId, allowApi: true } },
      {
        id: "hello",
        type: "messenger",
        position: { x: 0, y: 120 },
        data: { profileId, tagId: "shipping_update", text: "Hi @FIRSTNAME@" },
      },
      { id: "wait", type: "wait", position: { x: 0, y: 240 }, data: { amount: 2, unit: "hours" } },
      {
        id: "vip",
        type: "decision",
        position: { x: 0, y: 360 },
        data: { rule: { kind: "field", field: "LASTNAME", operator: "is_not_empty", value: "" } },
      },
      { id: "end", type: "end", position: { x: 0, y: 480 }, data: { outcome: "Done" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "hello" },
      { id: "e2", source: "hello", target: "wait" },
      { id: "e3", source: "wait", target: "vip" },
      { id: "e4", source: "vip", sourceHandle: "yes", target: "end" },
      { id: "e5", source: "vip", sourceHandle: "no", target: "end" },
    ],
  };
}

/** Creates a program through the browser API and returns its body. */
export async function createProgramAs(
  browser: TestBrowser,
  name: string,
  document?: ProgramDocumentInput,
) {
  const res = await browser.request("POST", "/api/programs", { name, document });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return json(res);
}

/**
 * Start → (Update contact, when `updateField` is given) → Messenger → End: the shape most engine
 * and statistics tests run. Node ids: "start", "tag", `messageNodeId` (default "msg"), "end".
 */
export function messengerProgram(input: {
  profileId: string;
  listId: string;
  text: string;
  messageNodeId?: string;
  updateField?: { field: string; value: string };
}): ProgramDocumentInput {
  const msg = input.messageNodeId ?? "msg";
  const first = input.updateField ? "tag" : msg;
  return programDocument(
    [
      {
        id: "start",
        type: "start",
        position: { x: 0, y: 0 },
        data: { listId: input.listId, allowApi: false },
      },
      ...(input.updateField
        ? [
            {
              id: "tag",
              type: "update_contact" as const,
              position: { x: 0, y: 50 },
              data: input.updateField,
            },
          ]
        : []),
      {
        id: msg,
        type: "messenger",
        position: { x: 0, y: 100 },
        data: { profileId: input.profileId, tagId: "response", text: input.text },
      },
      { id: "end", type: "end", position: { x: 0, y: 200 }, data: { outcome: "Done" } },
    ],
    [
      { id: "a", source: "start", sourceHandle: null, target: first },
      ...(input.updateField ? [{ id: "t", source: "tag", sourceHandle: null, target: msg }] : []),
      { id: "b", source: msg, sourceHandle: null, target: "end" },
    ],
  );
}

/**
 * Start → Messenger "hello" (Response, `@NICKNAME@`) → Wait 1 day → Decision (FIRSTNAME not
 * empty) → Messenger "ship" (Shipping_update) → End "Finished" | End "No name".
 */
export function twoDayProgram(profileId: string, listId: string): ProgramDocumentInput {
  return programDocument(
    [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { listId, allowApi: true } },
      {
        id: "hello",
        type: "messenger",
        position: { x: 0, y: 100 },
        data: { profileId, tagId: "response", text: "@NICKNAME@" },
      },
      { id: "wait", type: "wait", position: { x: 0, y: 200 }, data: { amount: 1, unit: "days" } },
      {
        id: "named",
        type: "decision",
        position: { x: 0, y: 300 },
        data: { rule: { kind: "field", field: "FIRSTNAME", operator: "is_not_empty", value: "" } },
      },
      {
        id: "ship",
        type: "messenger",
        position: { x: 0, y: 400 },
        data: { profileId, tagId: "shipping_update", text: "Hi @FIRSTNAME@, your order shipped" },
      },
      { id: "done", type: "end", position: { x: 200, y: 500 }, data: { outcome: "Finished" } },
      { id: "anon", type: "end", position: { x: -200, y: 400 }, data: { outcome: "No name" } },
    ],
    [
      { id: "e1", source: "start", sourceHandle: null, target: "hello" },
      { id: "e2", source: "hello", sourceHandle: null, target: "wait" },
      { id: "e3", source: "wait", sourceHandle: null, target: "named" },
      { id: "e4", source: "named", sourceHandle: "yes", target: "ship" },
      { id: "e5", source: "named", sourceHandle: "no", target: "anon" },
      { id: "e6", source: "ship", sourceHandle: null, target: "done" },
    ],
  );
}
