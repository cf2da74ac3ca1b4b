import { AccountScope, dataFields, programs, type Queryable } from "@waymark/db";
import {
  DEFAULT_FIELDS,
  type FieldType,
  formatFieldValue,
  isSystemFieldName,
  parseFieldInput,
  validateFieldName,
} from "@waymark/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { invalidField, notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import type { FieldSpec } from "./field-values";

type FieldRow = typeof dataFields.$inferSelect;

function present(row: FieldRow) {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    defaultValue: row.defaultValue ?? null,
    defaultDisplay:
      row.defaultValue === null || row.defaultValue === undefined
        ? null
        : formatFieldValue(row.type, row.defaultValue),
    system: row.system,
    createdAt: row.createdAt.toISOString(),
  };
}
export type DataFieldView = ReturnType<typeof present>;

/** The account's data fields, system fields last, each group by name. */
export async function listDataFields(deps: ServiceDeps, actor: Actor) {
  const scope = new AccountScope(deps.db, actor.accountId);
  const rows = await deps.db
    .select()
    .from(dataFields)
    .where(scope.where(dataFields))
    .orderBy(asc(dataFields.system), asc(dataFields.createdAt), asc(dataFields.name));
  return rows.map(present);
}

/** The account's fields by name, for value checks. */
export async function fieldSpecs(
  db: Queryable,
  accountId: string,
): Promise<Map<string, FieldSpec>> {
  const rows = await new AccountScope(db, accountId).select(dataFields);
  return new Map(rows.map((r) => [r.name, { name: r.name, type: r.type, system: r.system }]));
}

function checkDefault(type: FieldType, value: unknown) {
  if (value === null || value === undefined || value === "") return null;
  const parsed = parseFieldInput(type, value);
  if (!parsed.ok) {
    throw invalidField("defaultValue", parsed.message);
  }
  return parsed.value;
}

/** Creates a data field (SPEC §3 name rules); FBOPTIN_ names are reserved for the system. */
export async function createDataField(
  deps: ServiceDeps,
  actor: Actor,
  input: { name: string; type: FieldType; defaultValue?: unknown },
) {
  const name = input.name.trim().toUpperCase();
  const check = validateFieldName(name);
  if (!check.ok) {
    throw invalidField("name", check.message);
  }
  if (isSystemFieldName(name)) {
    const message = "FBOPTIN_ fields are created by Messenger profiles";
    throw invalidField("name", message);
  }
  const defaultValue = checkDefault(input.type, input.defaultValue);
  const scope = new AccountScope(deps.db, actor.accountId);
  const [existing] = await scope.select(dataFields, eq(dataFields.name, name));
  if (existing) {
    throw new ServiceError(409, "field_exists", `A data field called ${name} already exists`, {
      fields: { name: "already exists" },
    });
  }
  const [row] = await deps.db
    .insert(dataFields)
    .values({ accountId: actor.accountId, name, type: input.type, defaultValue })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new ServiceError(409, "field_exists", `A data field called ${name} already exists`);
  return present(row);
}

async function getOwnedField(deps: ServiceDeps, actor: Actor, id: string) {
  const [row] = await new AccountScope(deps.db, actor.accountId).select(
    dataFields,
    eq(dataFields.id, id),
  );
  if (!row) throw notFound("Data field");
  return row;
}

/** Changes a field's default value; system fields are read-only. */
export async function updateDataFieldDefault(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  defaultValue: unknown,
) {
  const field = await getOwnedField(deps, actor, id);
  if (field.system) {
    throw new ServiceError(
      409,
      "system_field",
      `${field.name} is managed by Waymark and cannot be edited`,
    );
  }
  const scope = new AccountScope(deps.db, actor.accountId);
  const [row] = await scope.update(
    dataFields,
    { defaultValue: checkDefault(field.type, defaultValue) },
    eq(dataFields.id, id),
  );
  return present(row!);
}

/** Deletes a field and its values; refused for system fields and while a program uses it. */
export async function deleteDataField(deps: ServiceDeps, actor: Actor, id: string) {
  const field = await getOwnedField(deps, actor, id);
  if (field.system) {
    throw new ServiceError(
      409,
      "system_field",
      `${field.name} belongs to a Messenger profile; it goes when the profile is deleted`,
    );
  }
  const scope = new AccountScope(deps.db, actor.accountId);
  const users = await deps.db
    .select({ name: programs.name })
    .from(programs)
    .where(scope.where(programs, sql`${programs.fieldNames} @> array[${field.name}]::text[]`));
  if (users.length > 0) {
    const names = users.map((p) => `'${p.name}'`).join(", ");
    throw new ServiceError(
      409,
      "field_in_use",
      `${field.name} is used by ${users.length === 1 ? "program" : "programs"} ${names}; remove it from ${users.length === 1 ? "that program" : "those programs"} first`,
      { programs: users.map((p) => p.name) },
    );
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(dataFields)
      .where(and(eq(dataFields.accountId, actor.accountId), eq(dataFields.id, id)));
    await tx.execute(
      sql`update contacts set values = values - ${field.name} where account_id = ${actor.accountId} and values ? ${field.name}`,
    );
  });
}

/** Creates the default fields of a new account (inside the sign-up transaction). */
export async function createDefaultFields(tx: Queryable, accountId: string) {
  await tx
    .insert(dataFields)
    .values(
      DEFAULT_FIELDS.map((f) => ({ accountId, name: f.name, type: f.type, defaultValue: null })),
    );
}

/** Creates a system field (FBOPTIN_XXX) for a Messenger profile; used by the profiles feature. */
export async function createSystemField(tx: Queryable, accountId: string, name: string) {
  const [row] = await tx
    .insert(dataFields)
    .values({ accountId, name, type: "text", system: true })
    .returning();
  return present(row!);
}
