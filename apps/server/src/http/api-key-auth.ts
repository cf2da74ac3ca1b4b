import type { MiddlewareHandler } from "hono";
import { ServiceError } from "../errors";
import { authenticateApiKey } from "../services/api-keys/api-keys";
import type { ServiceDeps } from "../services/context";
import type { AppEnv } from "./app-env";

/** Requires `Authorization: Bearer <API key>` of a key that is not revoked. */
export function requireApiKey(deps: ServiceDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match ? await authenticateApiKey(deps, match[1]!) : null;
    if (!key) {
      c.header("WWW-Authenticate", 'Bearer realm="waymark"');
      throw new ServiceError(
        401,
        "unauthenticated",
        match
          ? "This API key is not valid or was revoked"
          : "Send an API key as Authorization: Bearer <key>",
      );
    }
    c.set("actor", { accountId: key.accountId, userId: null });
    await next();
  };
}
