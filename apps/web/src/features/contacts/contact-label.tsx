import { contactLabel, MESSENGER_SUBSCRIBER } from "@waymark/domain";

/** A contact with its values, or a row that carries its name already (the server's lists). */
type LabelledContact =
  | { email: string | null; values: Readonly<Record<string, unknown>> }
  | { email: string | null; name: string };

function labelOf(contact: LabelledContact) {
  if ("values" in contact) return contactLabel(contact);
  return contact.email === null
    ? { text: contact.name, subscriber: true }
    : { text: contact.email, subscriber: false };
}

/**
 * A contact where its email would show: the email, or for a Messenger subscriber (no email)
 * its name, or PSID until Facebook told the name, followed by the words "Messenger subscriber".
 */
export function ContactLabel(props: { contact: LabelledContact }) {
  const label = labelOf(props.contact);
  if (!label.subscriber) return <>{label.text}</>;
  return (
    <>
      {label.text ? `${label.text} · ` : ""}
      <span className="muted">{MESSENGER_SUBSCRIBER}</span>
    </>
  );
}

/** The same as plain text, for titles and accessible names. */
export function contactLabelText(contact: LabelledContact): string {
  const label = labelOf(contact);
  if (!label.subscriber) return label.text;
  return label.text ? `${label.text} (${MESSENGER_SUBSCRIBER})` : MESSENGER_SUBSCRIBER;
}
