import { z } from "zod";
import { badResponse } from "./bad-response";
import type { HeaderReader } from "./graph-fetch";
import { type GraphAnswer, readGraphAnswer } from "./read-graph-answer";

/** The most requests one Graph batch may carry ("Maximum batch size is 50", MESSENGER.md §6). */
export const GRAPH_BATCH_LIMIT = 50;

const batchItemSchema = z.looseObject({
  code: z.number().int(),
  body: z.string().optional().catch(undefined),
  headers: z
    .array(z.looseObject({ name: z.string(), value: z.string() }))
    .optional()
    .catch(undefined),
});

const NO_HEADERS: HeaderReader = { get: () => null };

/** An item's `headers` (absent with `include_headers=false`) by case-insensitive name. */
function itemHeaders(headers: { name: string; value: string }[] | undefined): HeaderReader {
  if (headers === undefined || headers.length === 0) return NO_HEADERS;
  return {
    get(name) {
      const wanted = name.toLowerCase();
      const values = headers.filter((h) => h.name.toLowerCase() === wanted).map((h) => h.value);
      return values.length === 0 ? null : values.join(", ");
    },
  };
}

/**
 * One answer per request of a Graph batch (MESSENGER.md §6: an array of `{ code, body }` in
 * request order, each `body` a JSON string), read like the answer to a call of its own. A
 * failed batch call fails every request alike; an answer that is not an array of `count` is
 * a bad response for every request; a `null` item (the part of a batch that ran out of time)
 * or an unreadable one is a bad response for that request alone.
 */
export function readBatchAnswer(
  answer: GraphAnswer,
  count: number,
  idempotent: boolean,
): GraphAnswer[] {
  if (!answer.ok) return Array.from({ length: count }, () => answer);
  const items = answer.body;
  if (!Array.isArray(items) || items.length !== count) {
    const got = Array.isArray(items) ? `${items.length} answers` : "no array";
    const error = badResponse(
      `Graph answered a batch of ${count} requests with ${got}`,
      answer.status,
      idempotent,
    );
    return Array.from({ length: count }, () => ({ ok: false, error }));
  }
  return items.map((item): GraphAnswer => {
    const parsed = batchItemSchema.safeParse(item);
    if (!parsed.success) {
      const message =
        item === null
          ? "Graph gave no answer for this batch request"
          : "Graph answered this batch request unreadably";
      return { ok: false, error: badResponse(message, answer.status, idempotent) };
    }
    const { code, body, headers } = parsed.data;
    return readGraphAnswer(code, body ?? "", itemHeaders(headers), idempotent);
  });
}
