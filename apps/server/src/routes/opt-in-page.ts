import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { MessengerDeps } from "../services/messenger/messenger-deps";
import { optInPageFor } from "../services/messenger/opt-in";

/** The public opt-in page per contact and profile (SPEC §4.1): no login, just the button. */
export function optInPageRoutes(deps: MessengerDeps) {
  return new Hono().get("/:ref", async (c) => {
    const page = await optInPageFor(deps, c.req.param("ref"));
    if (!page) {
      return c.html(
        layout(
          "Link not valid",
          html`<h1>This link is not valid</h1>
          <p>It may have expired. Ask the sender for a new link.</p>`,
        ),
        404,
      );
    }
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
