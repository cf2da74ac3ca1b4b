import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Queryable } from "./client";

/** A table whose rows belong to one account. */
export type AccountOwnedTable = PgTable & { accountId: PgColumn };

/**
 * Data access bound to one account: every read, update and delete made through it carries
 * `account_id = <account>`, so a service cannot forget isolation (SPEC §2). Records of other
 * accounts are indistinguishable from missing ones.
 */
export class AccountScope {
  constructor(
    readonly db: Queryable,
    readonly accountId: string,
  ) {}

  /** The account condition on `table`, and-ed with `conditions`. */
  where(table: AccountOwnedTable, ...conditions: (SQL | undefined)[]): SQL {
    return and(eq(table.accountId, this.accountId), ...conditions)!;
  }

  /** All columns of the account's rows of `table` matching `condition`. */
  select<T extends AccountOwnedTable>(table: T, condition?: SQL) {
    return this.db
      .select()
      .from(table as PgTable)
      .where(this.where(table, condition)) as unknown as Promise<T["$inferSelect"][]>;
  }

  /** Updates the account's rows of `table` matching `condition`; returns the updated rows. */
  update<T extends AccountOwnedTable>(table: T, set: PgUpdateSetSource<T>, condition?: SQL) {
    return this.db
      .update(table)
      .set(set)
      .where(this.where(table, condition))
      .returning() as unknown as Promise<T["$inferSelect"][]>;
  }

  /** Deletes the account's rows of `table` matching `condition`; returns the deleted rows. */
  delete<T extends AccountOwnedTable>(table: T, condition?: SQL) {
    return this.db
      .delete(table)
      .where(this.where(table, condition))
      .returning() as unknown as Promise<T["$inferSelect"][]>;
  }

  /** Inserts rows into `table` owned by this account. */
  insert<T extends AccountOwnedTable>(
    table: T,
    values: Omit<T["$inferInsert"], "accountId"> | Omit<T["$inferInsert"], "accountId">[],
  ) {
    const rows = (Array.isArray(values) ? values : [values]).map((v) => ({
      ...v,
      accountId: this.accountId,
    }));
    return this.db
      .insert(table)
      .values(rows as T["$inferInsert"][])
      .returning() as unknown as Promise<T["$inferSelect"][]>;
  }
}
