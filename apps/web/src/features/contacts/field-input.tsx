import { FIELD_TYPE_LABELS, type FieldType } from "@waymark/domain";
import { useId } from "react";

interface FieldInputProps {
  name: string;
  type: FieldType;
  value: string;
  error?: string;
  onChange(value: string): void;
}

/** An input suited to a data field's type; values are edited as text and checked by the server. */
export function FieldInput({ name, type, value, error, onChange }: FieldInputProps) {
  const id = useId();
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>
        {name} <span className="muted">({FIELD_TYPE_LABELS[type]})</span>
      </label>
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
