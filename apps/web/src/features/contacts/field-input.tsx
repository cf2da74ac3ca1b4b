import { FIELD_TYPE_LABELS, type FieldType, fieldLabel } from "@waymark/domain";
import { useId } from "react";

interface FieldInputProps {
  name: string;
  type: FieldType;
  value: string;
  error?: string;
  onChange(value: string): void;
}

/**
 * An input suited to a data field's type, labelled as errors name it ("Loyalty points") with the
 * field's name and type as its hint; values are edited as text and checked by the server.
 */
export function FieldInput({ name, type, value, error, onChange }: FieldInputProps) {
  const id = useId();
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-hint ${id}-error` : `${id}-hint`,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{fieldLabel(name)}</label>
      {type === "boolean" ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">No value</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      ) : (
        <input
          {...common}
          type={type === "date" ? "date" : "text"}
          inputMode={type === "number" ? "decimal" : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <p id={`${id}-hint`} className="hint">
        <code>{name}</code> · {FIELD_TYPE_LABELS[type]}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A stored value as the text an input edits. */
export function toInputText(type: FieldType, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (type === "boolean") return value ? "yes" : "no";
  return String(value);
}
