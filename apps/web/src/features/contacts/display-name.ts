/** A contact's name for tables: FULLNAME, else FIRSTNAME LASTNAME, else empty. */
export function displayName(values: Record<string, unknown>): string {
  if (typeof values.FULLNAME === "string" && values.FULLNAME) return values.FULLNAME;
  return [values.FIRSTNAME, values.LASTNAME].filter((v) => typeof v === "string" && v).join(" ");
}
