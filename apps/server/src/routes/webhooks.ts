import { verifyWebhookHandshake } from "@waymark/facebook";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ServiceError } from "../errors";
import type { ServiceDeps } from "../services/context";
import { receiveWebhook } from "../services/messenger/receive-webhook";

export interface WebhookRouteDeps extends ServiceDeps {
  webhook: { appSecret: string; verifyToken: string };
  /** Cuts the inbox processor's sleep short after new events arrive. */
  onWebhookStored?: () => void;
}

/** Facebook's Messenger webhook (SPEC §4.2): verification handshake and event notifications. */
export function webhookRoutes(deps: WebhookRouteDeps) {
  return new Hono()
    .get("/messenger", (c) => {
      const challenge = verifyWebhookHandshake(
        new URL(c.req.url).searchParams,
        deps.webhook.verifyToken,
      );
      if (challenge === null) return c.text("Verification failed", 403);
      return c.text(challenge, 200);
    })
    .post(
      "/messenger",
      bodyLimit({
        maxSize: 4 * 1024 * 1024,
        onError: () => {
          throw new ServiceError(413, "payload_too_large", "Webhook bodies can be at most 4 MB");
        },
      }),
      async (c) => {
        const raw = new Uint8Array(await c.req.arrayBuffer());
        const { stored } = await receiveWebhook(
          { db: deps.db, appSecret: deps.webhook.appSecret, now: deps.now },
          raw,
          c.req.header("x-hub-signature-256"),
        );
        if (stored > 0) deps.onWebhookStored?.();
        return c.text("EVENT_RECEIVED", 200);
      },
    );
}
