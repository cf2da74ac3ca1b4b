import { type Queryable, rowsOf } from "@waymark/db";
import {
  extractPlaceholders,
  type FieldDefinition,
  formatFieldValue,
  type PersonalisationCoverage,
  parseProgramDocument,
} from "@waymark/domain";
import { type SQL, sql } from "drizzle-orm";

/** Whose values to count: a list's members, or (null) every contact of the account. */
export interface CoverageInput {
  readonly listId: string | null;
  /** The fields to count, with their defaults: a contact with no value gets the default. */
  readonly fields: readonly FieldDefinition[];
}

/**
 * Personalisation coverage (issue 16.2, 19.8; reused by the dry run): for each field, how many
 * of the list's contacts have no value and would get no default, and the longest value in
 * characters. One set-based pass over the list's members (its primary key) or the account.
 */
export async function countPersonalisationCoverage(
  db: Queryable,
  accountId: string,
  input: CoverageInput,
): Promise<PersonalisationCoverage> {
  const scope = input.listId === null ? "account" : "start_list";
  const columns: SQL[] = input.fields.map(
    (field, i) => sql`,
      count(*) filter (where coalesce(c.values->>${field.name}, '') = '')::int as ${sql.identifier(`e${i}`)},
      coalesce(max(${valueLength(field)}), 0)::int as ${sql.identifier(`l${i}`)}`,
  );
  const from =
    input.listId === null
      ? sql`contacts c where c.account_id = ${accountId}::uuid`
      : sql`list_members m join contacts c on c.id = m.contact_id
          where m.list_id = ${input.listId}::uuid and m.account_id = ${accountId}::uuid`;
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(
      sql`select count(*)::int as contacts ${sql.join(columns, sql``)} from ${from}`,
    ),
  );
  const contacts = row?.contacts ?? 0;
  const fields: Record<string, { empty: number; longest: number }> = {};
  input.fields.forEach((field, i) => {
    const hasDefault = formatFieldValue(field.type, field.defaultValue) !== "";
    fields[field.name] = {
      empty: hasDefault ? 0 : (row?.[`e${i}`] ?? 0),
      longest: row?.[`l${i}`] ?? 0,
    };
  });
  return { scope, contacts, fields };
}

// Booleans render as Yes/No, whatever their stored text.
function valueLength(field: FieldDefinition): SQL {
  if (field.type === "boolean") return sql`case when c.values ? ${field.name} then 3 end`;
  return sql`char_length(c.values->>${field.name})`;
}

/**
 * The coverage of the fields a program's Messenger texts use, over its Start list (or the
 * account when it enrols through the API only); undefined for a document that does not parse.
 */
export async function programPersonalisationCoverage(
  db: Queryable,
  accountId: string,
  document: unknown,
  fields: readonly FieldDefinition[],
): Promise<PersonalisationCoverage | undefined> {
  const parsed = parseProgramDocument(document);
  if (!parsed.ok) return undefined;
  const names = new Set<string>();
  let listId: string | null = null;
  for (const node of parsed.document.nodes) {
    if (node.type === "start") listId = node.data.listId;
    if (node.type === "messenger") {
      for (const name of extractPlaceholders(node.data.text)) names.add(name);
    }
  }
  const used = fields.filter((field) => names.has(field.name));
  return countPersonalisationCoverage(db, accountId, { listId, fields: used });
}
