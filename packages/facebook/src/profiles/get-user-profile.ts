import { z } from "zod";
import type { FacebookResult } from "../graph/facebook-error";
import { getGraph } from "../graph/get-graph";
import { type GraphContext, graphUrl } from "../graph/graph-context";
import { graphIdSchema } from "../graph/graph-id-schema";

/** A person's name as the Page sees it; a part Facebook leaves out is `null`. */
export interface UserProfile {
  psid: string;
  firstName: string | null;
  lastName: string | null;
  /** Facebook's full name (`name`), e.g. "Peter Chang". */
  name: string | null;
}

// Only the default fields: locale, timezone and gender need App Review (MESSENGER.md §7).
const FIELDS = "first_name,last_name,name";

const nameSchema = z
  .string()
  .transform((s) => s.trim())
  .transform((s) => (s === "" ? null : s))
  .optional()
  .catch(undefined);

const profileSchema = z.looseObject({
  id: graphIdSchema,
  first_name: nameSchema,
  last_name: nameSchema,
  name: nameSchema,
});

/**
 * The person's name from the User Profile API (`GET /{psid}?fields=first_name,last_name,name`
 * with the Page's token, MESSENGER.md §7). No profile for this PSID (100/2018218) is a
 * `permanent_recipient` error; rate limits and outages are `retry`.
 */
export async function getUserProfile(
  ctx: GraphContext,
  pageToken: string,
  psid: string,
): Promise<FacebookResult<{ profile: UserProfile }>> {
  const url = graphUrl(ctx, encodeURIComponent(psid), { fields: FIELDS });
  const answer = await getGraph(
    ctx,
    url,
    pageToken,
    profileSchema,
    "Facebook's user profile answer has no id",
  );
  if (!answer.ok) return answer;
  const { id, first_name, last_name, name } = answer.body;
  return {
    ok: true,
    profile: {
      psid: id,
      firstName: first_name ?? null,
      lastName: last_name ?? null,
      name: name ?? null,
    },
  };
}
