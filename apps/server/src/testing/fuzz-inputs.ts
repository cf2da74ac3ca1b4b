import fc from "fast-check";

/**
 * fast-check arbitraries for hostile HTTP input: strings PostgreSQL or a URL parser chokes on,
 * numbers past every column's range, prototype keys, deep nesting, huge bodies, and mutations
 * of valid bodies (so the service behind the schema is reached, not only the schema).
 */

// Text that has broken something somewhere: storage, URLs, SQL, dates, numbers, field names.
const NASTY_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "😀",
  "%00",
  "%",
  "%zz",
  "%ED%A0%80",
  "..",
  "../../etc/passwd",
  "\\",
  "'; drop table contacts; --",
  "<script>alert(1)</script>",
  "null",
  "true",
  "NaN",
  "-0",
  "1e400",
  "99999999999999999999",
  "0x10",
  "__proto__",
  "constructor",
  "prototype",
  "FIRSTNAME",
  "EMAIL",
  "FBOPTIN_AAAA",
  "ana@example.com",
  "ANA@EXAMPLE.COM",
  "2026-02-30",
  "0000-01-01",
  "9999-12-31",
  "2026-11-20 09:00:00+00",
  "00000000-0000-0000-0000-000000000000",
  "start",
  "now",
  "passed",
  "sent",
  "warnings",
  "oldest",
  "enabled",
  "text",
  "number",
  "date",
  "boolean",
];

// Units that make random strings mix whole characters, surrogate pairs and their halves.
const TEXT_UNITS = fc.constantFrom(
  "a",
  "Z",
  "é",
  " ",
  "@",
  ".",
  "\u0000",
  "😀",
  "\ud83d",
  "\ude00",
);

/** Strings a client could send in any text field, from plain to unstorable to huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 3, arbitrary: fc.string({ unit: TEXT_UNITS, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(300, 5000, 70_000).map((n) => "x".repeat(n)) },
);

// Raw JSON number literals JSON.stringify cannot produce (Infinity after parsing, or precision lost).
const RAW_NUMBERS = ["1e400", "-1e400", "123456789012345678901234567890", "1e-400", "-0"];
const RAW = "\u0001raw:";

/** Numbers around every limit: int4, safe integers, floats, and literals that overflow. */
const nastyNumber: fc.Arbitrary<number | string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(0, 1, -1, 0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((literal) => `${RAW}${literal}`) },
);

// Keys that probe prototypes and strict objects, besides the ones a route knows.
const NASTY_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", ""];

/** Any JSON value, two levels deep, with nasty leaves and keys. */
const nastyJson = (keys: readonly string[]): fc.Arbitrary<unknown> => {
  const key = fc.oneof(fc.constantFrom(...keys, ...NASTY_KEYS), nastyString);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      nastyString,
      nastyNumber,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 4 }),
    ),
  }));
  return value;
};

/** Nesting far past anything a route reads. */
const deepJson = fc
  .constantFrom(2000, 20_000)
  .chain((depth) =>
    fc.constantFrom(
      `${RAW}${"[".repeat(depth)}${"]".repeat(depth)}`,
      `${RAW}${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
    ),
  );

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => leafPaths(v, [...path, i])));
  if (value !== null && typeof value === "object") {
    return here.concat(Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k])));
  }
  return here;
}

function setAt(root: Json, path: (string | number)[], next: Json | undefined): Json {
  if (path.length === 0) return next ?? null;
  const copy: Json = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (next === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = next ?? null;
  return copy;
}

interface Mutation {
  at: number;
  /** Only the body itself or its top-level fields (a document's leaves outnumber them). */
  shallow: boolean;
  kind: "replace" | "remove" | "add";
  key: string;
  /** Replace a number with a number and text with text, so the schema lets more through. */
  sameType: boolean;
  number: number | string;
  text: string;
  value: unknown;
}

function replacement(m: Mutation, current: unknown): unknown {
  if (!m.sameType) return m.value;
  if (typeof current === "number") return m.number;
  return typeof current === "string" ? m.text : m.value;
}

function applyMutations(seed: Json, mutations: Mutation[]): Json {
  let body = seed;
  for (const m of mutations) {
    const paths = leafPaths(body).filter((p) => !m.shallow || p.length <= 1);
    const path = paths[m.at % paths.length]!;
    const current = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], body);
    if (m.kind === "replace") body = setAt(body, path, replacement(m, current) as Json);
    else if (m.kind === "remove") body = path.length > 0 ? setAt(body, path, undefined) : body;
    else {
      if (current !== null && typeof current === "object" && !Array.isArray(current)) {
        body = setAt(body, [...path, m.key], m.value as Json);
      }
    }
  }
  return body;
}

/** A JSON body for a route: a mutated valid body most of the time, else anything at all. */
export function bodyText(seeds: readonly unknown[]): fc.Arbitrary<string> {
  const keys = [...new Set(seeds.flatMap((s) => leafPaths(s).flat().map(String)))];
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    at: fc.nat(),
    shallow: fc.boolean(),
    kind: fc.constantFrom("replace", "replace", "remove", "add"),
    key: fc.oneof(fc.constantFrom(...keys, ...NASTY_KEYS), nastyString),
    sameType: fc.boolean(),
    number: nastyNumber,
    text: nastyString,
    value: nastyJson(keys),
  });
  const mutated = fc
    .tuple(
      fc.constantFrom(...(seeds.length > 0 ? seeds : [{}])),
      fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutation, { minLength: 1, maxLength: 3 })),
    )
    .map(([seed, mutations]) => applyMutations(seed as Json, mutations));
  return fc
    .oneof(
      { weight: 6, arbitrary: mutated },
      { weight: 2, arbitrary: nastyJson(keys) },
      { weight: 1, arbitrary: deepJson },
    )
    .map(toJsonText);
}

/** JSON text in which raw literals (overflowing numbers, deep nesting) are spliced in. */
function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  return text.replace(/"\\u0001raw:((?:[^"\\]|\\.)*)"/g, (_, raw: string) =>
    JSON.parse(`"${raw}"`),
  );
}

/** A value for a query parameter: nasty text, numbers, or a cursor-shaped base64url JSON. */
export const queryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 2,
    arbitrary: nastyJson([]).map((v) =>
      Buffer.from(toJsonText(Array.isArray(v) ? v : [v, v])).toString("base64url"),
    ),
  },
);

// Percent sequences that are not UTF-8 or hide dots and slashes, sent as they are.
const RAW_URL_BITS = ["%", "%zz", "%ED%A0%80", "%00", "%C0%AF", "%2e%2e", "%2F", "%E0%A4%A"];

/** Percent-encodes like a client would; lone surrogates become the bytes a broken encoder sends. */
export function encodeComponent(text: string): string {
  return text.replace(/[^A-Za-z0-9\-_.~]/gu, (ch) =>
    /[\ud800-\udfff]/.test(ch) && ch.length === 1
      ? "%ED%A0%80"
      : [...Buffer.from(ch)]
          .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
          .join(""),
  );
}

/**
 * A query string of known and random parameters (`known` lists valid values by name), alone
 * or after one of the route's valid query strings (`seeds`).
 */
export function queryString(
  known: Readonly<Record<string, readonly string[]>>,
  seeds: readonly string[] = [],
): fc.Arbitrary<string> {
  const names = Object.keys(known);
  const param = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(names.length > 0 ? names : ["q"])) },
    { weight: 1, arbitrary: nastyString },
  );
  const value = (name: string) =>
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constantFrom(...(Object.hasOwn(known, name) ? known[name]! : []), ""),
      },
      { weight: 3, arbitrary: queryValue },
    );
  const valid = fc
    .constantFrom(...names)
    .chain((name) => fc.constantFrom(...known[name]!, "").map((v) => [name, v] as const));
  const pair = fc.oneof(
    valid,
    param.chain((name) => value(name).map((v) => [name, v] as const)),
  );
  const random = fc
    .oneof(fc.constant([]), fc.array(pair, { minLength: 1, maxLength: 4 }))
    .map((pairs) => pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`))
    .chain((pairs) =>
      fc
        .option(fc.constantFrom(...RAW_URL_BITS), { freq: 5 })
        .map((raw) => (raw === null ? pairs : [...pairs, `${raw}=${raw}`]).join("&")),
    );
  if (seeds.length === 0) return random;
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    seed,
    fc.tuple(seed, random).map(([a, b]) => (b ? `${a}&${b}` : a)),
    random,
  );
}

/** A path segment for an `:id`-like parameter: the route's own kind of id most often, else anything. */
export function pathSegment(
  own: readonly string[],
  others: readonly string[],
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own) },
    { weight: 1, arbitrary: fc.constantFrom(...others, ...own) },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: nastyString.filter((s) => s.length > 0 && s.length < 2000).map(encodeComponent),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_BITS) },
  );
}
