import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { LiveEditChoices, ProgramDocument } from "@waymark/domain";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { type ProgramData, programQuery, programsQuery } from "../programs/program-queries";
import type { EditorStore } from "./editor-store";
import type { LiveEditQuestions } from "./live-edit-dialog";

/** The stored program the editor works against: what it last loaded or saved. */
export interface ProgramBase {
  id: string;
  name: string;
  version: number;
  status: ProgramData["status"];
}

/**
 * Save (with the version, so a stale save is refused and nothing is overwritten; asking what
 * happens to contacts in the program first), activate and deactivate after a confirmation,
 * copy to a new draft and reload, keeping the editor and the query cache in step.
 */
export function useProgramActions(store: EditorStore, initial: ProgramData) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [base, setBase] = useState<ProgramBase>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  // Why the last activation went on unchecked (Facebook did not answer about a profile).
  const [warnings, setWarnings] = useState<string[]>([]);
  const id = base.id;

  const settle = (program: ProgramData) => {
    setBase(program);
    setError(null);
    setWarnings([]);
    queryClient.setQueryData(programQuery(id).queryKey, program);
    void queryClient.invalidateQueries({ queryKey: programsQuery.queryKey, exact: true });
  };
  const fail = (e: unknown) => {
    setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
  };

  // An edit of a program with contacts in it may need the marketer's choices first.
  const [questions, setQuestions] = useState<LiveEditQuestions | null>(null);
  const [confirming, setConfirming] = useState<"activate" | "deactivate" | null>(null);
  const save = useMutation({
    mutationFn: async ({ name, liveEdits }: { name: string; liveEdits?: LiveEditChoices }) => {
      const document: ProgramDocument = store.getDocument();
      if (base.status === "deactivated" && !liveEdits) {
        const check = await unwrap(
          api.programs[":id"]["check-edit"].$post({ param: { id }, json: { document } }),
        );
        if (!check.ok && (check.removed.length > 0 || check.waits.length > 0)) {
          return { questions: { removed: check.removed, waits: check.waits } };
        }
      }
      const program = await unwrap(
        api.programs[":id"].$put({
          param: { id },
          json: { version: base.version, name, document, ...(liveEdits && { liveEdits }) },
        }),
      );
      return { program, document };
    },
    onSuccess: (result) => {
      if (result.questions) {
        setQuestions(result.questions);
        return;
      }
      setQuestions(null);
      store.markSaved(result.document!);
      settle(result.program!);
    },
    onError: fail,
  });
  /** Saves first when there are changes (asking about contacts if need be), then confirms. */
  const requestStateChange = async (kind: "activate" | "deactivate", name: string) => {
    if (kind === "activate" && (store.getState().dirty || name !== base.name)) {
      const saved = await save.mutateAsync({ name }).catch(() => null);
      if (!saved || saved.questions) return;
    }
    setConfirming(kind);
  };
  const activate = useMutation({
    mutationFn: () =>
      unwrap(
        api.programs[":id"].activate.$post({ param: { id }, json: { version: base.version } }),
      ),
    onSuccess: (program) => {
      settle(program);
      setWarnings(program.warnings);
    },
    onError: fail,
    onSettled: () => setConfirming(null),
  });
  const deactivate = useMutation({
    mutationFn: () =>
      unwrap(
        api.programs[":id"].deactivate.$post({ param: { id }, json: { version: base.version } }),
      ),
    onSuccess: settle,
    onError: fail,
    onSettled: () => setConfirming(null),
  });
  const copy = useMutation({
    mutationFn: () => unwrap(api.programs[":id"].duplicate.$post({ param: { id } })),
    onSuccess: async (program) => {
      await queryClient.invalidateQueries({ queryKey: programsQuery.queryKey, exact: true });
      navigate(`/programs/${program.id}`);
    },
    onError: fail,
  });
  const reload = useMutation({
    mutationFn: () => unwrap(api.programs[":id"].$get({ param: { id } })),
    onSuccess: (program) => {
      store.load(program.document);
      settle(program);
    },
    onError: fail,
  });
  const busy =
    save.isPending ||
    activate.isPending ||
    deactivate.isPending ||
    copy.isPending ||
    reload.isPending;
  return {
    base,
    error,
    warnings,
    busy,
    save,
    activate,
    deactivate,
    copy,
    reload,
    questions,
    dismissQuestions: () => setQuestions(null),
    confirming,
    requestStateChange,
    cancelStateChange: () => setConfirming(null),
    dismiss: () => setError(null),
  };
}
