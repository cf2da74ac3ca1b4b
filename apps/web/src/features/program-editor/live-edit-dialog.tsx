import type { LiveEditChoices, RemovedNodeQuestion, WaitQuestion } from "@waymark/domain";
import { useState } from "react";
import { ConfirmDialog } from "../../ui/confirm-dialog";

export interface LiveEditQuestions {
  removed: readonly RemovedNodeQuestion[];
  waits: readonly WaitQuestion[];
}

const contacts = (n: number) => `${n.toLocaleString()} ${n === 1 ? "contact" : "contacts"}`;

/**
 * Before saving an edit of a program with contacts in it: where the contacts of each deleted
 * node go, and whether a Wait's new duration applies to those already waiting (issue 19.2).
 */
export function LiveEditDialog(props: {
  questions: LiveEditQuestions | null;
  busy: boolean;
  onConfirm(choices: LiveEditChoices): void;
  onCancel(): void;
}) {
  const { questions } = props;
  const [moves, setMoves] = useState<Record<string, string | null>>({});
  const [waits, setWaits] = useState<Record<string, "all" | "new">>({});
  const moveOf = (q: RemovedNodeQuestion) =>
    q.nodeId in moves ? moves[q.nodeId]! : (q.next?.nodeId ?? null);
  const waitOf = (q: WaitQuestion) => waits[q.nodeId] ?? "all";
  return (
    <ConfirmDialog
      open={questions !== null}
      title="Contacts are in this program"
      confirmLabel="Save"
      busy={props.busy}
      onCancel={props.onCancel}
      onConfirm={() => {
        if (!questions) return;
        props.onConfirm({
          moves: Object.fromEntries(questions.removed.map((q) => [q.nodeId, moveOf(q)])),
          waits: Object.fromEntries(questions.waits.map((q) => [q.nodeId, waitOf(q)])),
        });
      }}
    >
      {questions?.removed.map((q) => (
        <fieldset key={q.nodeId} className="choice">
          <legend>
            {`${q.name} holds ${contacts(q.contacts)}. Where should ${q.contacts === 1 ? "it" : "they"} go?`}
          </legend>
          {q.next && (
            <label>
              <input
                type="radio"
                name={`move-${q.nodeId}`}
                checked={moveOf(q) === q.next.nodeId}
                onChange={() => setMoves({ ...moves, [q.nodeId]: q.next!.nodeId })}
              />{" "}
              {`Move them to the next step, ${q.next.name}`}
            </label>
          )}
          <label>
            <input
              type="radio"
              name={`move-${q.nodeId}`}
              checked={moveOf(q) === null}
              onChange={() => setMoves({ ...moves, [q.nodeId]: null })}
            />{" "}
            End: take them out of the program
          </label>
        </fieldset>
      ))}
      {questions?.waits.map((q) => (
        <fieldset key={q.nodeId} className="choice">
          <legend>
            {`${contacts(q.waiting)} ${q.waiting === 1 ? "is" : "are"} waiting at ${q.name}. The wait changes from ${q.from} to ${q.to}:`}
          </legend>
          <label>
            <input
              type="radio"
              name={`wait-${q.nodeId}`}
              checked={waitOf(q) === "all"}
              onChange={() => setWaits({ ...waits, [q.nodeId]: "all" })}
            />{" "}
            {`Apply ${q.to} to them too, counted from when each arrived`}
          </label>
          <label>
            <input
              type="radio"
              name={`wait-${q.nodeId}`}
              checked={waitOf(q) === "new"}
              onChange={() => setWaits({ ...waits, [q.nodeId]: "new" })}
            />{" "}
            {`Only to contacts who arrive from now on (they keep ${q.from})`}
          </label>
        </fieldset>
      ))}
    </ConfirmDialog>
  );
}
