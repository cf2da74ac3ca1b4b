/** Query parameters whose values are secrets and must never reach a log. */
export const SECRET_QUERY_PARAMETERS = [
  "access_token",
  "appsecret_proof",
  "client_secret",
  "code",
  "fb_exchange_token",
  "input_token",
] as const;

const REDACTED = "REDACTED";
const SECRET_PATTERN = new RegExp(`([?&](?:${SECRET_QUERY_PARAMETERS.join("|")})=)[^&#]*`, "gi");

/** A copy of the URL that is safe to log: every secret query parameter's value is replaced. */
export function redactUrl(url: string | URL): string {
  const text = String(url);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return text.replace(SECRET_PATTERN, `$1${REDACTED}`);
  }
  const secrets = new Set<string>(SECRET_QUERY_PARAMETERS);
  for (const key of new Set(parsed.searchParams.keys())) {
    if (secrets.has(key.toLowerCase())) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}
