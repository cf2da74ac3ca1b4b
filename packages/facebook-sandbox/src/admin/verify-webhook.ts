import { randomInt } from "node:crypto";
import type { SandboxContext } from "../context";
import type { SandboxFetch } from "../options";

/** The webhook verification handshake (MESSENGER.md §3.1): passes only on 200 + the challenge. */
export async function verifyWebhook(
  ctx: SandboxContext,
  fetchFn: SandboxFetch,
): Promise<{ ok: boolean; status: number | null; body: string; challenge: string }> {
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const url = new URL(ctx.config.webhookUrl);
  url.searchParams.set("hub.mode", "subscribe");
  url.searchParams.set("hub.challenge", challenge);
  url.searchParams.set("hub.verify_token", ctx.config.verifyToken);
  try {
    const response = await fetchFn(url.href, {
      method: "GET",
      headers: {},
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.text();
    return {
      ok: response.status === 200 && body === challenge,
      status: response.status,
      body,
      challenge,
    };
  } catch (error) {
    return { ok: false, status: null, body: String(error), challenge };
  }
}
