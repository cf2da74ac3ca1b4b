import type { FieldDefinition } from "../../fields/field-definition";
import { formatFieldValue } from "../../fields/format-field-value";
import { MESSAGE_TEXT_MAX_LENGTH } from "../../messenger/message-text-limit";
import { findPromotionalPhrases } from "../../messenger/promotional-phrases";
import { resolveMessageTag } from "../../messenger/resolve-message-tag";
import { tokenizeTemplate } from "../../personalisation/tokenize-template";
import { countCodePoints } from "../../text/count-code-points";
import { formatCount } from "../../text/format-count";
import type { MessengerNode } from "../nodes/messenger-node";
import { parseProgramDocument } from "../parse-program-document";
import { type IndexedContext, indexContext, type ValidationContext } from "./validation-context";

/** Kinds of warning: worth a look before activating, but never blocking it. */
export const PROGRAM_WARNING_CODES = [
  "messenger_tag_promotional",
  "messenger_field_empty_for_contacts",
  "messenger_text_may_be_too_long",
] as const;

/** A kind of program warning. */
export type ProgramWarningCode = (typeof PROGRAM_WARNING_CODES)[number];

/** A warning on a node: the message says what happens and how to fix it. */
export interface ProgramWarning {
  readonly code: ProgramWarningCode;
  readonly message: string;
  readonly nodeId: string;
  /** The data field the warning is about, for a fix from the editor. */
  readonly field?: string;
}

/**
 * What the contacts a program will reach hold, per data field used in its messages: how many
 * have no value (and the field no default), and the longest value in characters.
 */
export interface PersonalisationCoverage {
  /** Whose values were counted: the Start node's list, or every contact of the account. */
  readonly scope: "start_list" | "account";
  readonly contacts: number;
  readonly fields: Readonly<Record<string, { readonly empty: number; readonly longest: number }>>;
}

/**
 * Lints a program's Messenger nodes (issue 16): a tagged message that reads as a promotion
 * under the 2020 policy and, with `coverage` from the contacts, fields empty for some of them
 * and texts over 2,000 characters with the longest values. Never throws; [] for a bad document.
 */
export function lintProgram(
  document: unknown,
  context: ValidationContext,
  coverage?: PersonalisationCoverage,
): ProgramWarning[] {
  const parsed = parseProgramDocument(document);
  if (!parsed.ok) return [];
  const indexed = indexContext(context);
  const warnings: ProgramWarning[] = [];
  for (const node of parsed.document.nodes) {
    if (node.type !== "messenger") continue;
    warnings.push(...lintTagContent(node, indexed));
    if (coverage) warnings.push(...lintCoverage(node, indexed, coverage));
  }
  return warnings;
}

function lintTagContent(node: MessengerNode, context: IndexedContext): ProgramWarning[] {
  const { profileId, tagId, text } = node.data;
  const profile = profileId === null ? undefined : context.profiles.get(profileId);
  if (profile?.policy !== "2020") return [];
  const resolved = resolveMessageTag(tagId, "2020");
  if (!resolved.ok || resolved.messagingType !== "MESSAGE_TAG") return [];
  const phrases = findPromotionalPhrases(text);
  if (phrases.length === 0) return [];
  const quoted = phrases.map((p) => `"${p}"`).join(", ");
  return [
    {
      code: "messenger_tag_promotional",
      nodeId: node.id,
      message: `This message reads as a promotion (${quoted}) but is sent with the ${resolved.tag.label.replaceAll("_", " ")} tag; Facebook forbids promotions in tagged messages. Remove those words, or use Update and send within 24 hours of the contact's last message.`,
    },
  ];
}

function lintCoverage(
  node: MessengerNode,
  context: IndexedContext,
  coverage: PersonalisationCoverage,
): ProgramWarning[] {
  const warnings: ProgramWarning[] = [];
  const who = coverage.scope === "start_list" ? "the start list" : "your contacts";
  const tokens = tokenizeTemplate(node.data.text);
  let longest = 0;
  const named = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "text") {
      longest += countCodePoints(token.text);
      continue;
    }
    const field = context.fields.get(token.name);
    const facts = coverage.fields[token.name];
    if (!field || !facts) continue;
    longest += Math.max(facts.longest, defaultLength(field));
    if (named.has(token.name) || facts.empty === 0 || coverage.contacts === 0) continue;
    named.add(token.name);
    warnings.push({
      code: "messenger_field_empty_for_contacts",
      nodeId: node.id,
      field: token.name,
      message: `@${token.name}@ is empty for ${formatCount(facts.empty)} of ${formatCount(coverage.contacts)} contacts in ${who} (${formatShare(facts.empty, coverage.contacts)}): they would get the message without it. Set a default for ${token.name}, or fill it in for those contacts.`,
    });
  }
  const raw = countCodePoints(node.data.text);
  if (raw <= MESSAGE_TEXT_MAX_LENGTH && longest > MESSAGE_TEXT_MAX_LENGTH) {
    warnings.push({
      code: "messenger_text_may_be_too_long",
      nodeId: node.id,
      message: `With the longest values in ${who}, this message is ${formatCount(longest)} characters; Messenger allows ${formatCount(MESSAGE_TEXT_MAX_LENGTH)}, so those contacts would not get it. Shorten the text.`,
    });
  }
  return warnings;
}

function defaultLength(field: FieldDefinition): number {
  return countCodePoints(formatFieldValue(field.type, field.defaultValue));
}

/** "30%", or "0.1%" / "99.9%" rather than a rounded 0% or 100% that would hide a few. */
export function formatShare(part: number, whole: number): string {
  const share = (part / whole) * 100;
  const rounded = Math.round(share);
  if (rounded === 0 && part > 0) return `${Math.max(0.1, Math.round(share * 10) / 10)}%`;
  if (rounded === 100 && part < whole) return `${Math.min(99.9, Math.floor(share * 10) / 10)}%`;
  return `${rounded}%`;
}
