/** The words that mark a contact without email, who came from a Messenger opt-in (issue 18). */
export const MESSENGER_SUBSCRIBER = "Messenger subscriber";

/** A contact's name for tables: FULLNAME, else FIRSTNAME LASTNAME, else empty. */
export function contactName(values: Readonly<Record<string, unknown>>): string {
  if (typeof values.FULLNAME === "string" && values.FULLNAME) return values.FULLNAME;
  return [values.FIRSTNAME, values.LASTNAME].filter((v) => typeof v === "string" && v).join(" ");
}

/**
 * How a contact is named where its email would be: the email; for a Messenger subscriber
 * (no email) its name, or its PSID (an FBOPTIN_XXX value) until Facebook told the name.
 * @example contactLabel({ email: null, values: { FBOPTIN_7KQ2: "1254" } })
 *   // { text: "1254", subscriber: true }
 */
export function contactLabel(contact: {
  email: string | null;
  values: Readonly<Record<string, unknown>>;
}): { text: string; subscriber: boolean } {
  if (contact.email !== null) return { text: contact.email, subscriber: false };
  const name = contactName(contact.values);
  if (name) return { text: name, subscriber: true };
  const psid = Object.entries(contact.values).find(
    ([field, value]) => field.startsWith("FBOPTIN_") && typeof value === "string" && value,
  );
  return { text: psid ? String(psid[1]) : "", subscriber: true };
}
