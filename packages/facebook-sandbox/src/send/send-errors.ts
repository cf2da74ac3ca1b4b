import { coded, invalidParam } from "../graph/graph-error";

/** Errors the Send API answers about the recipient and the policy (MESSENGER.md §1.4, §8). */
export const sendErrors = {
  noMatchingUser: () => invalidParam("No matching user found", 2018001),
  unavailable: () =>
    coded(551, "This person isn't available right now.", { error_subcode: 1545041 }),
  outsideWindow: () =>
    coded(
      10,
      "This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
      { error_subcode: 2018278 },
    ),
  outsideWindowLegacy: () =>
    coded(
      10,
      "This message is sent outside of allowed window. You need page_messaging_subscriptions permission to be able to do it.",
      { error_subcode: 2018065 },
    ),
  subscriptionNotApproved: () =>
    coded(
      200,
      "This Page is not approved for subscription messaging: NON_PROMOTIONAL_SUBSCRIPTION requires the pages_messaging_subscriptions permission.",
    ),
  phoneNumberNotAllowed: () =>
    coded(200, "The app does not have permission to send messages to phone numbers.", {
      error_subcode: 2018021,
    }),
  invalidRecipient: (field: string) => invalidParam(`Invalid ${field}`),
  tagForUserRef: () =>
    invalidParam("Message tags cannot be used to send the first message to a user_ref"),
};
