import { Transform } from "node:stream";

/**
 * Turns CRLF into LF across chunk boundaries, so the CSV parser counts lines right
 * (it miscounts CRLF inside quoted values) and values carry one newline convention.
 */
export function normaliseNewlines(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let text = chunk.toString("latin1");
      if (pendingCr) text = `\r${text}`;
      pendingCr = text.endsWith("\r");
      if (pendingCr) text = text.slice(0, -1);
      callback(null, Buffer.from(text.replace(/\r\n/g, "\n"), "latin1"));
    },
    flush(callback) {
      callback(null, pendingCr ? Buffer.from("\r", "latin1") : null);
    },
  });
}
