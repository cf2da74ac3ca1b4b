import { z } from "zod";
import { isCalendarDate } from "./statistics/stats-range";

/** What a 400 says about a cursor that is not one this server handed out. */
export const NOT_A_CURSOR = "is not a cursor from a previous page";

/** An opaque keyset cursor: the sort key of the last row of a page, as base64url JSON. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

function decodeJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The `cursor` query parameter of a keyset-paginated route: decodes the cursor and checks its
 * parts with `parts`, so a tampered cursor is a 400 naming `cursor` rather than a SQL error.
 */
export function cursorParam<T extends z.ZodType>(parts: T) {
  return z
    .string()
    .max(500)
    .transform((cursor, ctx): z.output<T> => {
      const result = parts.safeParse(decodeJson(cursor));
      if (result.success) return result.data;
      ctx.addIssue({ code: "custom", message: NOT_A_CURSOR, input: cursor });
      return z.NEVER;
    });
}

const PG_TIMESTAMPTZ =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;

/**
 * A timestamptz as PostgreSQL prints it (`::text`, ISO style: "2026-03-01 09:30:00.123456+00");
 * cursors keep this form so microseconds survive the round trip. Every field is range-checked,
 * so the `::timestamptz` cast of a value that passes cannot fail.
 */
export const pgTimestamptzText = z.string().refine((text) => {
  const m = PG_TIMESTAMPTZ.exec(text);
  if (!m) return false;
  const [hour, minute, second, offsetHour, offsetMinute, offsetSecond] = [2, 3, 4, 7, 8, 9].map(
    (i) => Number(m[i] ?? 0),
  ) as [number, number, number, number, number, number];
  return (
    isCalendarDate(m[1]!) &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetHour <= 15 &&
    offsetMinute < 60 &&
    offsetSecond < 60
  );
});

/** A bigint id as either driver returns it (postgres.js: a string; PGlite: a number). */
export const bigintId = z.union([
  z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^[1-9]\d{0,14}$/),
]);
