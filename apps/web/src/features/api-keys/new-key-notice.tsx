import { useState } from "react";
import { Alert } from "../../ui/alert";

/** Shows a newly created key once, with a Copy button. */
export function NewKeyNotice({
  name,
  secret,
  onDone,
}: {
  name: string;
  secret: string;
  onDone(): void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <Alert kind="success">
      <p>
        <strong>{name}</strong> was created. Copy the key now: it will not be shown again.
      </p>
      <label className="field">
        <span>New API key</span>
        <input className="secret" readOnly value={secret} onFocus={(e) => e.target.select()} />
      </label>
      <div className="row">
        <button type="button" className="button" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </Alert>
  );
}
