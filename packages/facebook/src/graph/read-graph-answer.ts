import { badResponse } from "./bad-response";
import type { FacebookError } from "./facebook-error";
import type { HeaderReader } from "./graph-fetch";
import { parseGraphError } from "./parse-graph-error";

/** A successful (2xx, JSON, no `error`) Graph answer, or why there is none. */
export type GraphAnswer =
  | { ok: true; status: number; body: unknown }
  | { ok: false; error: FacebookError };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function hasErrorKey(value: unknown): boolean {
  return typeof value === "object" && value !== null && "error" in value;
}

/**
 * Reads one Graph answer (an HTTP response, or one item of a batch answer) from its status,
 * body text and headers: a Graph error envelope wins, then no JSON or a non-2xx status is a
 * bad response, whose outcome is unknown unless the call is idempotent or was refused.
 */
export function readGraphAnswer(
  status: number,
  text: string,
  headers: HeaderReader,
  idempotent: boolean,
): GraphAnswer {
  const json = parseJson(text);
  const graphError =
    json.ok && hasErrorKey(json.value) ? parseGraphError(json.value, status, headers) : undefined;
  if (graphError) return { ok: false, error: graphError };
  if (!json.ok) {
    const message = `Graph answered HTTP ${status} without JSON`;
    return { ok: false, error: badResponse(message, status, idempotent) };
  }
  if (status < 200 || status > 299) {
    const message = `Graph answered HTTP ${status} without an error object`;
    return { ok: false, error: badResponse(message, status, idempotent) };
  }
  return { ok: true, status, body: json.value };
}
