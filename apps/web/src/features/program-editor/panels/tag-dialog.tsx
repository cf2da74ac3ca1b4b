import { MESSAGE_TAGS, type MessageTag, type PolicyVersion } from "@waymark/domain";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { tagPolicyNote } from "./tag-policy";

interface TagDialogProps {
  open: boolean;
  tagId: string;
  /** The chosen profile's policy version; undefined while no profile is chosen. */
  policy: PolicyVersion | undefined;
  onChoose(tagId: string): void;
  onClose(): void;
}

const GROUPS = [
  {
    category: "standard",
    title: "Standard messages (promotional)",
    about:
      "May include promotional content. Sent up to 24 hours after the contact opts in or writes to your page.",
  },
  {
    category: "subscription",
    title: "Subscription messages (non-promotional)",
    about: "Non-promotional content only, at any time, to contacts who opted in.",
  },
] as const;

/** "Change tag": the seed's tags grouped, with what each is for and what Facebook does with it. */
export function TagDialog({ open, tagId, policy, onChoose, onClose }: TagDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState(tagId);
  const name = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setChoice(tagId);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, tagId]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onChoose(choice);
  };
  return (
    <dialog
      ref={ref}
      className="dialog tag-dialog"
      aria-labelledby={`${name}-title`}
      onCancel={onClose}
    >
      <form onSubmit={onSubmit}>
        <h2 id={`${name}-title`}>Change tag</h2>
        <p className="hint">
          {policy
            ? `The profile runs under Facebook's ${policy} messaging policy.`
            : "Choose a profile first to see whether Facebook accepts each tag."}
        </p>
        <div className="tag-groups">
          {GROUPS.map((group) => (
            <fieldset key={group.category} className="tag-group">
              <legend>{group.title}</legend>
              <p className="hint">{group.about}</p>
              {MESSAGE_TAGS.filter((t) => t.category === group.category).map((tag) => (
                <TagOption
                  key={tag.id}
                  tag={tag}
                  name={name}
                  policy={policy}
                  checked={choice === tag.id}
                  onCheck={() => setChoice(tag.id)}
                />
              ))}
            </fieldset>
          ))}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Use this tag
          </button>
        </div>
      </form>
    </dialog>
  );
}

function TagOption(props: {
  tag: MessageTag;
  name: string;
  policy: PolicyVersion | undefined;
  checked: boolean;
  onCheck(): void;
}) {
  const { tag, name, policy, checked, onCheck } = props;
  const id = `${name}-${tag.id}`;
  const note = policy ? tagPolicyNote(tag, policy) : undefined;
  return (
    <div className={`tag-option${note ? ` tag-${note.status}` : ""}`}>
      <input
        id={id}
        type="radio"
        name={name}
        value={tag.id}
        checked={checked}
        onChange={onCheck}
        aria-describedby={`${id}-about`}
      />
      <div>
        <label htmlFor={id} className="tag-label">
          {tag.label}
        </label>
        <p id={`${id}-about`} className="tag-about">
          {tag.description}
          {note && <span className="tag-note"> {note.text}</span>}
        </p>
      </div>
    </div>
  );
}
