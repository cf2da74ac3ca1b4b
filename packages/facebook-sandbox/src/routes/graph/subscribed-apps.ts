import type { Context } from "hono";
import type { SandboxContext } from "../../context";
import { SUBSCRIBABLE_FIELDS } from "../../domain/policy";
import { SUBSCRIBE_TASKS } from "../../domain/tasks";
import { authErrors } from "../../graph/auth-errors";
import { authenticate } from "../../graph/authenticate";
import { GraphError, invalidParam, unsupportedRequest } from "../../graph/graph-error";
import { type GraphResult, ok } from "../../graph/graph-route";
import type { GraphParams } from "../../graph/read-params";
import { setSubscription } from "../../state/accounts-store";

/**
 * `GET|POST|DELETE /{version}/{page-id}/subscribed_apps` (MESSENGER.md §5.4, §8 rule 23):
 * a Page token; changing needs `pages_manage_metadata` and a MANAGE/CREATE_CONTENT/MODERATE task.
 */
export async function subscribedApps(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
  pageId: string,
): Promise<GraphResult | GraphError> {
  const method = c.req.method === "POST" ? "post" : c.req.method === "DELETE" ? "delete" : "get";
  const token = authenticate(ctx, params, c.req.header("authorization"));
  if (token instanceof GraphError) return token;
  if (token.kind !== "page") return authErrors.pageTokenRequired();
  const page = ctx.state.pages.get(pageId);
  if (!page || token.pageId !== pageId) return unsupportedRequest(method, pageId);

  if (method === "get") {
    const fields = page.subscribedFields;
    const app = { id: ctx.config.appId, name: ctx.config.appName, subscribed_fields: fields };
    return ok({ data: fields === null ? [] : [app] });
  }
  const tasks = ctx.state.tasksOf(token.userId, pageId);
  if (!tasks.some((t) => SUBSCRIBE_TASKS.includes(t))) {
    return authErrors.missingTask("MANAGE, CREATE_CONTENT or MODERATE");
  }
  if (!token.scopes.includes("pages_manage_metadata")) {
    return authErrors.missingPermission("pages_manage_metadata");
  }
  if (method === "delete") {
    await setSubscription(ctx, page, null);
    return ok({ success: true });
  }
  const fields = parseFields(params.subscribed_fields);
  if (fields instanceof GraphError) return fields;
  await setSubscription(ctx, page, fields);
  return ok({ success: true });
}

/** `subscribed_fields` as a comma list, a JSON array string or an array. */
function parseFields(value: unknown): string[] | GraphError {
  if (value === undefined) return invalidParam("The parameter subscribed_fields is required");
  let list: unknown = value;
  if (typeof value === "string") {
    const text = value.trim();
    try {
      list = text.startsWith("[") ? JSON.parse(text) : text.split(",");
    } catch {
      return invalidParam("Param subscribed_fields must be an array or a comma-separated list");
    }
  }
  if (!Array.isArray(list)) {
    return invalidParam("Param subscribed_fields must be an array or a comma-separated list");
  }
  const fields = list.map((f) => (typeof f === "string" ? f.trim() : f)).filter((f) => f !== "");
  if (fields.length === 0) return invalidParam("Param subscribed_fields must be a non-empty list");
  const allowed: readonly unknown[] = SUBSCRIBABLE_FIELDS;
  for (const [i, field] of fields.entries()) {
    if (typeof field !== "string" || !allowed.includes(field)) {
      return invalidParam(
        `Param subscribed_fields[${i}] must be one of {${SUBSCRIBABLE_FIELDS.join(", ")}} - got "${String(field)}".`,
      );
    }
  }
  return [...new Set(fields.filter((f): f is string => typeof f === "string"))];
}
