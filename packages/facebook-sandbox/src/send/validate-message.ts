import { GraphError, invalidParam } from "../graph/graph-error";
import { type GraphParams, isPlainObject, objectParam } from "../graph/read-params";
import {
  ATTACHMENT_TYPES,
  METADATA_LIMIT,
  QUICK_REPLY_LIMIT,
  type SendMessage,
  TEXT_LIMIT,
} from "./send-request";

const EMPTY_MESSAGE = 2018034;
// Text that cannot be encoded as UTF-8: a surrogate half without its partner.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks `message` (MESSENGER.md §8 rule 11): text xor attachment, limits, quick replies. */
export function validateMessage(params: GraphParams): SendMessage | GraphError {
  const message = objectParam(params, "message");
  if (message === undefined || message === "invalid") {
    return invalidParam("Param message must be a JSON object");
  }
  const result: SendMessage = {};
  const { text, attachment, quick_replies: quickReplies, metadata } = message;
  if (text !== undefined && attachment !== undefined) {
    return invalidParam("Param message must contain either text or attachment, not both");
  }
  if (text === undefined && attachment === undefined) {
    return invalidParam(
      "Message cannot be empty, must provide valid attachment or text",
      EMPTY_MESSAGE,
    );
  }
  if (text !== undefined) {
    if (typeof text !== "string") return invalidParam("Param message[text] must be a string");
    if (text.trim() === "") {
      return invalidParam(
        "Message cannot be empty, must provide valid attachment or text",
        EMPTY_MESSAGE,
      );
    }
    if (LONE_SURROGATE.test(text)) return invalidParam("Param message[text] must be valid UTF-8");
    if (characterCount(text) > TEXT_LIMIT) {
      return invalidParam(
        `Length of param message[text] must be less than or equal to ${TEXT_LIMIT}`,
      );
    }
    result.text = text;
  }
  if (attachment !== undefined) {
    const checked = validateAttachment(attachment);
    if (checked instanceof GraphError) return checked;
    result.attachment = checked;
  }
  if (quickReplies !== undefined) {
    const error = validateQuickReplies(quickReplies);
    if (error) return error;
    if (Array.isArray(quickReplies)) result.quickReplies = quickReplies;
  }
  if (metadata !== undefined) {
    if (typeof metadata !== "string")
      return invalidParam("Param message[metadata] must be a string");
    if (characterCount(metadata) > METADATA_LIMIT) {
      return invalidParam(
        `Length of param message[metadata] must be less than or equal to ${METADATA_LIMIT}`,
      );
    }
    result.metadata = metadata;
  }
  return result;
}

/** Characters as people count them: code points, so an emoji is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function validateAttachment(value: unknown): Record<string, unknown> | GraphError {
  if (!isPlainObject(value)) return invalidParam("Param message[attachment] must be a JSON object");
  if (typeof value.type !== "string" || !ATTACHMENT_TYPES.includes(value.type)) {
    return invalidParam(
      `Param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(", ")}}`,
    );
  }
  if (!isPlainObject(value.payload)) {
    return invalidParam("Param message[attachment][payload] must be a JSON object");
  }
  return value;
}

function validateQuickReplies(value: unknown): GraphError | undefined {
  if (!Array.isArray(value)) return invalidParam("Param message[quick_replies] must be an array");
  if (value.length > QUICK_REPLY_LIMIT) {
    return invalidParam(
      `Param message[quick_replies] must contain at most ${QUICK_REPLY_LIMIT} elements`,
    );
  }
  for (const [i, reply] of value.entries()) {
    const at = `message[quick_replies][${i}]`;
    if (!isPlainObject(reply)) return invalidParam(`Param ${at} must be a JSON object`);
    const type = reply.content_type;
    if (type !== "text" && type !== "user_phone_number" && type !== "user_email") {
      return invalidParam(
        `Param ${at}[content_type] must be one of {text, user_phone_number, user_email}`,
      );
    }
    if (type !== "text") continue;
    if (typeof reply.title !== "string" || reply.title === "" || characterCount(reply.title) > 20) {
      return invalidParam(`Param ${at}[title] must be a non-empty string of at most 20 characters`);
    }
    if (typeof reply.payload !== "string" && typeof reply.payload !== "number") {
      return invalidParam(`Param ${at}[payload] is required`);
    }
    if (String(reply.payload).length > 1000) {
      return invalidParam(`Length of param ${at}[payload] must be less than or equal to 1000`);
    }
  }
  return undefined;
}
