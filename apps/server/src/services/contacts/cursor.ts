import { ServiceError } from "../../errors";

/** An opaque keyset cursor: the sort key of the last row of a page. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** Reads a cursor made by `encodeCursor`; 400 when it was tampered with. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.length === arity) return parts;
  } catch {
    // fall through
  }
  throw new ServiceError(400, "invalid_request", "cursor: is not a cursor from a previous page", {
    fields: { cursor: "is not a cursor from a previous page" },
  });
}
