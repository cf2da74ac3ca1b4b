import { createFacebookClient, type FacebookClientConfig } from "../create-facebook-client";

/** One request as the stub saw it. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** What the stub answers with, in order: a Response, a thrown error, or a function of the request. */
export type StubReply =
  | Response
  | Error
  | ((request: RecordedRequest) => Response | Promise<Response>);

/** A JSON response as Graph would send it. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A fetch that records every request and replies from a queue (fails loudly when it runs dry). */
export function fetchStub(...replies: StubReply[]) {
  const requests: RecordedRequest[] = [];
  const queue = [...replies];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request: RecordedRequest = {
      method: init?.method ?? "GET",
      url: new URL(input instanceof Request ? input.url : String(input)),
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    requests.push(request);
    const reply = queue.shift();
    if (reply === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(request) : reply;
  };
  return { fetch, requests };
}

/** Test configuration: a fake Graph origin, app `1234` with secret `app-secret`. */
export const TEST_CONFIG = {
  graphApiUrl: "https://graph.test",
  dialogUrl: "https://www.facebook.test",
  version: "v25.0",
  appId: "1234",
  appSecret: "app-secret",
  timeoutMs: 1000,
} as const;

/** A client over the given stub replies. */
export function stubbedClient(replies: StubReply[], overrides: Partial<FacebookClientConfig> = {}) {
  const stub = fetchStub(...replies);
  const client = createFacebookClient({ ...TEST_CONFIG, fetch: stub.fetch, ...overrides });
  return { client, requests: stub.requests };
}

/** Query parameters of a recorded request as a plain object. */
export function queryOf(request: RecordedRequest | undefined): Record<string, string> {
  if (!request) throw new Error("no such request");
  return Object.fromEntries(request.url.searchParams);
}
