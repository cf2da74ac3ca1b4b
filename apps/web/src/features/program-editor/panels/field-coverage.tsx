import { extractPlaceholders, formatFieldValue, formatShare } from "@waymark/domain";
import { EditDefaultButton } from "../../contacts/edit-default-button";
import type { EditorField } from "../editor-context";
import type { ProgramLints } from "./use-program-lints";

/**
 * Under the message: for each field it uses, how many contacts of the start list would get it
 * empty (no value, no default), with the field's default to set right there (an account
 * setting, so it can be set on an active program too).
 */
export function FieldCoverage({
  text,
  fields,
  lints,
}: {
  text: string;
  fields: readonly EditorField[];
  lints: { data?: ProgramLints; isPending: boolean; error: Error | null };
}) {
  const used = extractPlaceholders(text)
    .map((name) => fields.find((f) => f.name === name))
    .filter((f): f is EditorField => f !== undefined && !f.system);
  if (used.length === 0) return null;
  const coverage = lints.data?.coverage;
  const who = coverage?.scope === "account" ? "your contacts" : "the start list";
  return (
    <section className="field-coverage" aria-label="Personalisation coverage">
      <h3>Personalisation</h3>
      {lints.error && (
        <p className="field-error">Could not count the contacts: {lints.error.message}</p>
      )}
      {!coverage && lints.isPending && <p className="muted">Counting the contacts…</p>}
      <ul>
        {used.map((field) => {
          const facts = coverage?.fields[field.name];
          const shown = formatFieldValue(field.type, field.defaultValue);
          let line = "";
          if (coverage && facts) {
            line =
              coverage.contacts === 0
                ? `No contacts in ${who} yet.`
                : facts.empty === 0
                  ? `Every contact in ${who} gets a value.`
                  : `${facts.empty.toLocaleString("en-US")} of ${coverage.contacts.toLocaleString("en-US")} contacts in ${who} (${formatShare(facts.empty, coverage.contacts)}) would get an empty value.`;
          }
          return (
            <li key={field.name}>
              <strong>@{field.name}@</strong>{" "}
              <span className={facts && facts.empty > 0 ? "warning-text" : undefined}>{line}</span>{" "}
              <span className="muted">{shown === "" ? "No default." : `Default: ${shown}.`}</span>
              <EditDefaultButton
                field={{
                  id: field.id,
                  name: field.name,
                  type: field.type,
                  defaultDisplay: shown === "" ? null : shown,
                }}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
