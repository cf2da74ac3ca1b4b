import { FIELD_TYPE_LABELS, type FieldType, parseFieldValue } from "@waymark/domain";
import { useId } from "react";

type RuleValue = string | number | boolean;

interface TypedValueInputProps {
  label: string;
  fieldType: FieldType | undefined;
  value: RuleValue;
  hint?: string;
  /** Offer "no value" (Update contact clears the field with it). */
  allowEmpty?: boolean;
  onChange(value: RuleValue): void;
}

/** The text an input shows for a stored value. */
export function valueText(value: RuleValue): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/**
 * An input suited to the field's type that stores the typed value (a number, a date string,
 * true/false) once it parses, and the raw text otherwise, so validation can name the problem.
 */
export function TypedValueInput(props: TypedValueInputProps) {
  const { label, fieldType, value, hint, allowEmpty, onChange } = props;
  const id = useId();
  const store = (raw: string) => {
    if (fieldType === undefined || fieldType === "text" || raw.trim() === "") return onChange(raw);
    const parsed = parseFieldValue(fieldType, raw);
    onChange(parsed.ok ? parsed.value : raw);
  };
  const typeNote = fieldType ? ` (${FIELD_TYPE_LABELS[fieldType]})` : "";
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        <span className="muted">{typeNote}</span>
      </label>
      {fieldType === "boolean" ? (
        <select
          id={id}
          value={value === "" ? "" : valueText(value)}
          onChange={(e) => store(e.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        >
          <option value="" disabled={!allowEmpty}>
            {allowEmpty ? "No value (clear it)" : "Choose…"}
          </option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      ) : (
        <input
          id={id}
          type={fieldType === "date" ? "date" : "text"}
          inputMode={fieldType === "number" ? "decimal" : undefined}
          value={valueText(value)}
          onChange={(e) => store(e.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
