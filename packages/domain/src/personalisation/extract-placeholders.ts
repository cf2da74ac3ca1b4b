import { tokenizeTemplate } from "./tokenize-template";

/** The distinct field names used as `@FIELDNAME@` placeholders, in order of first use. */
export function extractPlaceholders(template: string): string[] {
  const names = new Set<string>();
  for (const token of tokenizeTemplate(template)) {
    if (token.kind === "placeholder") names.add(token.name);
  }
  return [...names];
}
