import type { Context } from "hono";
import type { SandboxContext } from "../../context";
import { authenticate } from "../../graph/authenticate";
import { coded, GraphError, invalidParam, unsupportedRequest } from "../../graph/graph-error";
import { type GraphResult, ok } from "../../graph/graph-route";
import type { GraphParams } from "../../graph/read-params";
import type { ThreadRecord, TokenRecord } from "../../state/records";
import { requestedFields } from "./me-accounts";

const PROFILE_FIELDS = ["id", "name", "first_name", "last_name", "profile_pic"];
const PROFILE_DEFAULTS = ["first_name", "last_name", "profile_pic", "id"];
const NEEDS_APPROVAL = ["locale", "timezone", "gender"];
/** "No profile available for this user" (MESSENGER.md §7). */
const NO_PROFILE_SUBCODE = 2018218;

/**
 * `GET /{version}/{id}`: `me` (the token's user or Page), a Page, or a person by PSID
 * (the User Profile API, MESSENGER.md §7) with that Page's token.
 */
export async function readNode(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  id: string,
): Promise<GraphResult | GraphError> {
  const token = authenticate(ctx, params, c.req.header("authorization"));
  if (token instanceof GraphError) return token;
  const nodeId = id === "me" ? (token.kind === "page" ? token.pageId : token.userId) : id;
  if (nodeId === null) return unsupportedRequest("get", id);
  const page = ctx.state.pages.get(nodeId);
  if (page) return simpleNode(params, { id: page.id, name: page.name }, "Page");
  const user = ctx.state.users.get(nodeId);
  if (user && canSeeUser(token, user.id)) {
    return simpleNode(params, { id: user.id, name: user.name }, "User");
  }
  if (token.kind === "page" && token.pageId !== null && !user) {
    return profile(ctx, token.pageId, nodeId, params);
  }
  return unsupportedRequest("get", id);
}

function canSeeUser(token: TokenRecord, userId: string): boolean {
  return token.kind === "user" && token.userId === userId;
}

function simpleNode(
  params: GraphParams,
  node: { id: string; name: string },
  type: string,
): GraphResult | GraphError {
  const fields = requestedFields(params, ["name", "id"]);
  const unknown = fields.find((f) => f !== "id" && f !== "name");
  if (unknown)
    return invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (${type})`);
  return ok(fields.includes("name") ? { name: node.name, id: node.id } : { id: node.id });
}

/**
 * The User Profile API with the Page's token: the `userProfile` fault switch first, then the
 * fields (default set only), then the person — a PSID of another Page, or of no one, and a
 * person who never wrote nor opted in have no profile (2018218).
 */
async function profile(
  ctx: SandboxContext,
  pageId: string,
  psid: string,
  params: GraphParams,
): Promise<GraphResult | GraphError> {
  const latency = ctx.faults.userProfileLatencyMs(pageId);
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  const injected = ctx.faults.onUserProfileRead(pageId);
  if (injected) return injected;
  const fields = requestedFields(params, PROFILE_DEFAULTS);
  const restricted = fields.find((f) => NEEDS_APPROVAL.includes(f));
  if (restricted) {
    return coded(
      200,
      `The ${restricted} field requires the Business Asset User Profile Access feature`,
    );
  }
  const unknown = fields.find((f) => !PROFILE_FIELDS.includes(f));
  if (unknown)
    return invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (User)`);
  const thread = ctx.state.threads.get(psid);
  const person = thread && ctx.state.people.get(thread.personId);
  if (!thread || !person || thread.pageId !== pageId || !interacted(thread)) {
    return invalidParam("No profile available for this user.", NO_PROFILE_SUBCODE);
  }
  const values: Record<string, string> = {
    name: `${person.firstName} ${person.lastName}`,
    first_name: person.firstName,
    last_name: person.lastName,
    profile_pic: `${ctx.config.publicUrl}/profile-pic/${thread.psid}.svg`,
  };
  const body: Record<string, string> = {};
  for (const field of PROFILE_FIELDS) {
    if (field !== "id" && fields.includes(field)) body[field] = values[field] ?? "";
  }
  body.id = thread.psid;
  return ok(body);
}

function interacted(thread: ThreadRecord): boolean {
  return thread.optedInAt !== null || thread.lastInboundAt !== null;
}
