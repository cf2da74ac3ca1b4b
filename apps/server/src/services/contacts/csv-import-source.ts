import { isUtf8 } from "node:buffer";
import { type LinePiece, LineSplitter } from "./csv-import-lines";
import { decodeWindows1252 } from "./csv-import-windows-1252";
import type { CsvEncoding } from "./import-mapping";

/** Why an upload stopped before its end; the rows before that point are still imported. */
export type UploadStop =
  | { kind: "interrupted" }
  | { kind: "too_large"; maxBytes: number }
  | { kind: "not_utf8"; line: number };

/** What the reader has seen so far, for progress and for the final report. */
export interface UploadState {
  bytes: number;
  stop?: UploadStop;
}

/**
 * The upload as UTF-8 text in whole lines, read as it arrives. It never throws: a dropped
 * connection, a body over `maxBytes` (counted as it streams, so chunked bodies are never
 * buffered) or bytes that are not text in `encoding` end it early, with `state.stop` saying why.
 */
export async function* readCsvUpload(
  body: ReadableStream<Uint8Array>,
  options: { maxBytes: number; encoding: CsvEncoding },
  state: UploadState,
): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  const lines = new LineSplitter();
  // Lines before one that is not UTF-8 still go through, so the stop is exactly at that line.
  const toUtf8 = (piece: LinePiece): Buffer => {
    if (options.encoding === "windows-1252") {
      return Buffer.from(decodeWindows1252(piece.bytes), "utf8");
    }
    if (isUtf8(piece.bytes)) return piece.bytes;
    const starts = lines.lineStarts(piece);
    const bad = starts.findIndex(
      (start, i) => !isUtf8(piece.bytes.subarray(start, starts[i + 1] ?? piece.bytes.length)),
    );
    state.stop = { kind: "not_utf8", line: piece.firstLine + Math.max(0, bad) };
    return piece.bytes.subarray(0, starts[Math.max(0, bad)]);
  };
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      state.stop = { kind: "interrupted" };
      return;
    }
    if (next.done) break;
    state.bytes += next.value.byteLength;
    if (state.bytes > options.maxBytes) {
      state.stop = { kind: "too_large", maxBytes: options.maxBytes };
      return;
    }
    const piece = lines.push(
      Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength),
    );
    if (!piece) continue;
    const text = toUtf8(piece);
    if (text.length > 0) yield text;
    if (state.stop) return;
  }
  const rest = lines.end();
  const text = rest ? toUtf8(rest) : undefined;
  if (text && text.length > 0) yield text;
}
