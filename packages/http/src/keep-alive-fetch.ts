import { type Dispatcher, request } from "undici";

/** The part of `fetch`'s init a keep-alive call takes. */
export interface KeepAliveInit {
  method: "GET" | "POST" | "DELETE";
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** What a keep-alive call answers: `fetch`'s status, headers by name and body text. */
export interface KeepAliveResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A `fetch`-like call over a keep-alive pool. */
export type KeepAliveFetch = (url: string, init: KeepAliveInit) => Promise<KeepAliveResponse>;

/**
 * `fetch`'s shape over `undici.request` on a keep-alive dispatcher (e.g.
 * `new Agent({ keepAliveTimeout: 30_000 })`), without the WHATWG Request and Response objects,
 * which cost more than the rest of a small JSON call. Follows no redirects.
 */
export function keepAliveFetch(dispatcher: Dispatcher): KeepAliveFetch {
  return async (url, init) => {
    const answer = await request(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: init.signal,
      dispatcher,
    });
    const text = await answer.body.text();
    return {
      status: answer.statusCode,
      headers: headerReader(answer.headers),
      text: () => Promise.resolve(text),
    };
  };
}

/** undici gives lower-cased names; repeated headers arrive as arrays and are joined as fetch does. */
function headerReader(headers: Record<string, string | string[] | undefined>) {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
