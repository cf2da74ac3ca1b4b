import { OpenAPIHono } from "@hono/zod-openapi";
import { invalidInput } from "../../errors";
import { requireApiKey } from "../../http/api-key-auth";
import type { AppEnv } from "../../http/app-env";
import { requireJsonBody } from "../../http/body-guards";
import { getAccount } from "../../services/accounts/get-account";
import {
  getContact,
  getContactByEmail,
  getContactByField,
  upsertContact,
} from "../../services/contacts/contacts";
import { createDataField, listDataFields } from "../../services/contacts/data-fields";
import { addToList, createList } from "../../services/contacts/lists";
import { mergeContactInto } from "../../services/contacts/merge-contacts";
import { enrolThroughApi } from "../../services/enrolment/enrol-through-api";
import { listProfiles } from "../../services/messenger/list-profiles";
import type { MessengerDeps } from "../../services/messenger/messenger-deps";
import { getOptInLink } from "../../services/messenger/opt-in";
import { getAccountRoute } from "./account";
import {
  findContactRoute,
  getContactRoute,
  mergeContactRoute,
  upsertContactRoute,
} from "./contacts";
import { createDataFieldRoute, listDataFieldsRoute } from "./data-fields";
import { apiDocsPage } from "./docs-page";
import { registerDryRunRoutes } from "./dry-runs";
import { enrolRoute } from "./enrolments";
import { addListContactsRoute, createListRoute } from "./lists";
import { listProfilesRoute, optInLinkRoute } from "./messenger";
import { registerProgramRoutes } from "./programs";
import { registerStatsRoutes } from "./stats";

export const OPENAPI_PATH = "/openapi.json";

/** The public API (SPEC §11): API-key auth, JSON, described by its own OpenAPI document. */
export function v1Routes(deps: MessengerDeps & { onEnrolled?: () => void }, publicUrl: string) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error.issues);
    },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from Account settings > API keys",
  });
  app.doc(OPENAPI_PATH, {
    openapi: "3.0.3",
    info: {
      title: "Waymark public API",
      version: "1.0.0",
      description: "Contacts, lists, programs and Messenger profiles of one Waymark account.",
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
  });
  const docs = apiDocsPage(`${publicUrl}/api/v1${OPENAPI_PATH}`);
  app.get("/docs", (c) => c.html(docs.html, 200, { "Content-Security-Policy": docs.csp }));
  app.use("*", async (c, next) => {
    const path = c.req.path;
    if (path.endsWith(OPENAPI_PATH) || path.endsWith("/docs")) return next();
    return requireApiKey(deps)(c, next);
  });
  app.use("*", requireJsonBody);
  app.openapi(getAccountRoute, async (c) => c.json(await getAccount(deps, c.var.actor), 200));
  app.openapi(upsertContactRoute, async (c) => {
    const { contact, created } = await upsertContact(deps, c.var.actor, c.req.valid("json"));
    const full = await getContact(deps, c.var.actor, contact.id);
    return created ? c.json(full, 201) : c.json(full, 200);
  });
  app.openapi(getContactRoute, async (c) =>
    c.json(await getContact(deps, c.var.actor, c.req.valid("param").id), 200),
  );
  app.openapi(mergeContactRoute, async (c) =>
    c.json(
      await mergeContactInto(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json").from),
      200,
    ),
  );
  app.openapi(findContactRoute, async (c) => {
    const { email, field, value } = c.req.valid("query");
    const found =
      email === undefined
        ? await getContactByField(deps, c.var.actor, field ?? "", value ?? "")
        : await getContactByEmail(deps, c.var.actor, email);
    return c.json(found, 200);
  });
  app.openapi(createListRoute, async (c) =>
    c.json(await createList(deps, c.var.actor, c.req.valid("json").name), 201),
  );
  app.openapi(addListContactsRoute, async (c) =>
    c.json(await addToList(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
  );
  app.openapi(listDataFieldsRoute, async (c) =>
    c.json({ dataFields: await listDataFields(deps, c.var.actor) }, 200),
  );
  app.openapi(createDataFieldRoute, async (c) =>
    c.json(await createDataField(deps, c.var.actor, c.req.valid("json")), 201),
  );
  app.openapi(enrolRoute, async (c) =>
    c.json(
      await enrolThroughApi(deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
  app.openapi(listProfilesRoute, async (c) =>
    c.json({ profiles: await listProfiles(deps, c.var.actor) }, 200),
  );
  app.openapi(optInLinkRoute, async (c) => {
    const { id, contactId } = c.req.valid("param");
    return c.json(await getOptInLink(deps, c.var.actor, id, contactId), 200);
  });
  registerProgramRoutes(app, deps);
  registerDryRunRoutes(app, deps);
  registerStatsRoutes(app, deps);
  return app;
}
