import { type Database, messengerProfiles } from "@waymark/db";
import type { ProgramDocumentInput } from "@waymark/domain";
import type { TestBrowser } from "../../../testing/test-browser";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes.
export type Json = Record<string, any>;

/** Reads a response body as loosely typed JSON. */
export const json = async (res: Response) => (await res.json()) as Json;

/** Inserts a Messenger profile row for an account (tests need no Facebook for programs). */
export async function insertProfile(
  db: Database,
  accountId: string,
  options: { name?: string; status?: "enabled" | "disabled"; policy?: "2018" | "2020" } = {},
) {
  const id = crypto.randomUUID();
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
    pageTokenEnc: "not-a-real-token",
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
