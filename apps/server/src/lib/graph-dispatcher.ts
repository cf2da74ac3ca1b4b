import { Agent, interceptors } from "undici";

/**
 * The keep-alive connection pool for Graph API calls. A GET that fails because the server
 * closed the idle connection just as it was reused (ECONNRESET, EPIPE, a closed socket) is
 * sent once more on a fresh connection; other methods never are: a Send API POST may have
 * reached Facebook already. Status codes are the Graph client's to judge, so none is retried.
 */
export function createGraphDispatcher() {
  return new Agent({ keepAliveTimeout: 30_000, connections: 64 }).compose(
    interceptors.retry({
      methods: ["GET"],
      maxRetries: 1,
      minTimeout: 0,
      retryAfter: false,
      statusCodes: [],
      errorCodes: ["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"],
    }),
  );
}
