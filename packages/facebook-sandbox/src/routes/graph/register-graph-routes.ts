import type { Hono } from "hono";
import type { SandboxContext } from "../../context";
import { isConversationId, isMessageId } from "../../conversations/conversation-ids";
import {
  listConversationMessages,
  listPageConversations,
  readConversation,
  readMessage,
} from "../../conversations/read-conversations";
import { GraphError, unsupportedRequest } from "../../graph/graph-error";
import { graphRoute } from "../../graph/graph-route";
import { sendMessage } from "../../send/send-message";
import { runBatch } from "./batch";
import { debugToken } from "./debug-token";
import { readNode } from "./graph-node";
import { listAccounts } from "./me-accounts";
import { exchangeToken } from "./oauth-token";
import { subscribedApps } from "./subscribed-apps";

/** The Graph version segment: any `v<major>.<minor>`. */
export const VERSION = "/:version{v[0-9]+\\.[0-9]+}";

/** Registers the Graph API endpoints the sandbox emulates. */
export function registerGraphRoutes(app: Hono, ctx: SandboxContext): void {
  app.get(
    `${VERSION}/oauth/access_token`,
    graphRoute(ctx, (_c, p) => exchangeToken(ctx, p)),
  );
  app.get(
    `${VERSION}/debug_token`,
    graphRoute(ctx, (c, p) => debugToken(ctx, c, p)),
  );
  app.get(
    `${VERSION}/me/accounts`,
    graphRoute(ctx, (c, p) => listAccounts(ctx, c, p)),
  );
  app.post(
    `${VERSION}/:id/messages`,
    graphRoute(ctx, (c, p) => sendMessage(ctx, c, p)),
  );
  app.on(
    ["GET", "POST", "DELETE"],
    `${VERSION}/:pageId/subscribed_apps`,
    graphRoute(ctx, (c, p) => subscribedApps(ctx, c, p, c.req.param("pageId") ?? "")),
  );
  app.get(
    `${VERSION}/:pageId/conversations`,
    graphRoute(ctx, (c, p) => listPageConversations(ctx, c, p, c.req.param("pageId") ?? "")),
  );
  app.get(
    `${VERSION}/:id/messages`,
    graphRoute(ctx, async (c, p) => {
      const id = c.req.param("id") ?? "";
      if (isConversationId(id)) return listConversationMessages(ctx, c, p, id);
      return unsupportedRequest("get", id);
    }),
  );
  const batch = graphRoute(ctx, (c, p) => runBatch(ctx, c, p));
  app.post(VERSION, batch);
  app.post(`${VERSION}/`, batch);
  app.get(
    `${VERSION}/:id`,
    graphRoute(ctx, async (c, p) => {
      const id = c.req.param("id") ?? "";
      if (isConversationId(id)) return readConversation(ctx, c, p, id);
      if (isMessageId(id)) return readMessage(ctx, c, p, id);
      return readNode(ctx, c, p, id);
    }),
  );
  app.all(
    `${VERSION}/*`,
    graphRoute(ctx, async (c) => {
      const rest = c.req.path.replace(/^.*?\/v\d+\.\d+/, "");
      return new GraphError({
        message: `Unknown path components: ${rest}`,
        type: "OAuthException",
        code: 2500,
      });
    }),
  );
}
