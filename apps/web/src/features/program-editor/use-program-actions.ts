import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ProgramDocument } from "@waymark/domain";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { type ProgramData, programQuery, programsQuery } from "../programs/program-queries";
import type { EditorStore } from "./editor-store";

/** The stored program the editor works against: what it last loaded or saved. */
export interface ProgramBase {
  id: string;
  name: string;
  version: number;
  status: ProgramData["status"];
}

/**
 * Save (with the version, so a stale save is refused and nothing is overwritten), activate,
 * deactivate, copy to a new draft and reload, keeping the editor and the query cache in step.
 */
export function useProgramActions(store: EditorStore, initial: ProgramData) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [base, setBase] = useState<ProgramBase>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const id = base.id;

  const settle = (program: ProgramData) => {
    setBase(program);
    setError(null);
    queryClient.setQueryData(programQuery(id).queryKey, program);
    void queryClient.invalidateQueries({ queryKey: programsQuery.queryKey, exact: true });
  };
  const fail = (e: unknown) => {
    setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
  };

  const save = useMutation({
    mutationFn: async (name: string) => {
      const document: ProgramDocument = store.getDocument();
      const program = await unwrap(
        api.programs[":id"].$put({
          param: { id },
          json: { version: base.version, name, document },
        }),
      );
      return { program, document };
    },
    onSuccess: ({ program, document }) => {
      store.markSaved(document);
      settle(program);
    },
    onError: fail,
  });
  const activate = useMutation({
    mutationFn: async (name: string) => {
      let version = base.version;
      if (store.getState().dirty || name !== base.name) {
        version = (await save.mutateAsync(name)).program.version;
      }
      return unwrap(api.programs[":id"].activate.$post({ param: { id }, json: { version } }));
    },
    onSuccess: settle,
    onError: fail,
  });
  const deactivate = useMutation({
    mutationFn: () =>
      unwrap(
        api.programs[":id"].deactivate.$post({ param: { id }, json: { version: base.version } }),
      ),
    onSuccess: settle,
    onError: fail,
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
    busy,
    save,
    activate,
    deactivate,
    copy,
    reload,
    dismiss: () => setError(null),
  };
}
