import { verifyWebhookHandshake } from "@waymark/facebook";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ServiceError } from "../errors";
import type { ServiceDeps } from "../services/context";
import { InboxWriter } from "../services/messenger/inbox-writer";
import { readWebhook, storeInboxRows } from "../services/messenger/receive-webhook";

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const tooLarge = () =>
  new ServiceError(413, "payload_too_large", "Webhook bodies can be at most 4 MB");
/** A body without a length (chunked) is counted as it streams in. */
const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

export interface WebhookRouteDeps extends ServiceDeps {
  webhook: { appSecret: string; verifyToken: string };
  /** Cuts the inbox processor's sleep short after new events arrive. */
  onWebhookStored?: () => void;
  /** How the inbox's statements are shared out (InboxWriter); default one at a time, no wait. */
  inbox?: { maxInFlight: number; gatherMs: number };
}

/**
 * Facebook's Messenger webhook (SPEC §4.2): verification handshake and event notifications. A
 * POST is acknowledged once its events are in the inbox, nothing more: the engine's inbox loop
 * processes them, and concurrent POSTs share an inbox statement.
 */
export function webhookRoutes(deps: WebhookRouteDeps) {
  const inbox = new InboxWriter((rows) => storeInboxRows(deps, rows), {
    maxInFlight: deps.inbox?.maxInFlight ?? 1,
    gatherMs: deps.inbox?.gatherMs ?? 0,
    onStored: () => deps.onWebhookStored?.(),
  });
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
      async (c, next) => {
        // Facebook sends a length: checked from the header, the body is then read straight off
        // the socket. Touching the request's body stream (as the body-limit middleware does) makes
        // the Node adapter build a web stream per POST: a fifth of the server's CPU per POST.
        const length = c.req.header("content-length");
        if (length === undefined || c.req.header("transfer-encoding") !== undefined) {
          return limitBody(c, next);
        }
        if (Number(length) > MAX_BODY_BYTES) throw tooLarge();
        await next();
      },
      async (c) => {
        const raw = new Uint8Array(await c.req.arrayBuffer());
        const signature = c.req.header("x-hub-signature-256");
        await inbox.write(readWebhook(deps.webhook.appSecret, raw, signature));
        return c.text("EVENT_RECEIVED", 200);
      },
    );
}
