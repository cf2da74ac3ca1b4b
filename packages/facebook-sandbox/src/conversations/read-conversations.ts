import type { Context } from "hono";
import type { SandboxContext } from "../context";
import { GraphError, invalidParam, unsupportedRequest } from "../graph/graph-error";
import { type GraphResult, ok } from "../graph/graph-route";
import { type GraphParams, stringParam } from "../graph/read-params";
import type { ThreadRecord } from "../state/records";
import { conversationIdOf, threadOfConversation } from "./conversation-ids";
import {
  decodeCursor,
  encodeCursor,
  type ThreadMessage,
  threadMessages,
  threadOfMessage,
} from "./conversation-messages";
import { admitConversationRead } from "./conversations-access";
import { type FieldRequest, parseFields, unknownField } from "./graph-fields";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
/** Facebook gives a message's details only for its conversation's newest 20 (MESSENGER.md §9). */
export const DETAILED_MESSAGES = 20;

const CONVERSATION_EDGE_FIELDS = ["id", "updated_time", "participants"];
const CONVERSATION_FIELDS = ["id", "updated_time", "participants", "messages"];
const MESSAGE_FIELDS = ["id", "created_time", "from", "to", "message"];
// The listing gives ids and times; sender and text come from GET /{message-id}, newest 20 only.
const MESSAGE_EDGE_FIELDS = ["id", "created_time"];

/** Graph's time format: seconds and a `+0000` offset. */
const graphTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "+0000");

/** `GET /{page-id}/conversations?platform=messenger&user_id={psid}` (MESSENGER.md §9). */
export async function listPageConversations(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  pageId: string,
): Promise<GraphResult | GraphError> {
  const token = await admitConversationRead(ctx, c, params);
  if (token instanceof GraphError) return token;
  if (token.pageId !== pageId) return unsupportedRequest("get", pageId);
  const platform = stringParam(params, "platform");
  if (platform === undefined) return invalidParam("The parameter platform is required");
  if (platform !== "messenger") {
    return invalidParam(`Param platform must be messenger for this Page, got "${platform}"`);
  }
  const psid = stringParam(params, "user_id");
  // Listing every conversation of a Page is beyond what Waymark reads; the sandbox asks for one.
  if (psid === undefined) return invalidParam("The parameter user_id is required");
  if (!/^\d+$/.test(psid)) return invalidParam("Param user_id must be a valid ID");
  const fields = knownFields(
    params,
    ["id", "updated_time"],
    CONVERSATION_EDGE_FIELDS,
    "Conversation",
  );
  if (fields instanceof GraphError) return fields;
  const thread = ctx.state.threads.get(psid);
  if (!thread || thread.pageId !== pageId) return ok({ data: [] });
  const [newest] = await threadMessages(ctx, thread, 1);
  if (!newest) return ok({ data: [] });
  return ok({ data: [conversationBody(ctx, thread, newest, fields)] });
}

/** `GET /{conversation-id}`: a `t_…` node of the token's Page; `fields=messages` is its first page. */
export async function readConversation(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  conversationId: string,
): Promise<GraphResult | GraphError> {
  const thread = await admittedThread(ctx, c, params, conversationId);
  if (thread instanceof GraphError) return thread;
  const fields = knownFields(params, ["id"], CONVERSATION_FIELDS, "Conversation");
  if (fields instanceof GraphError) return fields;
  const [newest] = await threadMessages(ctx, thread, 1);
  if (!newest) return unsupportedRequest("get", conversationId);
  const body = conversationBody(ctx, thread, newest, fields);
  const messages = fields.find((f) => f.name === "messages");
  if (messages) {
    const page = await messagesPage(ctx, c, params, thread, {
      limit: messages.limit,
      subfields: messages.subfields,
    });
    if (page instanceof GraphError) return page;
    // Graph leaves an empty edge out of the node.
    if (page.data.length > 0) body.messages = page;
  }
  return ok(body);
}

/** `GET /{conversation-id}/messages`: the messages edge, newest first, `limit` and `after`. */
export async function listConversationMessages(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  conversationId: string,
): Promise<GraphResult | GraphError> {
  const thread = await admittedThread(ctx, c, params, conversationId);
  if (thread instanceof GraphError) return thread;
  const fields = parseFields(params, MESSAGE_EDGE_FIELDS);
  if (fields instanceof GraphError) return fields;
  const limitParam = stringParam(params, "limit");
  const limit = limitParam === undefined ? undefined : Number(limitParam);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    return invalidParam("Param limit must be a positive integer");
  }
  const requested = stringParam(params, "fields") === undefined ? undefined : names(fields);
  const page = await messagesPage(ctx, c, params, thread, {
    limit,
    subfields: requested,
    after: stringParam(params, "after"),
  });
  return page instanceof GraphError ? page : ok(page);
}

/** `GET /{message-id}`: one message of the token's Page, only among its conversation's newest 20. */
export async function readMessage(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  mid: string,
): Promise<GraphResult | GraphError> {
  const token = await admitConversationRead(ctx, c, params);
  if (token instanceof GraphError) return token;
  const fields = knownFields(params, ["id", "created_time"], MESSAGE_FIELDS, "Message");
  if (fields instanceof GraphError) return fields;
  const thread = await threadOfMessage(ctx, token.pageId, mid);
  if (!thread) return unsupportedRequest("get", mid);
  const recent = await threadMessages(ctx, thread, DETAILED_MESSAGES);
  const message = recent.find((m) => m.mid === mid);
  if (!message) {
    return new GraphError({
      message: `(#100) Message ${mid} is not available: only the ${DETAILED_MESSAGES} most recent messages of a conversation can be read, older ones are reported as deleted`,
      type: "GraphMethodException",
      code: 100,
    });
  }
  const page = ctx.state.pages.get(thread.pageId);
  const pageParty = party(page?.id ?? thread.pageId, page?.name ?? "");
  const personParty = party(thread.psid, personName(ctx, thread));
  const [from, to] =
    message.sender === "page" ? [pageParty, personParty] : [personParty, pageParty];
  const values: Record<string, unknown> = {
    id: message.mid,
    created_time: graphTime(message.at),
    from,
    to: { data: [to] },
    message: message.text ?? "",
  };
  const body: Record<string, unknown> = {};
  for (const f of MESSAGE_FIELDS) if (names(fields).includes(f)) body[f] = values[f];
  body.id = message.mid;
  return ok(body);
}

const names = (fields: FieldRequest[]) => fields.map((f) => f.name);

/** The fields asked for (`defaults` when none), or Graph's error naming one it does not know. */
function knownFields(
  params: GraphParams,
  defaults: string[],
  known: string[],
  type: string,
): FieldRequest[] | GraphError {
  const fields = parseFields(params, defaults);
  if (fields instanceof GraphError) return fields;
  return unknownField(names(fields), known, type) ?? fields;
}

/** The conversation's thread once the token may read it; another Page's is as absent as none. */
async function admittedThread(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  conversationId: string,
): Promise<ThreadRecord | GraphError> {
  const token = await admitConversationRead(ctx, c, params);
  if (token instanceof GraphError) return token;
  const thread = threadOfConversation(ctx, conversationId);
  if (!thread || thread.pageId !== token.pageId) return unsupportedRequest("get", conversationId);
  return thread;
}

function personName(ctx: SandboxContext, thread: ThreadRecord): string {
  const person = ctx.state.people.get(thread.personId);
  return person ? `${person.firstName} ${person.lastName}` : "";
}

const party = (id: string, name: string) => ({ name, email: `${id}@facebook.com`, id });

function conversationBody(
  ctx: SandboxContext,
  thread: ThreadRecord,
  newest: ThreadMessage,
  fields: FieldRequest[],
): Record<string, unknown> {
  const requested = names(fields);
  const body: Record<string, unknown> = {};
  if (requested.includes("updated_time")) body.updated_time = graphTime(newest.at);
  if (requested.includes("participants")) {
    const page = ctx.state.pages.get(thread.pageId);
    body.participants = {
      data: [party(thread.psid, personName(ctx, thread)), party(thread.pageId, page?.name ?? "")],
    };
  }
  body.id = conversationIdOf(thread);
  return body;
}

interface PageRequest {
  limit: number | undefined;
  subfields: string[] | undefined;
  after?: string;
}

interface MessagesPage {
  data: Record<string, string>[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

/** One page of the messages edge, with Graph's cursors and a `next` link while more remain. */
async function messagesPage(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  thread: ThreadRecord,
  request: PageRequest,
): Promise<MessagesPage | GraphError> {
  const subfields = request.subfields ?? MESSAGE_EDGE_FIELDS;
  const detail = subfields.find(
    (f) => MESSAGE_FIELDS.includes(f) && !MESSAGE_EDGE_FIELDS.includes(f),
  );
  if (detail) {
    return invalidParam(
      `The field ${detail} of a message is read with GET /{message-id}, for the ${DETAILED_MESSAGES} most recent messages only`,
    );
  }
  const unknown = unknownField(subfields, MESSAGE_EDGE_FIELDS, "Message");
  if (unknown) return unknown;
  const cursor = request.after === undefined ? undefined : decodeCursor(request.after);
  if (request.after !== undefined && !cursor)
    return invalidParam("Param after is not a valid cursor");
  const limit = Math.min(request.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const rows = await threadMessages(ctx, thread, limit + 1, cursor);
  const slice = rows.slice(0, limit);
  const first = slice[0];
  const last = slice[slice.length - 1];
  if (!first || !last) return { data: [] };
  const withTime = subfields.includes("created_time");
  const data = slice.map((m) => ({
    id: m.mid,
    ...(withTime ? { created_time: graphTime(m.at) } : {}),
  }));
  const after = encodeCursor(last);
  const page: MessagesPage = { data, paging: { cursors: { before: encodeCursor(first), after } } };
  if (rows.length > limit && page.paging) {
    const query = new URLSearchParams();
    for (const key of ["access_token", "appsecret_proof"]) {
      const value = stringParam(params, key);
      if (value !== undefined) query.set(key, value);
    }
    if (request.subfields !== undefined) query.set("fields", request.subfields.join(","));
    query.set("limit", String(limit));
    query.set("after", after);
    const version = c.req.param("version");
    page.paging.next = `${ctx.config.publicUrl}/${version}/${conversationIdOf(thread)}/messages?${query}`;
  }
  return page;
}
