import { ADMIN_PAGE, MODERATOR_PAGE } from "./sandbox-login";
import { validDocument } from "./test-programs";

/** The records a fuzzed account holds, so fuzzed requests reach real rows. */
export interface FuzzIds {
  contactId: string;
  listId: string;
  programId: string;
  profileId: string;
  dataFieldId: string;
  importId: string;
  apiKeyId: string;
  loginId: string;
  /** A second account's login, for the auth routes' fuzz. */
  email: string;
  password: string;
}

/**
 * Valid bodies per route ("METHOD path" as the Hono app names it), mutated by the fuzz; a route
 * without one gets random JSON only. Passwords in change-password bodies are wrong on purpose,
 * so the fuzz never locks its own session out.
 */
export function fuzzSeeds(ids: FuzzIds): Record<string, unknown[]> {
  const document = validDocument(ids.profileId, ids.listId);
  const values = { FIRSTNAME: "Ana", LASTNAME: "Lopez" };
  const emails = { contactIds: [ids.contactId], emails: [ids.email, "nobody@example.com"] };
  const program = { name: "Welcome", document };
  const browser: Record<string, unknown[]> = {
    "POST /api/auth/signup": [
      { accountName: "Fuzz", email: "fuzz@example.com", password: "correct horse battery" },
    ],
    "POST /api/auth/login": [{ email: ids.email, password: ids.password }],
    "POST /api/auth/password": [
      { currentPassword: "not the password", newPassword: "another horse battery" },
    ],
    "POST /api/auth/password-reset": [
      { token: "t".repeat(40), newPassword: "another horse battery" },
      { email: ids.email },
    ],
    "POST /api/api-keys": [{ name: "CRM" }],
    "POST /api/data-fields": [
      { name: "CITY", type: "text", defaultValue: "Paris" },
      { name: "AGE", type: "number", defaultValue: 30 },
    ],
    "PATCH /api/data-fields/:id": [{ defaultValue: "Ana" }, { defaultValue: null }],
    "POST /api/contacts/imports": [
      {
        fileName: "contacts.csv",
        totalBytes: 40,
        newListName: "Imported",
        mapping: { Email: "EMAIL", Name: "FIRSTNAME", City: "CITY", Skip: null },
        createFields: [{ name: "CITY", type: "text" }],
      },
      { fileName: "more.csv", totalBytes: 10, listId: ids.listId, mapping: { Email: "EMAIL" } },
    ],
    "POST /api/contacts": [{ email: "new@example.com", values }],
    "PATCH /api/contacts/:id": [{ email: ids.email, values }, { values: { FIRSTNAME: null } }],
    "POST /api/lists": [{ name: "Newsletter" }],
    "PATCH /api/lists/:id": [{ name: "Renamed" }],
    "POST /api/lists/:id/members": [emails],
    "POST /api/messenger/facebook/logins": [{ returnTo: "/settings/channels/messenger" }, {}],
    "POST /api/messenger/profiles": [
      { name: "Shop", loginId: ids.loginId, pageId: MODERATOR_PAGE, status: "enabled" },
      { name: "Again", loginId: ids.loginId, pageId: ADMIN_PAGE, status: "disabled" },
    ],
    "POST /api/messenger/profiles/delete": [{ ids: [ids.profileId] }],
    "PATCH /api/messenger/profiles/:id": [{ name: "Shop", status: "disabled" }],
    "POST /api/messenger/profiles/:id/reconnect": [{ loginId: ids.loginId }],
    "POST /api/programs": [program, { name: "Blank" }],
    "PUT /api/programs/:id": [{ version: 1, ...program }],
    "POST /api/programs/:id/validate": [{ document }, {}],
    "POST /api/programs/:id/activate": [{ version: 1 }, {}],
    "POST /api/programs/:id/deactivate": [{ version: 1 }, {}],
    "PUT /api/contacts/imports/:id/file": ["Email,Name\nana@example.com,Ana\n"],
  };
  const v1: Record<string, unknown[]> = {
    "POST /api/v1/contacts": [{ email: "api@example.com", values }],
    "POST /api/v1/lists": [{ name: "From the API" }],
    "POST /api/v1/lists/:id/contacts": [emails],
    "POST /api/v1/data-fields": [{ name: "SCORE", type: "number", defaultValue: 1 }],
    "POST /api/v1/programs/:id/enrolments": [emails],
    "POST /api/v1/programs": [program, { name: "Blank" }],
    "PUT /api/v1/programs/:id": [{ version: 1, ...program }],
    "POST /api/v1/programs/:id/activate": [{ version: 1 }, {}],
    "POST /api/v1/programs/:id/deactivate": [{ version: 1 }, {}],
  };
  return { ...browser, ...v1 };
}

/** Valid values of every query parameter the APIs read, mixed into fuzzed query strings. */
export const FUZZ_QUERY_PARAMS: Readonly<Record<string, readonly string[]>> = {
  cursor: [],
  limit: ["1", "50", "200"],
  search: ["ana"],
  kind: ["now", "passed", "sent", "delivered", "warnings"],
  order: ["newest", "oldest"],
  from: ["2026-11-01"],
  to: ["2026-11-30"],
  days: ["7", "366"],
  email: ["ana@example.com"],
  state: [],
  code: [],
  error: ["access_denied"],
  error_description: [],
};

/** Valid query strings of the routes that need one, mixed with fuzzed parameters. */
export function fuzzQueries(ids: FuzzIds): Record<string, string[]> {
  const range = "from=2026-11-01&to=2026-11-30";
  return {
    "GET /api/contacts": ["search=ana", "limit=1"],
    "GET /api/lists/:id/members": ["limit=1"],
    "GET /api/activity/programs/:id/nodes/:nodeId/contacts": ["kind=passed", "kind=now&limit=1"],
    "GET /api/messenger/statistics/:id/days": ["days=30", range],
    "GET /api/messenger/statistics/:id/contacts": [
      "kind=sent",
      `kind=warnings&order=oldest&${range}`,
    ],
    "GET /api/messenger/statistics/:id/contacts.csv": ["kind=delivered", `kind=sent&${range}`],
    "GET /api/messenger/facebook/oauth/callback": ["state=x&code=y", "state=x&error=access_denied"],
    "GET /api/v1/contacts": [`email=${encodeURIComponent(ids.email)}`, "email=ana%40example.com"],
    "GET /api/v1/messenger/profiles/:id/stats": [range],
  };
}
