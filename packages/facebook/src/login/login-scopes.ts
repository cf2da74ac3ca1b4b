/** Permissions Waymark asks for at Facebook Login (MESSENGER.md §5.1). */
export const LOGIN_SCOPES = [
  "pages_show_list",
  "pages_messaging",
  "pages_manage_metadata",
] as const;
