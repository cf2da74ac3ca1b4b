import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxAdmin } from "../admin/sandbox-admin";
import { POLICY_VERSIONS } from "../domain/policy";
import { PAGE_ROLES, PAGE_TASKS } from "../domain/tasks";
import { faultConfigSchema, releaseFilterSchema } from "../faults/fault-config";
import { SandboxError } from "../people/sandbox-error";

const policy = z.enum(POLICY_VERSIONS);
const pageSettings = z.object({
  name: z.string().min(1).optional(),
  policyVersion: policy.optional(),
  approvedForNonPromotionalSubscription: z.boolean().optional(),
});
const grant = pageSettings.extend({
  pageId: z.string().optional(),
  role: z.enum(PAGE_ROLES).optional(),
  tasks: z.array(z.enum(PAGE_TASKS)).optional(),
});
/** A person's event in the past (epoch ms), for late webhooks; the action refuses the future. */
const timestamp = z.number().int().positive().optional();
const schemas = {
  user: z.object({
    name: z.string().min(1),
    id: z.string().optional(),
    pages: z.array(grant).optional(),
  }),
  page: pageSettings.extend({ name: z.string().min(1), id: z.string().optional() }),
  role: z.object({
    role: z.enum(PAGE_ROLES).optional(),
    tasks: z.array(z.enum(PAGE_TASKS)).optional(),
  }),
  person: z.object({
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    id: z.string().optional(),
  }),
  pageRef: z.object({ pageId: z.string() }),
  optIn: z.object({ pageId: z.string(), ref: z.string().nullable().optional(), timestamp }),
  checkbox: z.object({
    pageId: z.string(),
    userRef: z.string().min(1),
    ref: z.string().nullable().optional(),
    timestamp,
  }),
  message: z.object({ pageId: z.string(), text: z.string().min(1), timestamp }),
  token: z.object({
    userId: z.string(),
    pageId: z.string().optional(),
    scopes: z.array(z.string()).optional(),
  }),
  reset: z.object({ data: z.boolean().optional() }),
};

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const raw: unknown = await c.req.json().catch(() => ({}));
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new SandboxError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

/** JSON routes under `/_admin` mirroring the programmatic admin API (see README). */
export function registerAdminRoutes(app: Hono, admin: SandboxAdmin): void {
  const r = "/_admin";
  app.get(`${r}/state`, async (c) => c.json(await admin.state()));
  app.post(`${r}/users`, async (c) =>
    c.json(await admin.addUser(await body(c, schemas.user)), 201),
  );
  app.post(`${r}/pages`, async (c) =>
    c.json(await admin.addPage(await body(c, schemas.page)), 201),
  );
  app.patch(`${r}/pages/:pageId`, async (c) =>
    c.json(await admin.updatePage(c.req.param("pageId"), await body(c, pageSettings))),
  );
  app.put(`${r}/pages/:pageId/roles/:userId`, async (c) => {
    const input = await body(c, schemas.role);
    await admin.setPageRole({
      ...input,
      userId: c.req.param("userId"),
      pageId: c.req.param("pageId"),
    });
    return c.json({ success: true });
  });
  app.post(`${r}/pages/:pageId/revoke`, async (c) =>
    c.json({ revoked: await admin.revokePage(c.req.param("pageId")) }),
  );
  app.post(`${r}/people`, async (c) =>
    c.json(await admin.addPerson(await body(c, schemas.person)), 201),
  );
  const personId = (c: Context) => c.req.param("personId") ?? "";
  app.post(`${r}/people/:personId/opt-in`, async (c) =>
    c.json(await admin.optIn({ ...(await body(c, schemas.optIn)), personId: personId(c) })),
  );
  app.post(`${r}/people/:personId/checkbox-opt-in`, async (c) => {
    await admin.checkboxOptIn({ ...(await body(c, schemas.checkbox)), personId: personId(c) });
    return c.json({ success: true });
  });
  app.post(`${r}/people/:personId/messages`, async (c) =>
    c.json(
      await admin.writeMessage({ ...(await body(c, schemas.message)), personId: personId(c) }),
    ),
  );
  for (const action of ["block", "unblock", "read"] as const) {
    app.post(`${r}/people/:personId/${action}`, async (c) => {
      const input = { ...(await body(c, schemas.pageRef)), personId: personId(c) };
      if (action === "block") await admin.block(input);
      else if (action === "unblock") await admin.unblock(input);
      else await admin.markRead(input);
      return c.json({ success: true });
    });
  }
  app.post(`${r}/tokens`, async (c) => {
    const input = await body(c, schemas.token);
    const userToken = await admin.issueUserToken(input);
    const pageToken = input.pageId
      ? await admin.pageToken({ ...input, pageId: input.pageId })
      : undefined;
    return c.json({ userToken, pageToken });
  });
  app.get(`${r}/messages`, async (c) => {
    const q = c.req.query();
    const limit = q.limit === undefined ? undefined : Number(q.limit);
    return c.json({ data: await admin.messages({ ...q, ...(limit ? { limit } : {}) }) });
  });
  app.get(`${r}/webhooks`, (c) =>
    c.json({ data: admin.webhookLog(Number(c.req.query("limit") ?? 100)) }),
  );
  app.post(`${r}/webhooks/verify`, async (c) => c.json(await admin.verifyWebhook()));
  app.get(`${r}/webhooks/held`, (c) => c.json({ data: admin.heldWebhooks() }));
  app.post(`${r}/webhooks/release`, async (c) =>
    c.json({ released: admin.releaseWebhooks(await body(c, releaseFilterSchema)) }),
  );
  app.get(`${r}/faults`, (c) => c.json(admin.getFaults()));
  app.post(`${r}/faults`, async (c) =>
    c.json(await admin.setFaults(await body(c, faultConfigSchema))),
  );
  app.delete(`${r}/faults`, (c) => {
    admin.resetFaults();
    return c.json(admin.getFaults());
  });
  app.post(`${r}/reset`, async (c) => {
    await admin.reset(await body(c, schemas.reset));
    return c.json({ success: true });
  });
  app.post(`${r}/settle`, async (c) => {
    await admin.settle();
    return c.json({ success: true });
  });
}

/** Maps sandbox errors of the admin routes to JSON. */
export function adminErrorResponse(c: Context, error: unknown): Response | undefined {
  if (error instanceof SandboxError)
    return c.json({ error: { message: error.message } }, error.status);
  return undefined;
}
