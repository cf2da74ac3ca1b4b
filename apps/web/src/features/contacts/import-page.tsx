import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useRef, useState } from "react";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { PageHeader } from "../../ui/page-header";
import { type ColumnChoice, ColumnMapping } from "./column-mapping";
import { dataFieldsQuery, listsQuery } from "./contact-queries";
import { ContactsTabs } from "./contacts-tabs";
import { CSV_ENCODING_LABELS, type CsvEncoding, detectCsvEncoding } from "./csv-encoding";
import { ImportProgress } from "./import-progress";
import { ImportReport } from "./import-report";
import { type CsvPreview, guessTarget, readCsvHeader, suggestFieldName } from "./read-csv-header";
import { uploadCsv } from "./upload-csv";

/** Contacts > Import CSV: choose a file, map its columns, import into a list with progress. */
export function ImportPage() {
  const fields = useQuery(dataFieldsQuery);
  const lists = useQuery(listsQuery);
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<CsvEncoding>("utf-8");
  const [encodingGuessed, setEncodingGuessed] = useState(false);
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [listMode, setListMode] = useState<"new" | "existing">("new");
  const [newListName, setNewListName] = useState("");
  const [listId, setListId] = useState("");
  const [progress, setProgress] = useState<{ processed: number; rows: number } | null>(null);
  const polling = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const editableFields = (fields.data?.dataFields ?? [])
    .filter((f) => !f.system)
    .map((f) => f.name);
  const optInFields = (fields.data?.dataFields ?? []).filter((f) => f.system).map((f) => f.name);

  // The column names are the mapping's keys, so they are read in the file's encoding.
  const loadPreview = async (chosen: File, as: CsvEncoding) => {
    setPreview(null);
    setFileError(null);
    try {
      const p = await readCsvHeader(chosen, as);
      setPreview(p);
      setChoices(
        p.columns.map((c) => ({
          target: guessTarget(c, [...editableFields, ...optInFields]),
          newName: suggestFieldName(c),
          newType: "text",
        })),
      );
    } catch (error) {
      setFileError(error instanceof Error ? error.message : "This file cannot be read as CSV.");
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0] ?? null;
    setFile(chosen);
    setPreview(null);
    setFileError(null);
    run.reset();
    if (!chosen) return;
    const detected = await detectCsvEncoding(chosen);
    setEncoding(detected);
    setEncodingGuessed(detected !== "utf-8");
    setNewListName(chosen.name.replace(/\.[^.]+$/, ""));
    await loadPreview(chosen, detected);
  };

  const onEncoding = async (e: ChangeEvent<HTMLSelectElement>) => {
    const chosen = e.target.value as CsvEncoding;
    setEncoding(chosen);
    setEncodingGuessed(false);
    run.reset();
    if (file) await loadPreview(file, chosen);
  };

  const run = useMutation({
    mutationFn: async () => {
      if (!file || !preview) throw new Error("Choose a CSV file first.");
      const mapping: Record<string, string | null> = {};
      const createFields: { name: string; type: ColumnChoice["newType"] }[] = [];
      preview.columns.forEach((column, i) => {
        const choice = choices[i]!;
        if (choice.target === "__new__") {
          mapping[column] = choice.newName;
          createFields.push({ name: choice.newName, type: choice.newType });
        } else {
          mapping[column] = choice.target;
        }
      });
      const started = await unwrap(
        api.contacts.imports.$post({
          json: {
            fileName: file.name,
            totalBytes: file.size,
            encoding,
            mapping,
            createFields,
            ...(listMode === "new" ? { newListName } : { listId }),
          },
        }),
      );
      setProgress({ processed: 0, rows: 0 });
      polling.current = setInterval(async () => {
        const state = await unwrap(
          api.contacts.imports[":id"].$get({ param: { id: started.id } }),
        ).catch(() => null);
        if (state) setProgress({ processed: state.processedBytes, rows: state.rowsRead });
      }, 400);
      try {
        const report = await uploadCsv(started.id, file);
        const listName =
          listMode === "new"
            ? newListName
            : (lists.data?.lists.find((l) => l.id === listId)?.name ?? "the list");
        return { ...report, listName };
      } finally {
        clearInterval(polling.current);
        setProgress(null);
      }
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });

  const runError =
    run.error instanceof ApiError || run.error instanceof Error ? run.error : undefined;
  const emailColumns = choices.filter((c) => c.target === "EMAIL").length;

  return (
    <>
      <PageHeader title="Contacts" />
      <ContactsTabs />
      <section className="card" aria-label="Import CSV">
        <h2>Import contacts from a CSV file</h2>
        <p className="muted">
          The first row must name the columns. Contacts are matched by email (ignoring case):
          existing ones are updated, new ones created. Empty cells leave values as they are.
        </p>
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={onFile}
            disabled={run.isPending}
          />
        </div>
        {file && (
          <div className="field">
            <label htmlFor="csv-encoding">File encoding</label>
            <select
              id="csv-encoding"
              value={encoding}
              onChange={onEncoding}
              disabled={run.isPending}
              aria-describedby={encodingGuessed ? "csv-encoding-hint" : undefined}
            >
              {(Object.keys(CSV_ENCODING_LABELS) as CsvEncoding[]).map((value) => (
                <option key={value} value={value}>
                  {CSV_ENCODING_LABELS[value]}
                </option>
              ))}
            </select>
            {encodingGuessed && (
              <p id="csv-encoding-hint" className="hint">
                This file is not UTF-8, so it is read as Windows-1252. Check that accented letters
                look right in the first row below.
              </p>
            )}
          </div>
        )}
        {fileError && <Alert kind="error">{fileError}</Alert>}
        {preview && !run.isSuccess && (
          <>
            <fieldset className="fieldset">
              <legend>Import into</legend>
              <label className="row">
                <input
                  type="radio"
                  name="list-mode"
                  checked={listMode === "new"}
                  onChange={() => setListMode("new")}
                />
                A new list
              </label>
              {listMode === "new" && (
                <label className="field">
                  <span>New list name</span>
                  <input value={newListName} onChange={(e) => setNewListName(e.target.value)} />
                </label>
              )}
              <label className="row">
                <input
                  type="radio"
                  name="list-mode"
                  checked={listMode === "existing"}
                  onChange={() => setListMode("existing")}
                  disabled={(lists.data?.lists.length ?? 0) === 0}
                />
                An existing list
              </label>
              {listMode === "existing" && (
                <label className="field">
                  <span>List</span>
                  <select value={listId} onChange={(e) => setListId(e.target.value)}>
                    <option value="">Choose a list…</option>
                    {lists.data?.lists.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </fieldset>
            <ColumnMapping
              columns={preview.columns}
              sample={preview.sample}
              fieldNames={editableFields}
              matchFields={optInFields}
              choices={choices}
              onChange={(i, choice) =>
                setChoices((all) => all.map((c, j) => (j === i ? choice : c)))
              }
            />
            {emailColumns !== 1 && <p className="field-error">Map exactly one column to EMAIL.</p>}
            {runError && <Alert kind="error">{runError.message}</Alert>}
            <button
              type="button"
              className="button primary"
              disabled={run.isPending || emailColumns !== 1}
              onClick={() => run.mutate()}
            >
              {run.isPending ? "Importing…" : "Start import"}
            </button>
          </>
        )}
      </section>
      {progress && file && (
        <ImportProgress processed={progress.processed} total={file.size} rows={progress.rows} />
      )}
      {run.data && <ImportReport report={run.data} listName={run.data.listName} />}
    </>
  );
}
