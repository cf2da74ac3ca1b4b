import type { FieldDefinition } from "../fields/field-definition";
import type { FieldValues } from "../fields/field-value";
import { formatFieldValue } from "../fields/format-field-value";
import { toFieldValue } from "../fields/to-field-value";
import { countCodePoints } from "../text/count-code-points";
import { type TemplateToken, tokenizeTemplate } from "./tokenize-template";

/** A personalised message and its length in characters (code points). */
export interface RenderedMessage {
  readonly text: string;
  readonly length: number;
}

const fieldIndexes = new WeakMap<readonly FieldDefinition[], Map<string, FieldDefinition>>();
const templateCache = new Map<string, TemplateToken[]>();
const TEMPLATE_CACHE_SIZE = 256;

/**
 * Personalises a template (SPEC §7.3): `@FIELD@` becomes the contact's value, else the field's
 * default, else nothing; unknown fields render as nothing; values render as text. Never throws.
 * @example renderMessage("Hi @FIRSTNAME@", { FIRSTNAME: "Ana" }, fields) // { text: "Hi Ana", length: 6 }
 */
export function renderMessage(
  template: string,
  values: FieldValues,
  fields: readonly FieldDefinition[],
): RenderedMessage {
  const byName = indexFields(fields);
  let text = "";
  for (const token of tokens(template)) {
    if (token.kind === "text") {
      text += token.text;
      continue;
    }
    const field = byName.get(token.name);
    if (!field) continue;
    const own = Object.hasOwn(values, token.name) ? values[token.name] : undefined;
    const value = toFieldValue(field.type, own) ?? toFieldValue(field.type, field.defaultValue);
    text += formatFieldValue(field.type, value);
  }
  return { text, length: countCodePoints(text) };
}

function indexFields(fields: readonly FieldDefinition[]): Map<string, FieldDefinition> {
  let index = fieldIndexes.get(fields);
  if (!index) {
    index = new Map(fields.map((field) => [field.name, field]));
    fieldIndexes.set(fields, index);
  }
  return index;
}

// The engine renders the same few templates for many contacts; tokenise each once.
function tokens(template: string): TemplateToken[] {
  let cached = templateCache.get(template);
  if (!cached) {
    if (templateCache.size >= TEMPLATE_CACHE_SIZE) templateCache.clear();
    cached = tokenizeTemplate(template);
    templateCache.set(template, cached);
  }
  return cached;
}
