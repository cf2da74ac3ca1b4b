/**
 * The part of `fetch` the Graph client uses. `globalThis.fetch` (or undici's) fits it as is;
 * `keepAliveGraphFetch` implements it over `undici.request` without the WHATWG Request and
 * Response objects, which are most of a Send API call's client-side CPU.
 */
export type GraphFetch = (url: string, init: GraphFetchInit) => Promise<GraphFetchResponse>;

export interface GraphFetchInit {
  method: "GET" | "POST" | "DELETE";
  headers: Record<string, string>;
  /** A JSON text; absent for calls without a body. */
  body?: string;
  signal: AbortSignal;
}

/** Response headers by case-insensitive name, as `Headers.get` answers them. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface GraphFetchResponse {
  status: number;
  headers: HeaderReader;
  text(): Promise<string>;
}
