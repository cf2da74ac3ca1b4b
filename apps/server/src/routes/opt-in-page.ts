import { Hono } from "hono";
import { html, raw } from "hono/html";
import { contentSecurityPolicy, inlineScriptHashes } from "../http/content-security-policy";
import type { MessengerDeps } from "../services/messenger/messenger-deps";
import { optInPageFor } from "../services/messenger/opt-in";

/** The public opt-in page per contact and profile (SPEC §4.1): no login, just the button. */
export function optInPageRoutes(deps: MessengerDeps) {
  return new Hono().get("/:ref", async (c) => {
    const page = await optInPageFor(deps, c.req.param("ref"));
    if (!page) {
      c.header("Content-Security-Policy", contentSecurityPolicy());
      return c.html(
        layout(
          "Link not valid",
          html`<h1>This link is not valid</h1>
          <p>It may have expired. Ask the sender for a new link.</p>`,
        ),
        404,
      );
    }
    c.header("Content-Security-Policy", optInPagePolicy(deps, page.snippet));
    return c.html(
      layout(
        `Get updates from ${page.pageName}`,
        html`<h1>Get updates from ${page.pageName} on Messenger</h1>
          <p>Click the button to receive messages from ${page.pageName} in Facebook Messenger.</p>
          ${raw(page.snippet)}`,
      ),
    );
  });
}

/**
 * The snippet's own inline script (by hash) and what it loads: with 'strict-dynamic' the SDK it
 * inserts may run, and Facebook's SDK may reach and frame facebook.com. In sandbox mode the SDK
 * is on our own origin.
 */
function optInPagePolicy(deps: MessengerDeps, snippet: string): string {
  const sdk = new URL(deps.messenger.sdkUrl).origin;
  const facebook = sdk === new URL(deps.messenger.publicUrl).origin ? [] : FACEBOOK_HOSTS;
  return contentSecurityPolicy({
    scripts: [...inlineScriptHashes(snippet), "'strict-dynamic'", sdk],
    connect: [sdk, ...facebook],
    frames: facebook,
    images: facebook,
  });
}

const FACEBOOK_HOSTS = ["https://*.facebook.com", "https://*.facebook.net", "https://*.fbcdn.net"];

function layout(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d2330}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}
