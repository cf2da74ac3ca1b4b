/** The SQLSTATE of a PostgreSQL error, looking through wrappers (Drizzle keeps it in `cause`). */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Object && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
