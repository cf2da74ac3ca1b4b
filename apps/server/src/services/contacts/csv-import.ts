import { pipeline, Readable } from "node:stream";
import {
  AccountScope,
  contactImports,
  type ImportRowError,
  listMembers,
  rowsOf,
  unnestRows,
} from "@waymark/db";
import { parse } from "csv-parse";
import { and, eq, sql } from "drizzle-orm";
import { ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { checkRow, type ImportColumn, type PendingContact, readHeader } from "./csv-import-rows";
import { readCsvUpload, type UploadState, type UploadStop } from "./csv-import-source";
import { getImport, presentImport } from "./csv-import-view";
import { fieldSpecs } from "./data-fields";
import { mergeImportedSubscribers } from "./merge-imported-subscribers";
import { normaliseNewlines } from "./normalise-newlines";

export { startImport } from "./csv-import-start";
export { getImport, type ImportView, presentImport } from "./csv-import-view";

const BATCH_ROWS = 2_000;
/** Row problems kept for the report; more are counted but not listed. */
const MAX_REPORTED = 1_000;

/**
 * Streams the CSV body into the import's list: rows are parsed as they arrive, checked, and
 * written in batches (one upsert and one membership insert per batch, never one per row).
 * Invalid rows are reported by line while valid rows import; for duplicate emails the last row wins.
 * An upload that stops early (dropped, over `maxBytes`, not text) keeps the rows before the
 * stop and ends failed, saying where it stopped.
 */
export async function runImport(
  deps: ServiceDeps,
  actor: Actor,
  importId: string,
  body: ReadableStream<Uint8Array>,
  options: { maxBytes: number },
) {
  const scope = new AccountScope(deps.db, actor.accountId);
  // Claiming the import atomically means a second upload for it can never run alongside.
  const [job] = await scope.update(
    contactImports,
    { status: "running" },
    and(eq(contactImports.id, importId), eq(contactImports.status, "waiting")),
  );
  if (!job) {
    await getImport(deps, actor, importId);
    throw new ServiceError(409, "import_started", "This import already received its file");
  }
  const fields = await fieldSpecs(deps.db, actor.accountId);
  const upload: UploadState = { bytes: 0 };
  const stats = { rowsRead: 0, created: 0, updated: 0, invalid: 0, duplicates: 0 };
  let lastLine = 0;
  const problems: ImportRowError[] = [];
  const report = (problem: ImportRowError) => {
    if (problems.length < MAX_REPORTED) problems.push(problem);
  };
  const seen = new Map<string, number>();
  let batch = new Map<string, PendingContact>();
  let columns: ImportColumn[] | undefined;

  const flush = async () => {
    const pending = [...batch.values()];
    batch = new Map();
    await deps.db.transaction(async (tx) => {
      if (pending.length > 0) {
        const result = await tx.execute(sql`
          with input as (
            select * from ${unnestRows(pending, "t", {
              email: ["text", (r) => r.email],
              values: ["jsonb", (r) => JSON.stringify(r.values)],
            })}
          ), upserted as (
            insert into contacts (account_id, email, values)
            select ${actor.accountId}::uuid, email, values from input
            on conflict (account_id, email)
              do update set values = contacts.values || excluded.values, updated_at = now()
            returning id, (xmax = 0) as inserted
          ), members as (
            insert into ${listMembers} (list_id, contact_id, account_id)
            select ${job.listId}::uuid, id, ${actor.accountId}::uuid from upserted
            on conflict do nothing
          )
          select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
          from upserted`);
        const counts = rowsOf<{ created: number; updated: number }>(result)[0];
        stats.created += counts?.created ?? 0;
        stats.updated += counts?.updated ?? 0;
        await mergeImportedSubscribers(tx, actor.accountId, pending, deps.now());
      }
      await tx
        .update(contactImports)
        .set({ processedBytes: Math.min(upload.bytes, job.totalBytes || upload.bytes), ...stats })
        .where(eq(contactImports.id, importId));
    });
  };

  const fail = async (failure: string) => {
    const [failed] = await scope.update(
      contactImports,
      { status: "failed", failure, errors: sortedProblems(problems), finishedAt: deps.now() },
      eq(contactImports.id, importId),
    );
    return presentImport(failed!);
  };

  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
  });
  parser.on("skip", (error: Error & { lines?: number }) => {
    stats.invalid += 1;
    report({ line: error.lines ?? 0, kind: "invalid", reason: `malformed CSV: ${error.message}` });
  });

  try {
    const text = Readable.from(readCsvUpload(body, { ...options, encoding: job.encoding }, upload));
    // pipeline() hands any stream's error to the parser, so the loop below sees it.
    const records = pipeline(text, normaliseNewlines(), parser, () => {});
    for await (const { record, info } of records as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line =
        info.lines - record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
      lastLine = line;
      if (!columns) {
        columns = readHeader(record, job.mapping, fields);
        continue;
      }
      stats.rowsRead += 1;
      const row = checkRow(record, columns, line);
      if ("reason" in row) {
        stats.invalid += 1;
        report({
          line,
          kind: "invalid",
          ...(row.email && { email: row.email }),
          reason: row.reason,
        });
      } else {
        const earlier = seen.get(row.email);
        if (earlier !== undefined) {
          stats.duplicates += 1;
          report({
            line: earlier,
            kind: "duplicate",
            email: row.email,
            reason: `same email as line ${line}; the later row was imported`,
          });
        }
        seen.set(row.email, line);
        batch.delete(row.email);
        batch.set(row.email, row);
      }
      if (batch.size >= BATCH_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    const message =
      error instanceof ServiceError
        ? error.message
        : `The import stopped on an error on our side. ${importedSoFar(stats.created + stats.updated, lastLine)}`;
    await fail(message);
    throw error;
  }
  if (upload.stop) {
    const error = stopError(upload.stop, stats.created + stats.updated, lastLine);
    const failed = await fail(error.message);
    throw new ServiceError(error.status, error.code, error.message, { import: failed });
  }
  if (!columns) {
    const message = "The file is empty: it has no header row";
    await fail(message);
    throw new ServiceError(400, "invalid_request", message);
  }
  const [done] = await scope.update(
    contactImports,
    {
      status: "done",
      processedBytes: job.totalBytes || upload.bytes,
      errors: sortedProblems(problems),
      finishedAt: deps.now(),
    },
    eq(contactImports.id, importId),
  );
  return presentImport(done!);
}

function sortedProblems(problems: ImportRowError[]) {
  return [...problems].sort((a, b) => a.line - b.line);
}

/** What was written before the stop, and that importing the file again is safe. */
function importedSoFar(contacts: number, lastLine: number): string {
  if (contacts === 0) return "Nothing was imported.";
  return `${contacts.toLocaleString("en")} contacts up to line ${lastLine.toLocaleString("en")} were imported; importing the file again updates them rather than adding them twice.`;
}

function stopError(stop: UploadStop, contacts: number, lastLine: number) {
  const imported = importedSoFar(contacts, lastLine);
  switch (stop.kind) {
    case "interrupted":
      return new ServiceError(400, "upload_interrupted", `The upload was interrupted. ${imported}`);
    case "too_large":
      return new ServiceError(
        413,
        "payload_too_large",
        `CSV files can be at most ${stop.maxBytes / 1024 / 1024} MB. ${imported}`,
      );
    case "not_utf8":
      return new ServiceError(
        400,
        "invalid_encoding",
        `Line ${stop.line.toLocaleString("en")} is not UTF-8 text. If the file comes from Excel's "CSV" format on Windows, choose Windows-1252 as its encoding; otherwise save it as "CSV UTF-8". ${imported}`,
      );
  }
}
