import type { Context } from "hono";
import type { SandboxContext } from "../context";
import { GraphError } from "./graph-error";
import { type GraphParams, readParams } from "./read-params";

/** A Graph handler's answer. */
export interface GraphResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type GraphHandler = (c: Context, params: GraphParams) => Promise<GraphResult | GraphError>;

/** A successful JSON answer. */
export function ok(body: unknown, headers?: Record<string, string>): GraphResult {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

/** The result Facebook answers for an error. */
export function errorResult(error: GraphError): GraphResult {
  return { status: error.status, body: error.toBody(), headers: error.headers() };
}

export function toResponse(result: GraphResult): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { "Content-Type": "application/json; charset=UTF-8", ...result.headers },
  });
}

/**
 * Wraps a Graph handler: waits for the sandbox to be ready, applies injected latency and
 * 5xx bursts, reads the parameters, and answers errors in Facebook's envelope.
 */
export function graphRoute(ctx: SandboxContext, handler: GraphHandler) {
  return async (c: Context): Promise<Response> => {
    if (!ctx.isReady()) await ctx.ready();
    const before = ctx.faults.beforeGraph();
    const fault = before instanceof Promise ? await before : before;
    if (fault) return toResponse(errorResult(fault));
    const params = await readParams(c);
    if (params instanceof GraphError) return toResponse(errorResult(params));
    try {
      const result = await handler(c, params);
      return toResponse(result instanceof GraphError ? errorResult(result) : result);
    } catch (error) {
      if (error instanceof GraphError) return toResponse(errorResult(error));
      ctx.log.error("fb-sandbox: Graph handler failed", { error: String(error), path: c.req.path });
      const unknown = new GraphError(
        {
          message: "An unknown error has occurred.",
          type: "OAuthException",
          code: 1,
          is_transient: true,
        },
        500,
      );
      return toResponse(errorResult(unknown));
    }
  };
}
