import type { GraphContext } from "../graph/graph-context";
import { LOGIN_SCOPES } from "./login-scopes";

/** Input of the Facebook Login redirect. */
export interface AuthorizationUrlInput {
  redirectUri: string;
  state: string;
}

/** The Facebook Login dialog URL to redirect a user to (authorisation-code flow, MESSENGER.md §5.1). */
export function authorizationUrl(
  ctx: Pick<GraphContext, "dialogUrl" | "version" | "appId">,
  input: AuthorizationUrlInput,
): string {
  const url = new URL(`${ctx.dialogUrl}/${ctx.version}/dialog/oauth`);
  url.searchParams.set("client_id", ctx.appId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  url.searchParams.set("scope", LOGIN_SCOPES.join(","));
  url.searchParams.set("response_type", "code");
  return url.toString();
}
