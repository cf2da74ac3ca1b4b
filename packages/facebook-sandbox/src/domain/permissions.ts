/** Login permissions the sandbox knows; anything else is an invalid scope, as on Facebook. */
export const KNOWN_SCOPES = [
  "public_profile",
  "email",
  "pages_show_list",
  "pages_messaging",
  "pages_manage_metadata",
  "pages_read_engagement",
  "pages_messaging_subscriptions",
  "business_management",
] as const;

/** Human descriptions shown on the Login dialog. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  public_profile: "Your name and profile picture",
  email: "Your email address",
  pages_show_list: "Show a list of the Pages you manage",
  pages_messaging: "Manage and access Page conversations in Messenger",
  pages_manage_metadata: "Manage accounts, settings and webhooks for a Page",
  pages_read_engagement: "Read content posted on the Page",
  pages_messaging_subscriptions: "Send subscription messages from your Pages",
  business_management: "Manage your business",
};

/** Splits a `scope` parameter (comma- or space-separated) into distinct permission names. */
export function parseScopes(scope: string | undefined): string[] {
  const names = (scope ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(names)];
}
