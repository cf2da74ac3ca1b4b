import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { programsQuery } from "./program-queries";

/** "New program": asks for a name, creates a draft with a Start node and opens it. */
export function NewProgramDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => unwrap(api.programs.$post({ json: { name } })),
    onSuccess: async (program) => {
      await queryClient.invalidateQueries({ queryKey: programsQuery.queryKey });
      navigate(`/programs/${program.id}`);
    },
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const error = create.error instanceof ApiError ? create.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <dialog ref={ref} aria-labelledby="new-program-title" onCancel={onClose} className="dialog">
      <form onSubmit={onSubmit} noValidate>
        <h2 id="new-program-title">New program</h2>
        <Field
          label="Program name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={error?.fields.name}
          hint="For example: Welcome series"
        />
        {error && !error.fields.name && <Alert kind="error">{error.message}</Alert>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create program"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
