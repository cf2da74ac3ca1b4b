import type { Hono } from "hono";
import { cors } from "hono/cors";
import { z } from "zod";
import type { SandboxContext } from "../context";
import { optIn } from "../people/person-actions";
import { SandboxError } from "../people/sandbox-error";
import { sdkScript } from "../sdk/sdk-script";

const optInSchema = z.object({
  app_id: z.string(),
  page_id: z.string(),
  person_id: z.string(),
  ref: z.string().nullable().optional(),
});

/**
 * The JS SDK stand-in (`/sdk.js`) and the endpoints its Send to Messenger button calls,
 * open to any origin so the snippet works on other sites.
 */
export function registerPluginRoutes(app: Hono, ctx: SandboxContext): void {
  const serveSdk = () =>
    new Response(sdkScript({ publicUrl: ctx.config.publicUrl, appId: ctx.config.appId }), {
      headers: {
        "Content-Type": "application/javascript; charset=utf-8",
        "Cache-Control": "no-cache",
        "Access-Control-Allow-Origin": "*",
      },
    });
  app.get("/sdk.js", serveSdk);
  app.get("/en_US/sdk.js", serveSdk);

  app.use(
    "/plugins/*",
    cors({ origin: "*", allowMethods: ["GET", "POST"], allowHeaders: ["Content-Type"] }),
  );

  app.get("/plugins/send-to-messenger/page", async (c) => {
    await ctx.ready();
    if (c.req.query("app_id") !== ctx.config.appId) {
      return c.json({ error: "messenger_app_id does not match the sandbox app." }, 400);
    }
    const page = ctx.state.pages.get(c.req.query("page_id") ?? "");
    if (!page) return c.json({ error: "page_id is not a sandbox page." }, 404);
    const people = [...ctx.state.people.values()]
      .map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ page: { id: page.id, name: page.name }, people });
  });

  app.post("/plugins/send-to-messenger", async (c) => {
    await ctx.ready();
    const parsed = optInSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "Invalid opt-in request." }, 400);
    const input = parsed.data;
    if (input.app_id !== ctx.config.appId) {
      return c.json({ error: "messenger_app_id does not match the sandbox app." }, 400);
    }
    try {
      await optIn(ctx, {
        personId: input.person_id,
        pageId: input.page_id,
        ref: input.ref ?? null,
      });
    } catch (error) {
      if (error instanceof SandboxError) return c.json({ error: error.message }, error.status);
      throw error;
    }
    return c.json({ ok: true });
  });
}
