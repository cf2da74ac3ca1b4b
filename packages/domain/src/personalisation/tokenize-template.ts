/** A piece of a message template: literal text or a `@FIELDNAME@` placeholder. */
export type TemplateToken =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "placeholder"; readonly name: string };

// A field name (SPEC §3) closed by "@"; sticky so it matches only right after the opening "@".
const PLACEHOLDER_BODY = /([A-Z][A-Z0-9_]{0,19})@/y;

/**
 * Splits a message template into text and placeholders. `@@` is a literal `@`; `@NAME@` is a
 * placeholder only when NAME has the shape of a field name; any other `@` (e.g. in
 * "a@b.com") stays literal text.
 * @example tokenizeTemplate("Hi @FIRSTNAME@!") // text "Hi ", placeholder FIRSTNAME, text "!"
 */
export function tokenizeTemplate(template: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let text = "";
  let i = 0;
  while (i < template.length) {
    const at = template.indexOf("@", i);
    if (at < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, at);
    if (template.charCodeAt(at + 1) === 64) {
      text += "@";
      i = at + 2;
      continue;
    }
    PLACEHOLDER_BODY.lastIndex = at + 1;
    const match = PLACEHOLDER_BODY.exec(template);
    if (match?.[1] === undefined) {
      text += "@";
      i = at + 1;
      continue;
    }
    if (text !== "") tokens.push({ kind: "text", text });
    text = "";
    tokens.push({ kind: "placeholder", name: match[1] });
    i = PLACEHOLDER_BODY.lastIndex;
  }
  if (text !== "") tokens.push({ kind: "text", text });
  return tokens;
}
