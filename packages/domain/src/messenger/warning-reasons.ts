/**
 * Reasons recorded when a Messenger node does not send (usage statistics group by them),
 * so every producer and reader uses the same words.
 */
export const WARNING_REASONS = {
  notOptedIn: "contact has not opted in",
  outsideWindow: "outside the 24-hour window",
  emptyMessage: "message is empty after personalisation",
  tooLong: "message is longer than 2,000 characters after personalisation",
  profileDisabled: "profile is disabled",
  profileMissing: "profile no longer exists",
  noProfile: "no profile chosen",
  tagRetired: "tag is retired under the profile's policy",
  tagUnknown: "tag is not a Messenger tag",
  blocked: "contact is not receiving messages from the page",
  programDeleted: "program was deleted before the message was sent",
  /** A send whose answer was lost, not in Facebook's conversation with the person long after. */
  neverReachedFacebook: "never reached Facebook",
} as const;

/** One of the recorded reasons for not sending. */
export type WarningReason = (typeof WARNING_REASONS)[keyof typeof WARNING_REASONS];
