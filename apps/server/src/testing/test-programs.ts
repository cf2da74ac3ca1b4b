import type { ProgramDocumentInput } from "@waymark/domain";
import { programDocument } from "@waymark/domain/fixtures";

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
