/** Permissions Waymark asks for at Facebook Login (MESSENGER.md §5.1; §9 reads conversations). */
export const LOGIN_SCOPES = [
  "pages_show_list",
  "pages_messaging",
  "pages_manage_metadata",
  "pages_read_engagement",
] as const;
