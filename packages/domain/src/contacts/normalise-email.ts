/** Longest email address accepted (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;

/** The outcome of normalising an email address. */
export type EmailResult = { ok: true; email: string } | { ok: false; message: string };

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Trims and lower-cases an email address (the contact key, case-insensitive) after a
 * pragmatic RFC 5322-style check: dot-atom local part, a dotted ASCII domain, no quoted strings.
 * @example normaliseEmail("  Ana@Example.COM ") // { ok: true, email: "ana@example.com" }
 */
export function normaliseEmail(raw: string): EmailResult {
  const email = raw.trim().toLowerCase();
  if (email === "") return { ok: false, message: "Enter an email address" };
  if (email.length > EMAIL_MAX_LENGTH) {
    return { ok: false, message: `An email address can be at most ${EMAIL_MAX_LENGTH} characters` };
  }
  const at = email.lastIndexOf("@");
  if (at < 0) return { ok: false, message: `'${raw.trim()}' is not an email address: it has no @` };
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === "") return { ok: false, message: "An email address needs a name before the @" };
  if (local.length > 64) {
    return { ok: false, message: "The part before the @ can be at most 64 characters" };
  }
  if (!LOCAL_PART.test(local)) {
    return {
      ok: false,
      message: `'${raw.trim()}' is not an email address: check the part before the @ for spaces, extra @ or dots`,
    };
  }
  const labels = domain.split(".");
  const tld = labels[labels.length - 1] ?? "";
  if (
    labels.length < 2 ||
    !labels.every((label) => DOMAIN_LABEL.test(label)) ||
    !/^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)
  ) {
    return {
      ok: false,
      message: `'${raw.trim()}' is not an email address: the domain after the @ should look like example.com`,
    };
  }
  return { ok: true, email };
}
