import { type GraphError, invalidParam } from "../graph/graph-error";
import { type GraphParams, stringParam } from "../graph/read-params";

/** One entry of a `fields` parameter: `name`, `name.limit(n)`, `name{a,b}`. */
export interface FieldRequest {
  name: string;
  limit?: number;
  subfields?: string[];
}

/** Splits on the commas outside braces. */
function topLevel(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") depth++;
    else if (ch === "}" && --depth < 0) return undefined;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const FIELD = /^([a-z_]+)((?:\.[a-z_]+\([^()]*\))*)(?:\{(.*)\})?$/s;

/** The `fields` parameter (Graph's field expansion syntax), or the node's defaults. */
export function parseFields(
  params: GraphParams,
  defaults: readonly string[],
): FieldRequest[] | GraphError {
  const text = stringParam(params, "fields");
  if (text === undefined || text.trim() === "") return defaults.map((name) => ({ name }));
  const parts = topLevel(text);
  if (!parts) return invalidParam(`Syntax error "Expected end of string" in fields: ${text}`);
  const fields: FieldRequest[] = [];
  for (const part of parts) {
    const match = FIELD.exec(part);
    if (!match?.[1]) return invalidParam(`Syntax error in field: ${part}`);
    const field: FieldRequest = { name: match[1] };
    for (const [, modifier, argument] of (match[2] ?? "").matchAll(/\.([a-z_]+)\(([^()]*)\)/g)) {
      const n = Number(argument);
      if (modifier !== "limit" || !Number.isInteger(n) || n < 1) {
        return invalidParam(
          `Unsupported field modifier .${modifier}(${argument}) on ${field.name}`,
        );
      }
      field.limit = n;
    }
    if (match[3] !== undefined) {
      const inner = topLevel(match[3]);
      if (!inner || inner.some((f) => !/^[a-z_]+$/.test(f))) {
        return invalidParam(`Syntax error in the subfields of ${field.name}`);
      }
      field.subfields = inner;
    }
    if (!fields.some((f) => f.name === field.name)) fields.push(field);
  }
  return fields;
}

/** `(#100) Tried accessing nonexisting field (x) on node type (Type)` for the first unknown field. */
export function unknownField(
  names: readonly string[],
  known: readonly string[],
  type: string,
): GraphError | undefined {
  const unknown = names.find((f) => !known.includes(f));
  return unknown === undefined
    ? undefined
    : invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (${type})`);
}
