import { type Dispatcher, request } from "undici";
import type { SandboxFetch } from "../options";

/**
 * Calls the app's webhook with `undici.request` on a keep-alive pool: no WHATWG Request and
 * Response objects, which cost more than the rest of a batched webhook POST. Follows no
 * redirects, as Facebook doesn't.
 */
export function keepAlivePost(dispatcher: Dispatcher): SandboxFetch {
  return async (url, init) => {
    const answer = await request(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: init.signal,
      dispatcher,
    });
    const text = await answer.body.text();
    return { status: answer.statusCode, text: () => Promise.resolve(text) };
  };
}
