import { z } from "zod";
import { badResponse } from "../graph/bad-response";
import { callGraph } from "../graph/call-graph";
import type { FacebookResult } from "../graph/facebook-error";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { graphIdSchema } from "../graph/graph-id-schema";
import { type PageRole, pageAccess } from "./page-access";

/** A Page the logged-in user manages, with whether Waymark can connect it. */
export interface FacebookPage {
  id: string;
  name: string;
  /** Missing when Facebook gave no Page token (the user did not grant this Page). */
  accessToken?: string;
  tasks: string[];
  role?: PageRole;
  usable: boolean;
  reason?: string;
}

const pageSchema = z.looseObject({
  id: graphIdSchema,
  name: z.string().optional().catch(undefined),
  access_token: z.string().min(1).optional().catch(undefined),
  tasks: z.array(z.string()).optional().catch(undefined),
});

const accountsSchema = z.looseObject({
  data: z.array(z.unknown()),
  paging: z.looseObject({ next: z.string().optional() }).optional().catch(undefined),
});

function toPage(item: unknown): FacebookPage | undefined {
  const parsed = pageSchema.safeParse(item);
  if (!parsed.success) return undefined;
  const { id, name, access_token, tasks } = parsed.data;
  const access = pageAccess(tasks);
  const page: FacebookPage = { id, name: name ?? id, tasks: tasks ?? [], ...access };
  if (access_token !== undefined) return { ...page, accessToken: access_token };
  return {
    ...page,
    usable: false,
    reason:
      page.reason ?? "Facebook gave no access to this page; log in again and allow Waymark on it",
  };
}

/** Where `paging.next` leads, refusing other origins since the user token goes with it. */
function nextUrl(ctx: GraphContext, next: string | undefined): URL | "foreign" | undefined {
  if (next === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return "foreign";
  }
  return url.origin === new URL(ctx.graphApiUrl).origin ? url : "foreign";
}

/** Lists the user's Pages via `/me/accounts`, following `paging.next` for up to `maxPages` requests. */
export async function listPages(
  ctx: GraphContext,
  userToken: string,
): Promise<FacebookResult<{ pages: FacebookPage[]; truncated: boolean }>> {
  const pages: FacebookPage[] = [];
  const seen = new Set<string>();
  let url: URL | undefined = graphUrl(ctx, "me/accounts", { fields: "id,name,access_token,tasks" });
  while (url !== undefined && !seen.has(url.href)) {
    if (seen.size >= ctx.maxPages) return { ok: true, pages, truncated: true };
    seen.add(url.href);
    const answer = await callGraph(ctx, {
      method: "GET",
      url,
      accessToken: userToken,
      idempotent: true,
    });
    if (!answer.ok) return answer;
    const parsed = accountsSchema.safeParse(answer.body);
    if (!parsed.success) {
      const message = "Facebook's page list has no data array";
      return { ok: false, error: badResponse(message, answer.status, true) };
    }
    for (const item of parsed.data.data) {
      const page = toPage(item);
      if (page) pages.push(page);
    }
    const next = nextUrl(ctx, parsed.data.paging?.next);
    if (next === "foreign") {
      const message = "Facebook's paging.next leaves the configured Graph API URL";
      return { ok: false, error: badResponse(message, answer.status, true) };
    }
    url = next;
  }
  return { ok: true, pages, truncated: false };
}
