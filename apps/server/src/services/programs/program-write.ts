import { lists } from "@waymark/db";
import type { ProgramDocument } from "@waymark/domain";
import { sql } from "drizzle-orm";
import { deriveProgramColumns } from "./program-columns";

/**
 * The document and its denormalised columns, ready for an insert or update. The Start list is
 * kept only when it is one of the account's lists (checked in the same statement).
 */
export function programWriteColumns(document: ProgramDocument, accountId: string) {
  const columns = deriveProgramColumns(document);
  return {
    document,
    fieldNames: columns.fieldNames,
    profileIds: columns.profileIds,
    startListId:
      columns.startListId === null
        ? null
        : sql<string>`(select ${lists.id} from ${lists} where ${lists.id} = ${columns.startListId}::uuid and ${lists.accountId} = ${accountId}::uuid)`,
  };
}
