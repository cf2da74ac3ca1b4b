import { AccountScope, contactImports, lists } from "@waymark/db";
import { isSystemFieldName, validateFieldName } from "@waymark/domain";
import { eq } from "drizzle-orm";
import { invalidField, notFound, ServiceError } from "../../errors";
import type { Actor, ServiceDeps } from "../context";
import { presentImport } from "./csv-import-view";
import { createDataField, fieldSpecs } from "./data-fields";
import type { StartImportInput } from "./import-mapping";
import { createList } from "./lists";

/**
 * Prepares an import: checks the column mapping (exactly one EMAIL column; only known or
 * to-be-created fields; a system field only to match Messenger subscribers), the fields to create and the target list before
 * writing anything, then creates the fields, the list and the import in one transaction.
 */
export async function startImport(deps: ServiceDeps, actor: Actor, input: StartImportInput) {
  const targets = Object.values(input.mapping).filter((t): t is string => t !== null);
  if (targets.filter((t) => t === "EMAIL").length !== 1) {
    throw invalidField("mapping", "map exactly one column to EMAIL");
  }
  const fieldTargets = targets.filter((t) => t !== "EMAIL");
  const dup = fieldTargets.find((t, i) => fieldTargets.indexOf(t) !== i);
  if (dup) throw invalidField("mapping", `${dup} is mapped from two columns`);
  if ((input.listId ? 1 : 0) + (input.newListName ? 1 : 0) !== 1) {
    throw invalidField("listId", "choose a list or name a new one");
  }

  const existing = await fieldSpecs(deps.db, actor.accountId);
  const newNames = new Set<string>();
  for (const field of input.createFields) {
    const name = field.name.trim().toUpperCase();
    const check = validateFieldName(name);
    if (!check.ok) throw invalidField("createFields", `${name}: ${check.message}`);
    if (isSystemFieldName(name)) {
      throw invalidField(
        "createFields",
        `${name}: FBOPTIN_ fields are created by Messenger profiles`,
      );
    }
    if (existing.has(name) || newNames.has(name)) {
      throw new ServiceError(409, "field_exists", `A data field called ${name} already exists`, {
        fields: { createFields: `${name} already exists` },
      });
    }
    newNames.add(name);
  }
  for (const target of fieldTargets) {
    const field = existing.get(target);
    if (!field && !newNames.has(target)) {
      throw invalidField("mapping", `there is no data field called ${target}`);
    }
    // An FBOPTIN_XXX column is not written: it finds the Messenger subscriber to merge.
    if (field?.system && !target.startsWith("FBOPTIN_"))
      throw invalidField("mapping", `${target} is set by Waymark and cannot be imported`);
  }
  const scope = new AccountScope(deps.db, actor.accountId);
  if (input.listId) {
    const [list] = await scope.select(lists, eq(lists.id, input.listId));
    if (!list) throw notFound("List");
  }

  // One transaction: a list name taken meanwhile leaves no new fields behind.
  const row = await deps.db.transaction(async (tx) => {
    const inTx = { ...deps, db: tx };
    for (const field of input.createFields) await createDataField(inTx, actor, field);
    const listId = input.listId ?? (await createList(inTx, actor, input.newListName!)).id;
    const [created] = await new AccountScope(tx, actor.accountId).insert(contactImports, {
      listId,
      fileName: input.fileName,
      mapping: input.mapping,
      encoding: input.encoding,
      totalBytes: input.totalBytes,
      createdByUserId: actor.userId,
    });
    return created!;
  });
  return presentImport(row);
}
