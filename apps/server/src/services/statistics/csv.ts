const NEEDS_QUOTES = /[",\r\n]/;
// Spreadsheets run a cell that starts like this as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, with quotes
 * doubled. Text that a spreadsheet would run as a formula gets a leading apostrophe, so a
 * contact named `=HYPERLINK(…)` stays text. Null and undefined are empty.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

type CsvValue = string | number | null | undefined;

/**
 * A CSV download streamed page by page: a byte order mark (so spreadsheets read UTF-8) and the
 * header first, then one chunk per `nextPage` call until it says it was the last. Each pull
 * reads one page, so memory stays flat and nothing holds the database between chunks.
 */
export function csvStream(
  header: readonly CsvValue[],
  nextPage: () => Promise<{ rows: CsvValue[][]; last: boolean }>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
        return;
      }
      const page = await nextPage();
      const text = page.rows.map(csvRow).join("");
      if (text) controller.enqueue(encoder.encode(text));
      if (page.last) controller.close();
    },
  });
}
