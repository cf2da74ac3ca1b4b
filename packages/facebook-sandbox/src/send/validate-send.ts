import {
  isMessagingTypeAllowed,
  isTagAllowed,
  type PolicyVersion,
  TAGS_2018,
  TAGS_2020,
} from "../domain/policy";
import { GraphError, invalidParam } from "../graph/graph-error";
import { type GraphParams, objectParam } from "../graph/read-params";
import {
  NOTIFICATION_TYPES,
  RECIPIENT_FIELDS,
  SENDER_ACTIONS,
  type SendRecipient,
  type SendRequest,
} from "./send-request";
import { validateMessage } from "./validate-message";

const oneOf = (values: readonly string[]) => `{${values.join(", ")}}`;

/** Checks a Send API body's structure in Graph's order; the first broken rule answers. */
export function validateSend(params: GraphParams, policy: PolicyVersion): SendRequest | GraphError {
  const recipient = readRecipient(params);
  if (recipient instanceof GraphError) return recipient;
  const request: SendRequest = { recipient };

  const senderAction = params.sender_action;
  const hasMessage = params.message !== undefined;
  if (hasMessage && senderAction !== undefined) {
    return invalidParam("Cannot send both message and state");
  }
  if (!hasMessage && senderAction === undefined) {
    return invalidParam("Must send either message or state");
  }

  const messagingType = params.messaging_type;
  const needsType = hasMessage && (recipient.kind === "id" || recipient.kind === "user_ref");
  if (messagingType === undefined) {
    if (needsType) return invalidParam("The parameter messaging_type is required");
  } else if (typeof messagingType !== "string" || !isMessagingTypeAllowed(policy, messagingType)) {
    const allowed = ["RESPONSE", "UPDATE", "MESSAGE_TAG"];
    if (policy === "2018") allowed.push("NON_PROMOTIONAL_SUBSCRIPTION");
    return invalidParam(`Param messaging_type must be one of ${oneOf(allowed)}`);
  } else {
    request.messagingType = messagingType;
  }

  const tag = params.tag;
  if (request.messagingType === "MESSAGE_TAG" && tag === undefined) {
    return invalidParam("The parameter tag is required when messaging_type is MESSAGE_TAG");
  }
  if (tag !== undefined) {
    if (request.messagingType !== "MESSAGE_TAG") {
      return invalidParam("Param tag can only be used when messaging_type is MESSAGE_TAG");
    }
    if (typeof tag !== "string" || !isTagAllowed(policy, tag)) {
      return invalidParam(
        `Param tag must be one of ${oneOf(policy === "2018" ? TAGS_2018 : TAGS_2020)}`,
      );
    }
    request.tag = tag;
  }

  if (hasMessage) {
    const message = validateMessage(params);
    if (message instanceof GraphError) return message;
    request.message = message;
  } else {
    if (typeof senderAction !== "string" || !SENDER_ACTIONS.includes(senderAction)) {
      return invalidParam(`Param sender_action must be one of ${oneOf(SENDER_ACTIONS)}`);
    }
    request.senderAction = senderAction;
  }

  const notificationType = params.notification_type;
  if (notificationType !== undefined) {
    if (typeof notificationType !== "string" || !NOTIFICATION_TYPES.includes(notificationType)) {
      return invalidParam(`Param notification_type must be one of ${oneOf(NOTIFICATION_TYPES)}`);
    }
    request.notificationType = notificationType;
  }
  return request;
}

function readRecipient(params: GraphParams): SendRecipient | GraphError {
  const recipient = objectParam(params, "recipient");
  if (recipient === undefined) return invalidParam("The parameter recipient is required");
  if (recipient === "invalid") return invalidParam("Param recipient must be a JSON object");
  const known: readonly string[] = RECIPIENT_FIELDS;
  const unknown = Object.keys(recipient).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    return invalidParam(`Param recipient[${unknown}] is not a valid recipient field`);
  }
  const present = RECIPIENT_FIELDS.filter((k) => recipient[k] !== undefined);
  if (present.length !== 1) {
    return invalidParam(
      present.length === 0
        ? `Param recipient must contain one of ${oneOf(RECIPIENT_FIELDS)}`
        : `Param recipient must contain only one of ${oneOf(present)}`,
    );
  }
  const field = present[0] ?? "id";
  const raw = recipient[field];
  const value = typeof raw === "number" ? String(raw) : raw;
  if (typeof value !== "string" || value === "") {
    return invalidParam(`Param recipient[${field}] must be a non-empty string`);
  }
  if (field === "id") return { kind: "id", id: value };
  if (field === "user_ref") return { kind: "user_ref", userRef: value };
  return { kind: "other", field, value };
}
