import type { GraphContext } from "./graph-context";
import type { GraphAnswer } from "./read-graph-answer";
import { redactUrl } from "./redact-url";

/** What a log entry says about the call itself. */
export interface LoggedCall {
  method: string;
  url: URL;
  durationMs: number;
  status?: number;
}

/** Hands the context's logger one redacted entry for a finished Graph call (no bodies). */
export function logGraphCall(ctx: GraphContext, call: LoggedCall, answer: GraphAnswer): void {
  if (!ctx.logger) return;
  const base = {
    method: call.method,
    url: redactUrl(call.url),
    durationMs: call.durationMs,
    ...(call.status === undefined ? {} : { status: call.status }),
  };
  if (answer.ok) {
    ctx.logger({ level: "debug", message: "graph call succeeded", ...base });
    return;
  }
  const e = answer.error;
  ctx.logger({
    level: "warn",
    message: `graph call failed: ${e.message}`,
    ...base,
    classification: e.classification,
    ...(e.kind === "graph"
      ? { errorCode: e.code, errorSubcode: e.subcode, fbtraceId: e.fbtraceId }
      : {}),
  });
}
