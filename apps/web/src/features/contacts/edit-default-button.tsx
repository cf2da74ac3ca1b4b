import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Field } from "../../ui/field";
import { dataFieldsQuery } from "./contact-queries";

interface Props {
  field: { id: string; name: string; defaultDisplay: string | null; type: string };
}

/** Edits a field's default value in place. */
export function EditDefaultButton({ field }: Props) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(field.defaultDisplay ?? "");
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api["data-fields"][":id"].$patch({
          param: { id: field.id },
          json: { defaultValue: value || null },
        }),
      ),
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: dataFieldsQuery.queryKey });
    },
  });
  if (!editing) {
    return (
      <button
        type="button"
        className="button small"
        aria-label={`Edit default of ${field.name}`}
        onClick={() => {
          setValue(field.defaultDisplay ?? "");
          setEditing(true);
        }}
      >
        Edit default
      </button>
    );
  }
  const error = save.error instanceof ApiError ? save.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="row align-start">
      <Field
        label={`Default of ${field.name}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={error?.fields.defaultValue ?? error?.message}
      />
      <button type="submit" className="button primary small" disabled={save.isPending}>
        Save
      </button>
      <button type="button" className="button small" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
