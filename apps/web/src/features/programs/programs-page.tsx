import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { EmptyState } from "../../ui/empty-state";
import { PageHeader } from "../../ui/page-header";
import { OnboardingChecklist } from "../onboarding/onboarding-checklist";
import { NewProgramDialog } from "./new-program-dialog";
import { type ProgramSummary, programsQuery } from "./program-queries";
import { ProgramsTable } from "./programs-table";
import "./programs.css";

/** Programs: the list with New program, Duplicate and Delete (not while active). */
export function ProgramsPage() {
  const programs = useQuery(programsQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ProgramSummary | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: programsQuery.queryKey });
  const duplicate = useMutation({
    mutationFn: (p: ProgramSummary) =>
      unwrap(api.programs[":id"].duplicate.$post({ param: { id: p.id } })),
    onSuccess: async (copy) => {
      await refresh();
      navigate(`/programs/${copy.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: (p: ProgramSummary) => unwrap(api.programs[":id"].$delete({ param: { id: p.id } })),
    onSettled: () => {
      setDeleting(null);
      return refresh();
    },
  });
  const error = duplicate.error ?? remove.error;
  return (
    <>
      <PageHeader
        title="Programs"
        actions={
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New program
          </button>
        }
      />
      {error && <Alert kind="error">{error.message}</Alert>}
      <OnboardingChecklist onNewProgram={() => setCreating(true)} />
      {programs.isPending && (
        <p role="status" className="loading">
          Loading programs…
        </p>
      )}
      {programs.error && <Alert kind="error">{programs.error.message}</Alert>}
      {programs.data?.programs.length === 0 && (
        <EmptyState title="No programs yet">
          <p>
            Programs move contacts through steps such as Messenger messages, waits and decisions.
            Choose New program to draw your first one.
          </p>
        </EmptyState>
      )}
      {programs.data && programs.data.programs.length > 0 && (
        <ProgramsTable
          programs={programs.data.programs}
          busy={duplicate.isPending || remove.isPending}
          onDuplicate={(p) => duplicate.mutate(p)}
          onDelete={setDeleting}
        />
      )}
      <NewProgramDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "program"}?`}
        confirmLabel="Delete program"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(null)}
      >
        <p>The program and its history are deleted. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
