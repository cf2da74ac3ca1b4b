import { countCodePoints, MESSAGE_TEXT_MAX_LENGTH } from "@waymark/domain";
import { useId, useRef } from "react";
import type { EditorField } from "../editor-context";

const count = new Intl.NumberFormat("en-US");

interface MessageEditorProps {
  text: string;
  fields: readonly EditorField[];
  onChange(text: string): void;
}

/** The message text with Insert data field (`@NAME@` at the cursor) and a live character count. */
export function MessageEditor({ text, fields, onChange }: MessageEditorProps) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const length = countCodePoints(text);
  const over = length > MESSAGE_TEXT_MAX_LENGTH;
  const insert = (name: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const placeholder = `@${name}@`;
    onChange(text.slice(0, start) + placeholder + text.slice(end));
    const caret = start + placeholder.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };
  return (
    <div className="field message-editor">
      <label htmlFor={id}>Message</label>
      <textarea
        id={id}
        ref={area}
        rows={6}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-count ${id}-hint`}
        aria-invalid={over ? true : undefined}
      />
      <div className="message-tools">
        <select
          aria-label="Insert data field"
          value=""
          onChange={(e) => {
            if (e.target.value !== "") insert(e.target.value);
          }}
        >
          <option value="">Insert data field…</option>
          {fields
            .filter((f) => !f.system)
            .map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
        </select>
        <span id={`${id}-count`} className={`char-count${over ? " over" : ""}`}>
          {count.format(length)} / {count.format(MESSAGE_TEXT_MAX_LENGTH)}
          <span className="visually-hidden"> characters</span>
        </span>
      </div>
      <p id={`${id}-hint`} className="hint">
        @FIELDNAME@ is replaced by the contact's value (or the field's default); write @@ for a
        literal @.
      </p>
    </div>
  );
}
