import { useQuery } from "@tanstack/react-query";
import {
  extractPlaceholders,
  type FieldValues,
  formatFieldValue,
  renderMessage,
  toFieldValue,
} from "@waymark/domain";
import { useEffect, useId, useState } from "react";
import { api, unwrap } from "../../../lib/api-client";
import { ContactLabel, contactLabelText } from "../../contacts/contact-label";
import { EditDefaultButton } from "../../contacts/edit-default-button";
import type { EditorField } from "../editor-context";

interface PreviewContact {
  id: string;
  email: string | null;
  values: FieldValues;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The message as a chosen contact would receive it, personalised like the engine does. */
export function MessagePreview({ text, fields }: { text: string; fields: readonly EditorField[] }) {
  const id = useId();
  const [search, setSearch] = useState("");
  const [contact, setContact] = useState<PreviewContact | null>(null);
  const term = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ["program-editor", "preview-contacts", term],
    queryFn: () => unwrap(api.contacts.$get({ query: { search: term, limit: "5" } })),
    enabled: term !== "",
  });
  const rendered = renderMessage(text, contact?.values ?? {}, fields);
  const empty = contact ? emptyFields(text, contact.values, fields) : [];
  return (
    <section className="message-preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Preview</h3>
      <div className="field">
        <label htmlFor={`${id}-search`}>Preview for contact</label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder="Search by email or name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {term !== "" && found.data && (
        <ul className="contact-results" aria-label="Matching contacts">
          {found.data.contacts.length === 0 && <li className="muted">No matching contacts</li>}
          {found.data.contacts.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="button small"
                aria-pressed={contact?.id === c.id}
                onClick={() => {
                  setContact({ id: c.id, email: c.email, values: c.values });
                  setSearch("");
                }}
              >
                <ContactLabel contact={c} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {found.error && <p className="field-error">{found.error.message}</p>}
      <p className="hint">
        {contact
          ? `As ${contactLabelText(contact)} receives it:`
          : "For a contact with no data (defaults apply):"}
      </p>
      <output className="preview-bubble" aria-live="polite" aria-label="Message preview">
        {rendered.text.trim() === "" ? (
          <span className="muted">Empty: this message would not be sent.</span>
        ) : (
          rendered.text
        )}
      </output>
      {contact && empty.length > 0 && (
        <div className="preview-warning" role="status" aria-label="Empty fields for this contact">
          <p>
            {contactLabelText(contact)} has no value in {empty.map((f) => f.name).join(", ")}, and{" "}
            {empty.length === 1 ? "the field has" : "these fields have"} no default: that part of
            the message is left empty. Set a default, or fill in the contact's data.
          </p>
          {empty.map((field) => (
            <EditDefaultButton
              key={field.name}
              field={{ id: field.id, name: field.name, type: field.type, defaultDisplay: null }}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/** The fields the text uses that this contact has no value in and that have no default. */
function emptyFields(
  text: string,
  values: FieldValues,
  fields: readonly EditorField[],
): EditorField[] {
  return extractPlaceholders(text).flatMap((name) => {
    const field = fields.find((f) => f.name === name);
    if (!field) return [];
    const own = Object.hasOwn(values, name) ? values[name] : undefined;
    const value = toFieldValue(field.type, own) ?? toFieldValue(field.type, field.defaultValue);
    return formatFieldValue(field.type, value) === "" ? [field] : [];
  });
}
