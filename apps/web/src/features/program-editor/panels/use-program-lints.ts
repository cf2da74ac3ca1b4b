import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PersonalisationCoverage, ProgramWarning } from "@waymark/domain";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { api, unwrap } from "../../../lib/api-client";
import { useEditor, useEditorState } from "../editor-context";

/** The Messenger lints that need the contacts, and the personalisation coverage behind them. */
export interface ProgramLints {
  readonly warnings: readonly ProgramWarning[];
  readonly coverage: PersonalisationCoverage | null;
}

/**
 * Checks the canvas as it is (saved or not) on the server, a moment after the last edit: the
 * warnings (tag vs content, empty fields, length with the longest values) and the coverage.
 * The issues list and the Messenger panel share one request per edit.
 */
export function useProgramLints() {
  const { store, fields } = useEditor();
  const { id = "" } = useParams();
  const revision = useEditorState(store, (s) => s.revision);
  const [settled, setSettled] = useState(revision);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(revision), 400);
    return () => clearTimeout(timer);
  }, [revision]);
  // A changed default changes the coverage: the key follows the fields' defaults.
  const defaults = fields.map((f) => `${f.name}=${String(f.defaultValue)}`).join("\n");
  return useQuery({
    queryKey: ["program-editor", "lints", id, settled, defaults],
    queryFn: async (): Promise<ProgramLints> => {
      const checked = await unwrap(
        api.programs[":id"].validate.$post({
          param: { id },
          json: { document: store.getDocument() },
        }),
      );
      return { warnings: checked.warnings, coverage: checked.coverage };
    },
    placeholderData: keepPreviousData,
    enabled: id !== "",
  });
}
