import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { SandboxAdmin } from "../admin/sandbox-admin";
import type { SandboxContext } from "../context";
import type { PolicyVersion } from "../domain/policy";
import { PAGE_ROLES, type PageRole } from "../domain/tasks";
import { homePage } from "../html/home-page";
import { layout } from "../html/layout";
import { messengerPage } from "../html/messenger-page";
import { inlineScriptHashes, pagePolicy } from "../html/page-security";
import { conversationsOf } from "./conversations";

async function form(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === "string") out[key] = value.trim();
  return out;
}

const isRole = (value: string | undefined): value is PageRole =>
  PAGE_ROLES.some((r) => r === value);

/** The sandbox's own HTML: home page, each person's Messenger, and the plugin demo. */
export function registerPeopleRoutes(app: Hono, ctx: SandboxContext, admin: SandboxAdmin): void {
  const home = ctx.config.publicUrl;
  const back = (c: Context, path = "") => c.redirect(`${home}${path}`, 303);

  app.get("/", async (c) => {
    await ctx.ready();
    const { state } = ctx;
    const users = [...state.users.values()].map((u) => ({
      ...u,
      pages: [...(state.roles.get(u.id) ?? new Map()).entries()].flatMap(([pageId, tasks]) => {
        const page = state.pages.get(pageId);
        return page ? [{ page, tasks }] : [];
      }),
    }));
    const notice = c.req.query("notice");
    return c.html(
      homePage({
        home,
        appId: ctx.config.appId,
        webhookUrl: ctx.config.webhookUrl,
        users,
        pages: [...state.pages.values()],
        people: [...state.people.values()],
        ...(notice ? { notice } : {}),
      }),
    );
  });

  app.post("/people", async (c) => {
    const f = await form(c);
    await admin.addPerson({ firstName: f.first_name ?? "", lastName: f.last_name ?? "" });
    return back(c);
  });

  app.post("/users", async (c) => {
    const f = await form(c);
    const pages = [1, 2, 3].flatMap((i) => {
      const name = f[`page_name_${i}`];
      const role = f[`page_role_${i}`];
      return name ? [{ name, role: isRole(role) ? role : ("Admin" as const) }] : [];
    });
    const extra = Math.min(Math.max(Number(f.extra_pages ?? 0) || 0, 0), 200);
    for (let i = 1; i <= extra; i++) pages.push({ name: `${f.name} page ${i}`, role: "Admin" });
    await admin.addUser({ name: f.name || "New user", pages });
    return back(c);
  });

  app.post("/pages/:pageId/settings", async (c) => {
    const f = await form(c);
    const policyVersion: PolicyVersion = f.policy_version === "2020" ? "2020" : "2018";
    await admin.updatePage(c.req.param("pageId"), {
      policyVersion,
      approvedForNonPromotionalSubscription: f.approved === "1",
    });
    return back(c);
  });

  app.post("/webhook/verify", async (c) => {
    const result = await admin.verifyWebhook();
    const notice = result.ok
      ? "Webhook verified: the callback echoed the challenge."
      : `Webhook verification failed (status ${result.status ?? "none"}).`;
    return back(c, `?notice=${encodeURIComponent(notice)}`);
  });

  app.get("/people/:personId/messenger", async (c) => {
    await ctx.ready();
    const person = ctx.state.people.get(c.req.param("personId"));
    if (!person) return c.notFound();
    const conversations = await conversationsOf(ctx, person.id);
    for (const conv of conversations) {
      if (conv.thread) await admin.markRead({ personId: person.id, pageId: conv.page.id });
    }
    return c.html(
      messengerPage({ home, person, conversations, otherPages: [...ctx.state.pages.values()] }),
    );
  });

  const messenger = (c: Context) => `/people/${c.req.param("personId")}/messenger`;
  app.post("/people/:personId/messenger/write", async (c) => {
    const f = await form(c);
    const personId = c.req.param("personId");
    await admin.writeMessage({ personId, pageId: f.page_id ?? "", text: f.text ?? "" });
    return back(c, messenger(c));
  });
  app.post("/people/:personId/messenger/:pageId/:action{reply|block|unblock}", async (c) => {
    const input = { personId: c.req.param("personId"), pageId: c.req.param("pageId") };
    const action = c.req.param("action");
    if (action === "reply")
      await admin.writeMessage({ ...input, text: (await form(c)).text ?? "" });
    else if (action === "block") await admin.block(input);
    else await admin.unblock(input);
    return back(c, messenger(c));
  });

  app.get("/profile-pic/:file{[0-9]+\\.svg}", (c) => {
    const psid = c.req.param("file").replace(".svg", "");
    const person = ctx.state.people.get(ctx.state.threads.get(psid)?.personId ?? "");
    const initials = person ? `${person.firstName[0] ?? ""}${person.lastName[0] ?? ""}` : "?";
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" rx="48" fill="#1877f2"/><text x="48" y="60" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${initials.replace(/[<>&"]/g, "")}</text></svg>`;
    return c.body(svg, 200, { "Content-Type": "image/svg+xml" });
  });

  app.get("/plugin-demo", async (c) => {
    await ctx.ready();
    const pageId = c.req.query("page_id") ?? [...ctx.state.pages.keys()][0] ?? "";
    const ref = c.req.query("ref") ?? "sandbox-demo";
    const page = await layout(
      "Send to Messenger demo",
      home,
      html`<section><p>The plugin as a website would embed it, for page ${pageId}.</p>
<div class="fb-send-to-messenger" messenger_app_id="${ctx.config.appId}" page_id="${pageId}" data-ref="${ref}" color="blue" size="large"></div>
<script>window.fbAsyncInit = function () { FB.init({ appId: "${ctx.config.appId}", xfbml: true, version: "v25.0" }); };</script>
<script async src="${home}/sdk.js"></script></section>`,
    ).toString();
    const policy = pagePolicy(home, { scripts: inlineScriptHashes(page) });
    return c.html(page, 200, { "Content-Security-Policy": policy });
  });
}
