/** How a CSV file's bytes are text; the server reads the file the same way. */
export type CsvEncoding = "utf-8" | "windows-1252";

export const CSV_ENCODING_LABELS: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "windows-1252": 'Windows-1252 (Western European, as Excel saves "CSV" on Windows)',
};

/**
 * UTF-8 unless the start of the file is not valid UTF-8, which in practice means Excel's
 * Windows-1252 "CSV". A character cut at the end of the sample is not an error (stream mode).
 */
export async function detectCsvEncoding(file: Blob): Promise<CsvEncoding> {
  const start = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(start, { stream: true });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}
