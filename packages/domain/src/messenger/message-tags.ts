import type { MessageTag, TagRule } from "./message-tag";

const RETIREMENT = "4 March 2020";

const standard = (
  id: string,
  label: string,
  messagingType: "RESPONSE" | "UPDATE",
  description: string,
): MessageTag => {
  const rule: TagRule = { status: "allowed", messagingType, tag: null };
  return {
    id,
    label,
    description,
    category: "standard",
    requiresPageApproval: false,
    rules: { "2018": rule, "2020": rule },
  };
};

const subscription = (
  label: string,
  description: string,
  rule2020: TagRule,
  requiresPageApproval = false,
): MessageTag => ({
  id: label.toLowerCase(),
  label,
  description,
  category: "subscription",
  requiresPageApproval,
  rules: {
    "2018": { status: "allowed", messagingType: "MESSAGE_TAG", tag: label.toUpperCase() },
    "2020": rule2020,
  },
});

const mapped = (tag: string, covers: string): TagRule => ({
  status: "mapped",
  messagingType: "MESSAGE_TAG",
  tag,
  explanation: `Since ${RETIREMENT} Facebook accepts this only as ${tag}, which covers ${covers}; Waymark sends it as ${tag}.`,
});

const retired = (reason: string): TagRule => ({
  status: "retired",
  explanation: `Facebook retired this tag on ${RETIREMENT}: ${reason} Use Response or Update within 24 hours of the contact's last message instead.`,
});

const POST_PURCHASE = "updates about a purchase: order, shipping, reservation and payment";
const CONFIRMED_EVENT = "reminders and changes for an event or booking the contact confirmed";
const ACCOUNT = "non-recurring changes to the contact's account or application";

/**
 * The tags of the Messenger node's picker, in the seed's order, as versioned policy data
 * (SPEC §7.2): 2018 sends each as itself; 2020 maps the survivors and retires the rest.
 */
export const MESSAGE_TAGS: readonly MessageTag[] = [
  standard(
    "response",
    "Response",
    "RESPONSE",
    "Standard message, promotional content allowed: a reply sent within 24 hours of the contact opting in or writing to your page.",
  ),
  standard(
    "update",
    "Update",
    "UPDATE",
    "Standard message, promotional content allowed: news or an offer you start yourself, within 24 hours of the contact opting in or writing to your page.",
  ),
  subscription(
    "Shipping_update",
    "Shipping status of something the contact bought: shipped, in transit, delivered or delayed.",
    mapped("POST_PURCHASE_UPDATE", POST_PURCHASE),
  ),
  subscription(
    "Reservation_update",
    "A change to a reservation the contact made (travel, hotel, restaurant): itinerary, location or cancellation.",
    mapped("POST_PURCHASE_UPDATE", POST_PURCHASE),
  ),
  subscription(
    "Issue_resolution",
    "Follow-up on a customer service issue the contact raised in Messenger.",
    mapped("ACCOUNT_UPDATE", ACCOUNT),
  ),
  subscription(
    "Appointment_update",
    "A change to an appointment the contact booked: time, location or cancellation.",
    mapped("CONFIRMED_EVENT_UPDATE", CONFIRMED_EVENT),
  ),
  subscription(
    "Game_event",
    "Progress in a game the contact plays: a reward is ready, a turn is due, a tournament starts.",
    retired("game notifications outside the 24-hour window are no longer allowed."),
  ),
  subscription(
    "Transportation_update",
    "A change to a trip the contact booked: delay, cancellation, gate or platform change, check-in.",
    mapped("CONFIRMED_EVENT_UPDATE", CONFIRMED_EVENT),
  ),
  subscription(
    "Feature_functionality_update",
    "A new feature of a product or service the contact already uses.",
    retired("feature announcements count as promotional and may only go out inside the window."),
  ),
  subscription(
    "Ticket_update",
    "A change to an event the contact holds a ticket for: time, venue or cancellation.",
    mapped("CONFIRMED_EVENT_UPDATE", CONFIRMED_EVENT),
  ),
  subscription(
    "Account_update",
    "A non-recurring change to the contact's account: settings, status or a security alert.",
    { status: "allowed", messagingType: "MESSAGE_TAG", tag: "ACCOUNT_UPDATE" },
  ),
  subscription(
    "Payment_update",
    "Payment status for the contact: a bill, a receipt, a confirmation or a failed payment.",
    mapped("POST_PURCHASE_UPDATE", POST_PURCHASE),
  ),
  subscription(
    "Personal_finance_update",
    "Confirmation of the contact's own financial activity, such as a bill payment or a transfer.",
    mapped("ACCOUNT_UPDATE", ACCOUNT),
  ),
  subscription(
    "Pairing_update",
    "Pairing of a device or service the contact asked to link with Messenger.",
    retired("device and service pairing messages are no longer a tagged use case."),
  ),
  subscription(
    "Application_update",
    "Status of an application the contact submitted: received, reviewed, approved or rejected.",
    mapped("ACCOUNT_UPDATE", ACCOUNT),
  ),
  subscription(
    "Confirmed_event_reminder",
    "A reminder of an event the contact registered for, such as a class, a webinar or a concert.",
    mapped("CONFIRMED_EVENT_UPDATE", CONFIRMED_EVENT),
  ),
  subscription(
    "Community_alert",
    "Safety or emergency alerts for the contact's community: severe weather, missing persons.",
    retired("community alerts are no longer a tagged use case."),
  ),
  subscription(
    "Non_promotional_subscription",
    "Regular non-promotional content such as news or reports. Your page must first be approved by Facebook (Page Settings > Messenger Platform); a refusal from Facebook is recorded as the reason.",
    retired(
      "subscription messaging is now limited to news publishers in Facebook's News Page Index.",
    ),
    true,
  ),
  subscription(
    "Business_productivity",
    "Non-promotional messages from a work productivity tool the contact uses: tasks, calendars, reminders.",
    retired("productivity messages are no longer a tagged use case."),
  ),
  subscription(
    "Personal_productivity",
    "Non-promotional messages from a personal productivity tool the contact uses: reminders, to-dos, trackers.",
    retired("productivity messages are no longer a tagged use case."),
  ),
];
