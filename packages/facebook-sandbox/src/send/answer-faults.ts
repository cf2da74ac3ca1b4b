import type { Socket } from "node:net";
import type { Context } from "hono";
import type { SandboxContext } from "../context";

/**
 * Facebook at its worst once a Send API call (or a batch) has accepted messages: the answer
 * comes `answerDelayMs` late, and under `dropAnswerAfterAccept` it never comes (the
 * connection is reset, so the client cannot tell whether anything was sent).
 */
export async function answerAfterAccept(
  ctx: SandboxContext,
  c: Context,
  acceptedFor: readonly string[],
): Promise<void> {
  if (acceptedFor.length === 0) return;
  const fate = ctx.faults.afterAccept(acceptedFor);
  if (fate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fate.delayMs));
  if (fate.lost) await loseAnswer(ctx, c);
}

/**
 * Resets the client's connection (a TCP RST) when the request came through a Node server,
 * e.g. `@hono/node-server`. Without a socket (in-process `app.request`) the answer never
 * comes: the request stays pending, and only the caller's own timeout ends the wait.
 */
async function loseAnswer(ctx: SandboxContext, c: Context): Promise<void> {
  ctx.log.info("fb-sandbox: Send API answer dropped after acceptance", { path: c.req.path });
  const socket = socketOf(c.env);
  if (socket) {
    socket.resetAndDestroy();
    return;
  }
  await new Promise<never>(() => {});
}

function socketOf(env: unknown): Socket | undefined {
  const incoming = (env as { incoming?: { socket?: unknown } } | undefined)?.incoming;
  const socket = incoming?.socket as Socket | undefined;
  return typeof socket?.resetAndDestroy === "function" ? socket : undefined;
}
