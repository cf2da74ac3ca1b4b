import { z } from "zod";
import type { HeaderReader } from "./graph-fetch";

const bucUsageSchema = z.record(
  z.string(),
  z.array(
    z.looseObject({ estimated_time_to_regain_access: z.number().optional().catch(undefined) }),
  ),
);

/**
 * How long Facebook asks us to wait, from `Retry-After` (seconds) or the largest
 * `estimated_time_to_regain_access` (minutes) in `X-Business-Use-Case-Usage`.
 */
export function retryAfterMs(headers: HeaderReader): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) {
    return Number(retryAfter.trim()) * 1000;
  }
  const buc = headers.get("x-business-use-case-usage");
  if (buc === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(buc);
  } catch {
    return undefined;
  }
  const parsed = bucUsageSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const minutes = Object.values(parsed.data)
    .flat()
    .map((entry) => entry.estimated_time_to_regain_access ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
}
