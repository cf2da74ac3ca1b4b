import { createHmac } from "node:crypto";
import { TEST_ORIGIN, type TestApp } from "./test-app";

/** Posts `messaging` items for one Page to the webhook, signed as Facebook signs them. */
export async function postSignedWebhook(t: TestApp, pageId: string, messaging: unknown[]) {
  const body = JSON.stringify({
    object: "page",
    entry: [{ id: pageId, time: Date.now(), messaging }],
  });
  const signature = createHmac("sha256", t.runtime.deps.webhook.appSecret)
    .update(body)
    .digest("hex");
  return t.app.request(`${TEST_ORIGIN}/webhooks/messenger`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` },
    body,
  });
}
