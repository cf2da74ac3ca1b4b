import { randomBytes, randomUUID } from "node:crypto";
import { AccountScope, messengerProfiles, rowsOf } from "@waymark/db";
import { type ApiErrorCode, generateOptInCode, makeOptInFieldName } from "@waymark/domain";
import { seal } from "@waymark/engine";
import { eq, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";
import { createSystemField } from "../contacts/data-fields";
import type { Actor } from "../context";
import { fetchLoginPages } from "./login-pages";
import type { MessengerDeps } from "./messenger-deps";
import { presentProfile } from "./profile-view";

export interface CreateProfileInput {
  name: string;
  loginId: string;
  pageId: string;
  status: "enabled" | "disabled";
}

function fieldError(
  field: string,
  message: string,
  status: 400 | 409 = 400,
  code: ApiErrorCode = "invalid_request",
) {
  return new ServiceError(status, code, message, { fields: { [field]: message } });
}

/** A code for FBOPTIN_XXX not yet used in the account. */
async function freeOptInCode(deps: MessengerDeps, accountId: string): Promise<string> {
  const scope = new AccountScope(deps.db, accountId);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = generateOptInCode(randomBytes(8));
    const taken = await deps.db.execute(
      sql`select 1 from data_fields where account_id = ${accountId} and name = ${makeOptInFieldName(code)}
          union all select 1 from messenger_profiles where ${scope.where(messengerProfiles, eq(messengerProfiles.optInCode, code))}`,
    );
    if (rowsOf(taken).length === 0) return code;
  }
  throw new ServiceError(500, "internal_error", "Could not allocate an opt-in field name");
}

/**
 * Creates a profile (SPEC §4): checks the page is selectable, subscribes the app to its
 * webhooks, then stores the profile (token encrypted, row id as associated data) and its
 * FBOPTIN_XXX field in one transaction. A Facebook failure leaves nothing behind; a database
 * failure after subscribing is compensated by unsubscribing.
 */
export async function createProfile(deps: MessengerDeps, actor: Actor, input: CreateProfileInput) {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw fieldError("name", name ? "must be at most 100 characters" : "is required");
  const scope = new AccountScope(deps.db, actor.accountId);
  const [sameName] = await scope.select(
    messengerProfiles,
    sql`lower(${messengerProfiles.name}) = lower(${name})`,
  );
  if (sameName)
    throw fieldError("name", `A profile called '${name}' already exists`, 409, "profile_exists");

  const pages = await fetchLoginPages(deps, actor, input.loginId);
  const page = pages.find((p) => p.id === input.pageId);
  if (!page) throw fieldError("pageId", "This page is not among the pages of your Facebook login");
  if (!page.usable || !page.accessToken) {
    throw fieldError(
      "pageId",
      page.reason ?? "You need the Admin, Editor or Moderator role on this page",
    );
  }
  const [linked] = await deps.db
    .select({ accountId: messengerProfiles.accountId })
    .from(messengerProfiles)
    .where(eq(messengerProfiles.pageId, page.id));
  if (linked) {
    throw fieldError(
      "pageId",
      `The page '${page.name}' is already linked to a Messenger profile${linked.accountId === actor.accountId ? "" : " in another Waymark account"}; each profile needs its own page`,
      409,
      "page_linked",
    );
  }

  const subscribed = await deps.facebook.subscribeApp(page.id, page.accessToken);
  if (!subscribed.ok) {
    throw new ServiceError(
      502,
      "facebook_error",
      `Facebook refused to connect the page '${page.name}': ${subscribed.error.message}`,
    );
  }

  const id = randomUUID();
  const code = await freeOptInCode(deps, actor.accountId);
  try {
    const row = await deps.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(messengerProfiles)
        .values({
          id,
          accountId: actor.accountId,
          name,
          pageId: page.id,
          pageName: page.name,
          status: input.status,
          policyVersion: deps.messenger.defaultPolicy,
          optInCode: code,
          optInFieldName: makeOptInFieldName(code),
          pageTokenEnc: seal(deps.keys.pageToken, page.accessToken!, id),
        })
        .returning();
      await createSystemField(tx, actor.accountId, makeOptInFieldName(code));
      return created!;
    });
    return presentProfile(row);
  } catch (error) {
    const pageTakenMeanwhile = String((error as { cause?: unknown })?.cause ?? error).includes(
      "messenger_profiles_page_key",
    );
    // Only undo our subscription when no other profile now relies on it.
    if (!pageTakenMeanwhile) await deps.facebook.unsubscribeApp(page.id, page.accessToken);
    if (pageTakenMeanwhile) {
      throw fieldError(
        "pageId",
        `The page '${page.name}' was just linked to another profile`,
        409,
        "page_linked",
      );
    }
    throw error;
  }
}
