import type { Context } from "hono";
import type { GraphError } from "./graph-error";
import { invalidParam } from "./graph-error";

export type GraphParams = Record<string, unknown>;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Graph reads parameters from the query string and the body alike: JSON, form-encoded
 * (nested objects as JSON strings or `a[b]` keys) or multipart. Body values win.
 */
export async function readParams(c: Context): Promise<GraphParams | GraphError> {
  const params: GraphParams = { ...c.req.query() };
  if (c.req.method === "GET" || c.req.method === "HEAD") return params;
  const type = c.req.header("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    const body = await c.req.parseBody();
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string") setParam(params, key, value);
    }
    return params;
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) return params;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return invalidParam("The request body is not valid UTF-8");
  }
  if (type.includes("json")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return invalidParam("The request body could not be parsed as JSON");
    }
    if (!isPlainObject(body)) return invalidParam("The request body must be a JSON object");
    return Object.assign(params, body);
  }
  for (const [key, value] of new URLSearchParams(text)) setParam(params, key, value);
  return params;
}

/** Sets `recipient[id]`-style keys as nested objects, plain keys as they are. */
function setParam(params: GraphParams, key: string, value: string): void {
  if (key.includes("__proto__")) return;
  const path = key.match(/^([^[\]]+)((?:\[[^[\]]*\])+)$/);
  if (!path?.[1] || !path[2]) {
    params[key] = value;
    return;
  }
  const parts = [path[1], ...[...path[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "")];
  let node: GraphParams = params;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (isPlainObject(next)) {
      node = next;
    } else {
      const child: GraphParams = {};
      node[part] = child;
      node = child;
    }
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parameter as a string, when it is one. */
export function stringParam(params: GraphParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * A parameter that holds an object: given as an object (JSON bodies) or as a JSON string
 * (form bodies, including the single-quoted style of Facebook's own curl examples).
 */
export function objectParam(
  params: GraphParams,
  name: string,
): Record<string, unknown> | undefined | "invalid" {
  const value = params[name];
  if (value === undefined) return undefined;
  if (isPlainObject(value)) return value;
  if (typeof value !== "string") return "invalid";
  for (const candidate of [value, value.replace(/'/g, '"')]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (isPlainObject(parsed)) return parsed;
      return "invalid";
    } catch {
      // try the next spelling
    }
  }
  return "invalid";
}
