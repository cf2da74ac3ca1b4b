import type { Context } from "hono";
import type { SandboxContext } from "../context";
import { newMessageId } from "../domain/ids";
import { authErrors } from "../graph/auth-errors";
import { authenticate } from "../graph/authenticate";
import { GraphError, unsupportedRequest } from "../graph/graph-error";
import { type GraphResult, ok } from "../graph/graph-route";
import type { GraphParams } from "../graph/read-params";
import { patchThread, patchUserRef } from "../state/people-store";
import type { PageRecord, TokenRecord } from "../state/records";
import { echoEvent } from "../webhooks/webhook-events";
import { answerAfterAccept } from "./answer-faults";
import { type Addressee, checkRecipient } from "./check-recipient";
import type { SendRequest } from "./send-request";
import { validateSend } from "./validate-send";

/** A Send API call's answer, and the Page it accepted a message for (`null`: none). */
export interface SendOutcome {
  answer: GraphResult | GraphError;
  acceptedFor: string | null;
}

/**
 * The strict Send API route (`POST /{version}/me/messages` and `/{page-id}/messages`),
 * with the faults that strike the answer of an accepted message.
 */
export async function sendMessage(
  ctx: SandboxContext,
  c: Context,
  params: GraphParams,
): Promise<GraphResult | GraphError> {
  const outcome = await acceptSend(ctx, params, c.req.header("authorization"), c.req.param("id"));
  await answerAfterAccept(ctx, c, outcome.acceptedFor === null ? [] : [outcome.acceptedFor]);
  return outcome.answer;
}

/** One Send API call: MESSENGER.md §8 rules 1–22, in the order Graph applies them. */
export async function acceptSend(
  ctx: SandboxContext,
  params: GraphParams,
  authorization: string | undefined,
  pathId = "me",
): Promise<SendOutcome> {
  const refused = (answer: GraphError): SendOutcome => ({ answer, acceptedFor: null });
  const token = authenticate(ctx, params, authorization);
  if (token instanceof GraphError) return refused(token);
  const page = messagingPage(ctx, token);
  if (page instanceof GraphError) return refused(page);
  if (pathId !== "me" && pathId !== page.id) return refused(unsupportedRequest("post", pathId));

  const fault = ctx.faults.onSend(page.id, ctx.now().getTime());
  if (fault) return refused(fault);
  const request = validateSend(params, page.policyVersion);
  if (request instanceof GraphError) return refused(request);
  const addressee = checkRecipient(ctx, page, request);
  if (addressee instanceof GraphError) return refused(addressee);

  const usage = ctx.faults.pageUsage(page.id);
  const headers = usage === undefined ? undefined : { "X-Page-Usage": usage };
  const body = await record(ctx, page, request, addressee);
  return { answer: ok(body, headers), acceptedFor: request.senderAction ? null : page.id };
}

/** The Page a token may send for: a Page token whose user has the MESSAGING task. */
function messagingPage(ctx: SandboxContext, token: TokenRecord): PageRecord | GraphError {
  if (token.kind !== "page" || token.pageId === null) return authErrors.messagingPermission();
  const page = ctx.state.pages.get(token.pageId);
  if (!page) return authErrors.appRemoved(ctx.config.appId);
  if (!token.scopes.includes("pages_messaging")) return authErrors.messagingPermission();
  if (!ctx.state.tasksOf(token.userId, page.id).includes("MESSAGING")) {
    return authErrors.messagingPermission();
  }
  return page;
}

async function record(
  ctx: SandboxContext,
  page: PageRecord,
  request: SendRequest,
  addressee: Addressee,
): Promise<Record<string, string>> {
  const now = ctx.now();
  if (request.senderAction) {
    return addressee.kind === "thread" ? { recipient_id: addressee.thread.psid } : {};
  }
  const mid = newMessageId();
  const message = request.message ?? {};
  const row = {
    mid,
    pageId: page.id,
    messagingType: request.messagingType ?? null,
    tag: request.tag ?? null,
    text: message.text ?? null,
    attachment: message.attachment ?? null,
    metadata: message.metadata ?? null,
    sentAt: now,
  };
  if (addressee.kind === "user_ref") {
    const pending = patchUserRef(ctx, addressee.record, { sentAt: now });
    const { personId, userRef } = addressee.record;
    ctx.sentLog.push({ ...row, personId, psid: null, userRef });
    await pending;
    return { message_id: mid };
  }
  const { thread } = addressee;
  // patchThread updates memory synchronously, before any other send can run.
  const spent = addressee.spendsPlusOne ? patchThread(ctx, thread, { plusOneUsed: true }) : null;
  ctx.sentLog.push({ ...row, personId: thread.personId, psid: thread.psid, userRef: null });
  ctx.deliveries.schedule(thread, mid, now.getTime());
  ctx.webhooks.emit(
    "message_echoes",
    page.id,
    echoEvent({
      pageId: page.id,
      psid: thread.psid,
      timestamp: now.getTime(),
      appId: ctx.config.appId,
      mid,
      ...message,
    }),
  );
  if (spent) await spent;
  return { recipient_id: thread.psid, message_id: mid };
}
