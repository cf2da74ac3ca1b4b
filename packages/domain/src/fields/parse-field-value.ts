import { countCodePoints } from "../text/count-code-points";
import { formatCount } from "../text/format-count";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "../text/storable-text";
import type { FieldType } from "./field-type";
import type { FieldValueResult } from "./field-value";
import { quoteInput } from "./quote-input";

/** Longest text value, in characters (code points). */
export const TEXT_VALUE_MAX_LENGTH = 1000;

const NUMBER_PATTERN = /^[+-]?\d+(\.\d+)?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

/**
 * Turns what a user typed into a stored field value, or says what is wrong with it.
 * @example parseFieldValue("date", "2026-02-30") // { ok: false, message: "… February 2026 has 28 days" }
 */
export function parseFieldValue(type: FieldType, raw: string): FieldValueResult {
  switch (type) {
    case "text":
      return parseText(raw);
    case "number":
      return parseNumber(raw.trim());
    case "date":
      return parseDate(raw.trim());
    case "boolean":
      return parseBoolean(raw.trim());
  }
}

function parseText(raw: string): FieldValueResult {
  if (!isStorableText(raw)) return { ok: false, message: `The text ${UNSTORABLE_TEXT_MESSAGE}` };
  const length = countCodePoints(raw);
  if (length > TEXT_VALUE_MAX_LENGTH) {
    return {
      ok: false,
      message: `Text can be at most ${formatCount(TEXT_VALUE_MAX_LENGTH)} characters; this has ${formatCount(length)}`,
    };
  }
  return { ok: true, value: raw };
}

function parseNumber(raw: string): FieldValueResult {
  if (raw === "") return { ok: false, message: "Enter a number, e.g. -12.5" };
  if (!NUMBER_PATTERN.test(raw)) {
    if (/^[+-]?\d+,\d+$/.test(raw)) {
      return {
        ok: false,
        message: `Use a dot for decimals: ${raw.replace(",", ".")}, not ${raw}`,
      };
    }
    return {
      ok: false,
      message: `${quoteInput(raw)} is not a number; use digits with an optional minus sign and decimal point, e.g. -12.5`,
    };
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    return { ok: false, message: `${quoteInput(raw)} is too large to store as a number` };
  }
  // Normalise -0 so that "-0" and "0" are the same stored value.
  return { ok: true, value: value === 0 ? 0 : value };
}

function parseDate(raw: string): FieldValueResult {
  if (raw === "") return { ok: false, message: "Enter a date as YYYY-MM-DD, e.g. 2026-03-31" };
  const match = DATE_PATTERN.exec(raw);
  if (!match) {
    return {
      ok: false,
      message: `${quoteInput(raw)} is not a date; use YYYY-MM-DD, e.g. 2026-03-31`,
    };
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1) return { ok: false, message: `${quoteInput(raw)} is not a real date: year 0000` };
  if (month < 1 || month > 12) {
    return { ok: false, message: `${quoteInput(raw)} is not a real date: month must be 01 to 12` };
  }
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return {
      ok: false,
      message: `${quoteInput(raw)} is not a real date: ${MONTH_NAMES[month - 1]} ${match[1]} has ${days} days`,
    };
  }
  return { ok: true, value: raw };
}

function parseBoolean(raw: string): FieldValueResult {
  const lower = raw.toLowerCase();
  if (YES.has(lower)) return { ok: true, value: true };
  if (NO.has(lower)) return { ok: true, value: false };
  if (raw === "") return { ok: false, message: "Enter Yes or No" };
  return {
    ok: false,
    message: `${quoteInput(raw)} is not Yes or No; use yes/no, true/false, y/n or 1/0`,
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
