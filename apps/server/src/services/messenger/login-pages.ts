import { messengerProfiles } from "@waymark/db";
import type { FacebookPage } from "@waymark/facebook";
import { inArray } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { Actor } from "../context";
import { loginUserToken } from "./facebook-login";
import type { MessengerDeps } from "./messenger-deps";

/** A page in the "Facebook page" dropdown: selectable or not, with the reason. */
export interface PageChoice {
  id: string;
  name: string;
  role: string | null;
  selectable: boolean;
  reason: string | null;
}

/** The person's pages with their tokens, straight from Facebook. */
export async function fetchLoginPages(
  deps: MessengerDeps,
  actor: Actor,
  loginId: string,
): Promise<FacebookPage[]> {
  const token = await loginUserToken(deps, actor, loginId);
  const result = await deps.facebook.listPages(token);
  if (!result.ok) {
    throw new ServiceError(
      502,
      "facebook_error",
      `Facebook did not list your pages: ${result.error.message}`,
    );
  }
  return result.pages;
}

/**
 * The pages of a completed login: pages where the person lacks the Admin, Editor or Moderator
 * role, and pages already linked to a profile in any account, are listed but not selectable.
 */
export async function listLoginPages(
  deps: MessengerDeps,
  actor: Actor,
  loginId: string,
): Promise<PageChoice[]> {
  const pages = await fetchLoginPages(deps, actor, loginId);
  const ids = pages.map((p) => p.id);
  const linked =
    ids.length === 0
      ? []
      : await deps.db
          .select({
            pageId: messengerProfiles.pageId,
            accountId: messengerProfiles.accountId,
            name: messengerProfiles.name,
          })
          .from(messengerProfiles)
          .where(inArray(messengerProfiles.pageId, ids));
  const linkedBy = new Map(linked.map((l) => [l.pageId, l]));
  return pages.map((page) => {
    const link = linkedBy.get(page.id);
    const reason = !page.usable
      ? (page.reason ?? "You need the Admin, Editor or Moderator role on this page")
      : link
        ? link.accountId === actor.accountId
          ? `Already linked to your profile '${link.name}'`
          : "Already linked to a Messenger profile in another Waymark account"
        : !page.accessToken
          ? "Facebook did not grant access to this page; log in again and allow it"
          : null;
    return {
      id: page.id,
      name: page.name,
      role: page.role ?? null,
      selectable: reason === null,
      reason,
    };
  });
}
