import { type Column, getTableName, type SQL, sql, type Table } from "drizzle-orm";

// Raw SQL names tables and columns through the schema objects, so a rename cannot miss one:
// `const m = alias(messengerMessages, "m")`, then `${tableAs(m)}` where the table is named,
// `${m.status}` (→ "m"."status") in expressions, `${named(m.status)}` where no qualifier goes.

/**
 * `"table" as "alias"` for a table made with drizzle's `alias()` (drizzle renders an alias by its
 * name alone), or the table's own name: for FROM, JOIN, UPDATE and INSERT INTO.
 */
export function tableAs(table: Table): SQL {
  // drizzle keeps these under its registered symbols; its typings mark them internal.
  const own = table as unknown as Record<symbol, string | undefined>;
  const schema = own[Symbol.for("drizzle:Schema")];
  const name = getTableName(table);
  const original = own[Symbol.for("drizzle:OriginalName")] ?? name;
  const qualified = schema
    ? sql`${sql.identifier(schema)}.${sql.identifier(original)}`
    : sql`${sql.identifier(original)}`;
  return name === original ? qualified : sql`${qualified} as ${sql.identifier(name)}`;
}

/** A column's bare name (`"sent_day"`): SET lists, INSERT column lists, ON CONFLICT targets. */
export function named(column: Column): SQL {
  return sql`${sql.identifier(column.name)}`;
}
