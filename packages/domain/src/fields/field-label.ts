import { isSystemFieldName } from "./system-field-name";

/** The default fields' names are single words; their labels are not. */
const KNOWN_LABELS: Readonly<Record<string, string>> = {
  EMAIL: "Email",
  FIRSTNAME: "First name",
  LASTNAME: "Last name",
  FULLNAME: "Full name",
};

/**
 * How a data field is named in sentences and form labels: its words in sentence case.
 * System fields (FBOPTIN_XXX) keep their name, which is what users paste into their code.
 * @example fieldLabel("LOYALTY_POINTS") // "Loyalty points"
 */
export function fieldLabel(name: string): string {
  const known = KNOWN_LABELS[name];
  if (known) return known;
  if (isSystemFieldName(name)) return name;
  const words = name.toLowerCase().split("_").filter(Boolean).join(" ");
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}
