import type { Context } from "hono";
import type { SandboxContext } from "../../context";
import { authErrors } from "../../graph/auth-errors";
import { authenticate } from "../../graph/authenticate";
import { GraphError, invalidParam } from "../../graph/graph-error";
import { type GraphResult, ok } from "../../graph/graph-route";
import { type GraphParams, stringParam } from "../../graph/read-params";
import type { PageRecord, TokenRecord } from "../../state/records";
import { pageTokenFor } from "../../state/tokens-store";

const PAGE_FIELDS = ["access_token", "category", "category_list", "name", "id", "tasks"];
const CATEGORY = { id: "200600219953504", name: "Shopping & retail" };
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const encodeCursor = (pageId: string) => Buffer.from(`page:${pageId}`).toString("base64url");
const decodeCursor = (cursor: string) => {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  return text.startsWith("page:") ? text.slice(5) : undefined;
};

/** Parses `fields=a,b`: the requested names, or the edge's defaults. */
export function requestedFields(params: GraphParams, defaults: string[]): string[] {
  const fields = stringParam(params, "fields");
  if (!fields) return defaults;
  return [
    ...new Set(
      fields
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * `GET /{version}/me/accounts`: the user's Pages with their tasks and Page tokens,
 * cursor-paginated (`limit`, `after`, `before`) with `paging.next` / `paging.previous`.
 */
export async function listAccounts(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
): Promise<GraphResult | GraphError> {
  const token = authenticate(ctx, params, c.req.header("authorization"));
  if (token instanceof GraphError) return token;
  if (token.kind !== "user") return authErrors.userTokenRequired("accounts");
  if (!token.scopes.includes("pages_show_list"))
    return authErrors.missingPermission("pages_show_list");

  const fields = requestedFields(params, PAGE_FIELDS);
  const unknown = fields.find((f) => !PAGE_FIELDS.includes(f));
  if (unknown)
    return invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (Page)`);
  const limitParam = stringParam(params, "limit");
  const limit = limitParam === undefined ? DEFAULT_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1)
    return invalidParam("Param limit must be a positive integer");

  const roles = ctx.state.roles.get(token.userId) ?? new Map();
  const ids = [...roles.keys()].filter((id) => ctx.state.pages.has(id)).sort();
  let start = 0;
  let end = ids.length;
  const after = stringParam(params, "after");
  const before = stringParam(params, "before");
  if (after !== undefined) start = ids.findIndex((id) => id > (decodeCursor(after) ?? ""));
  if (start < 0) start = ids.length;
  if (before !== undefined && after === undefined) {
    const cut = decodeCursor(before) ?? "";
    end = ids.filter((id) => id < cut).length;
    start = Math.max(0, end - Math.min(limit, MAX_LIMIT));
  }
  const slice = ids.slice(start, Math.min(end, start + Math.min(limit, MAX_LIMIT)));

  const data = [];
  for (const pageId of slice) {
    const page = ctx.state.pages.get(pageId);
    if (!page) continue;
    const row: Record<string, unknown> = {};
    for (const field of PAGE_FIELDS) {
      if (field !== "id" && !fields.includes(field)) continue;
      row[field] = await fieldValue(ctx, token, page, field);
    }
    data.push(row);
  }
  const first = slice[0];
  const last = slice[slice.length - 1];
  if (first === undefined || last === undefined) return ok({ data: [] });
  const link = (cursor: Record<string, string>) => pageLink(ctx, c, cursor);
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(first), after: encodeCursor(last) },
  };
  if (start > 0) paging.previous = link({ before: encodeCursor(first) });
  if (start + slice.length < ids.length) paging.next = link({ after: encodeCursor(last) });
  return ok({ data, paging });
}

async function fieldValue(
  ctx: SandboxContext,
  token: TokenRecord,
  page: PageRecord,
  field: string,
): Promise<unknown> {
  switch (field) {
    case "access_token":
      return (await pageTokenFor(ctx, token, page.id)).token;
    case "category":
      return CATEGORY.name;
    case "category_list":
      return [CATEGORY];
    case "name":
      return page.name;
    case "tasks":
      return ctx.state.tasksOf(token.userId, page.id);
    default:
      return page.id;
  }
}

function pageLink(ctx: SandboxContext, c: Context, cursor: Record<string, string>): string {
  const query = new URLSearchParams(c.req.query());
  query.delete("after");
  query.delete("before");
  for (const [key, value] of Object.entries(cursor)) query.set(key, value);
  if (!query.has("limit")) query.set("limit", String(DEFAULT_LIMIT));
  return `${ctx.config.publicUrl}/${c.req.param("version")}/me/accounts?${query}`;
}
