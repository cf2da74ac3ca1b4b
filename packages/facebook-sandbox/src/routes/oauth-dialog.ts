import type { Context, Hono } from "hono";
import type { SandboxContext } from "../context";
import { KNOWN_SCOPES, parseScopes } from "../domain/permissions";
import { errorPage } from "../html/layout";
import { loginDialogPage } from "../html/login-dialog-page";
import { pagePolicy } from "../html/page-security";
import { createOauthCode } from "../state/tokens-store";
import { VERSION } from "./graph/register-graph-routes";

interface DialogRequest {
  clientId: string;
  /** Exactly as given: the code is bound to this string. */
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
}

/**
 * The Login dialog (`/{version}/dialog/oauth`, MESSENGER.md §5.1): GET shows it, the form
 * posts back to the same path; Continue redirects with a code, Cancel with `access_denied`.
 */
export function registerOauthDialog(app: Hono, ctx: SandboxContext): void {
  app.get(`${VERSION}/dialog/oauth`, async (c) => {
    await ctx.ready();
    const request = readDialogRequest(ctx, c.req.query());
    if (typeof request === "string")
      return c.html(errorPage(ctx.config.publicUrl, "Error", request), 400);
    const users = [...ctx.state.users.values()].sort((a, b) => a.name.localeCompare(b.name));
    const hidden: Record<string, string> = {
      client_id: request.clientId,
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(","),
    };
    if (request.state !== undefined) hidden.state = request.state;
    // Continue and Cancel post here, then redirect to the app: the browser checks both.
    const forms = [new URL(request.redirectUri).origin];
    c.header("Content-Security-Policy", pagePolicy(ctx.config.publicUrl, { forms }));
    return c.html(
      loginDialogPage({
        home: ctx.config.publicUrl,
        action: `${ctx.config.publicUrl}/${c.req.param("version")}/dialog/oauth`,
        appName: ctx.config.appName,
        users,
        scopes: request.scopes,
        hidden,
      }),
    );
  });

  app.post(`${VERSION}/dialog/oauth`, async (c) => {
    await ctx.ready();
    const form = await formOf(c);
    const request = readDialogRequest(ctx, form);
    if (typeof request === "string")
      return c.html(errorPage(ctx.config.publicUrl, "Error", request), 400);
    const target = new URL(request.redirectUri);
    if (form.action === "cancel") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_code", "200");
      target.searchParams.set("error_description", "Permissions error");
      target.searchParams.set("error_reason", "user_denied");
    } else {
      const userId = form.user_id;
      if (!userId || !ctx.state.users.has(userId)) {
        return c.html(errorPage(ctx.config.publicUrl, "Error", "Choose a sandbox user."), 400);
      }
      const code = await createOauthCode(ctx, {
        userId,
        redirectUri: request.redirectUri,
        scopes: request.scopes,
      });
      target.searchParams.set("code", code);
    }
    if (request.state !== undefined) target.searchParams.set("state", request.state);
    return c.redirect(target.toString(), 302);
  });
}

async function formOf(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") form[key] = value;
  return form;
}

/** Validates the dialog parameters as Facebook does; a string is the error to show. */
function readDialogRequest(
  ctx: SandboxContext,
  query: Record<string, string | undefined>,
): DialogRequest | string {
  const clientId = query.client_id;
  if (!clientId) return "Invalid App ID: the client_id parameter is missing.";
  if (clientId !== ctx.config.appId) return `Invalid App ID: ${clientId} is not a sandbox app.`;
  const redirect = query.redirect_uri;
  if (!redirect) return "The redirect_uri parameter is missing.";
  let parsed: URL;
  try {
    parsed = new URL(redirect);
  } catch {
    return "URL blocked: the redirect_uri is not an absolute URL.";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return "URL blocked: the redirect_uri must use http or https.";
  }
  const responseType = query.response_type;
  if (responseType !== undefined && responseType !== "code") {
    return `Unsupported response_type: ${responseType}. The sandbox supports response_type=code.`;
  }
  const scopes = parseScopes(query.scope);
  const known: readonly string[] = KNOWN_SCOPES;
  const invalid = scopes.filter((s) => !known.includes(s));
  if (invalid.length > 0) return `Invalid Scopes: ${invalid.join(", ")}.`;
  return {
    clientId,
    redirectUri: redirect,
    state: query.state,
    scopes: scopes.length === 0 ? ["public_profile"] : scopes,
  };
}
