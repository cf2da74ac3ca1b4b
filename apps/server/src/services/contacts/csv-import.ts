import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import {
  AccountScope,
  contactImports,
  type ImportRowError,
  listMembers,
  lists,
  rowsOf,
  type StoredFieldValue,
} from "@waymark/db";
import { normaliseEmail, parseFieldValue } from "@waymark/domain";
import { parse } from "csv-parse";
import { and, eq, sql } from "drizzle-orm";
import { notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { createDataField, fieldSpecs } from "./data-fields";
import type { FieldSpec } from "./field-values";
import type { StartImportInput } from "./import-mapping";
import { createList } from "./lists";
import { normaliseNewlines } from "./normalise-newlines";

const BATCH_ROWS = 2_000;
/** Row problems kept for the report; more are counted but not listed. */
const MAX_REPORTED = 1_000;

type ImportRow = typeof contactImports.$inferSelect;

export function presentImport(row: ImportRow) {
  return {
    id: row.id,
    listId: row.listId,
    fileName: row.fileName,
    status: row.status,
    totalBytes: row.totalBytes,
    processedBytes: row.processedBytes,
    rowsRead: row.rowsRead,
    created: row.created,
    updated: row.updated,
    invalid: row.invalid,
    duplicates: row.duplicates,
    errors: row.errors,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
export type ImportView = ReturnType<typeof presentImport>;

function mappingError(message: string): ServiceError {
  return new ServiceError(400, "invalid_request", `mapping: ${message}`, {
    fields: { mapping: message },
  });
}

/**
 * Prepares an import: checks the column mapping (exactly one EMAIL column; only known or
 * to-be-created fields; no system fields), creates the requested fields and the target list.
 */
export async function startImport(deps: ServiceDeps, actor: Actor, input: StartImportInput) {
  const targets = Object.values(input.mapping).filter((t): t is string => t !== null);
  if (targets.filter((t) => t === "EMAIL").length !== 1) {
    throw mappingError("map exactly one column to EMAIL");
  }
  const fieldTargets = targets.filter((t) => t !== "EMAIL");
  const dup = fieldTargets.find((t, i) => fieldTargets.indexOf(t) !== i);
  if (dup) throw mappingError(`${dup} is mapped from two columns`);
  if ((input.listId ? 1 : 0) + (input.newListName ? 1 : 0) !== 1) {
    throw new ServiceError(400, "invalid_request", "list: choose a list or name a new one", {
      fields: { listId: "choose a list or name a new one" },
    });
  }
  for (const field of input.createFields) {
    await createDataField(deps, actor, field);
  }
  const fields = await fieldSpecs(deps.db, actor.accountId);
  for (const target of fieldTargets) {
    const field = fields.get(target);
    if (!field) throw mappingError(`there is no data field called ${target}`);
    if (field.system) throw mappingError(`${target} is set by Waymark and cannot be imported`);
  }
  const scope = new AccountScope(deps.db, actor.accountId);
  let listId = input.listId;
  if (listId) {
    const [list] = await scope.select(lists, eq(lists.id, listId));
    if (!list) throw notFound("List");
  } else {
    listId = (await createList(deps, actor, input.newListName!)).id;
  }
  const [row] = await scope.insert(contactImports, {
    listId,
    fileName: input.fileName,
    mapping: input.mapping,
    totalBytes: input.totalBytes,
    createdByUserId: actor.userId,
  });
  return presentImport(row!);
}

/** An import's progress or final report. */
export async function getImport(deps: ServiceDeps, actor: Actor, id: string) {
  const [row] = await new AccountScope(deps.db, actor.accountId).select(
    contactImports,
    eq(contactImports.id, id),
  );
  if (!row) throw notFound("Import");
  return presentImport(row);
}

interface PendingContact {
  email: string;
  values: Record<string, StoredFieldValue>;
}

/**
 * Streams the CSV body into the import's list: rows are parsed as they arrive, checked, and
 * written in batches (one upsert and one membership insert per batch, never one per row).
 * Invalid rows are reported by line while valid rows import; for duplicate emails the last row wins.
 */
export async function runImport(
  deps: ServiceDeps,
  actor: Actor,
  importId: string,
  body: ReadableStream<Uint8Array>,
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
  const stats = { rowsRead: 0, created: 0, updated: 0, invalid: 0, duplicates: 0, bytes: 0 };
  const problems: ImportRowError[] = [];
  const report = (problem: ImportRowError) => {
    if (problems.length < MAX_REPORTED) problems.push(problem);
  };
  const seen = new Map<string, number>();
  let batch = new Map<string, PendingContact>();
  let columns: { index: number; target: string; field?: FieldSpec }[] | undefined;

  const flush = async () => {
    const pending = [...batch.values()];
    batch = new Map();
    await deps.db.transaction(async (tx) => {
      if (pending.length > 0) {
        const result = await tx.execute(sql`
          with input as (
            select * from jsonb_to_recordset(${JSON.stringify(pending)}::jsonb) as t(email text, values jsonb)
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
      }
      await tx
        .update(contactImports)
        .set({
          processedBytes: Math.min(stats.bytes, job.totalBytes || stats.bytes),
          rowsRead: stats.rowsRead,
          created: stats.created,
          updated: stats.updated,
          invalid: stats.invalid,
          duplicates: stats.duplicates,
        })
        .where(eq(contactImports.id, importId));
    });
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
    const source = Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>);
    source.on("data", (chunk: Buffer) => {
      stats.bytes += chunk.length;
    });
    const records = source.pipe(normaliseNewlines()).pipe(parser);
    for await (const { record, info } of records as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line =
        info.lines - record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
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
    if (!columns)
      throw new ServiceError(400, "invalid_request", "The file is empty: it has no header row");
    await flush();
    stats.bytes = Math.max(stats.bytes, job.totalBytes);
    const [done] = await scope.update(
      contactImports,
      {
        status: "done",
        processedBytes: job.totalBytes || stats.bytes,
        errors: problems.sort((a, b) => a.line - b.line),
        finishedAt: deps.now(),
      },
      eq(contactImports.id, importId),
    );
    return presentImport(done!);
  } catch (error) {
    const message = error instanceof ServiceError ? error.message : "The upload was interrupted";
    await scope.update(
      contactImports,
      { status: "failed", failure: message, errors: problems, finishedAt: deps.now() },
      eq(contactImports.id, importId),
    );
    throw error instanceof ServiceError ? error : new ServiceError(400, "import_failed", message);
  }
}

function readHeader(
  header: string[],
  mapping: Record<string, string | null>,
  fields: Map<string, FieldSpec>,
) {
  const names = header.map((h) => h.trim());
  const columns = names.flatMap((name, index) => {
    const target = mapping[name];
    return target
      ? [{ index, target, field: target === "EMAIL" ? undefined : fields.get(target) }]
      : [];
  });
  const missing = Object.entries(mapping).filter(([name, t]) => t && !names.includes(name));
  if (missing.length > 0) {
    throw new ServiceError(
      400,
      "invalid_request",
      `The file's header has no column ${missing.map(([n]) => `'${n}'`).join(", ")}`,
    );
  }
  return columns;
}

function checkRow(
  record: string[],
  columns: { index: number; target: string; field?: FieldSpec }[],
  line: number,
): PendingContact | { email?: string; reason: string } {
  let email: string | undefined;
  const values: Record<string, StoredFieldValue> = {};
  for (const column of columns) {
    const raw = record[column.index] ?? "";
    if (column.target === "EMAIL") {
      const result = normaliseEmail(raw);
      if (!result.ok) return { reason: `EMAIL: ${result.message}` };
      email = result.email;
      continue;
    }
    if (raw.trim() === "" || !column.field) continue;
    const parsed = parseFieldValue(column.field.type, raw);
    if (!parsed.ok) return { email, reason: `${column.target}: ${parsed.message}` };
    values[column.target] = parsed.value;
  }
  if (!email) return { reason: `line ${line} has no EMAIL value` };
  return { email, values };
}
