const LF = 0x0a;
const CR = 0x0d;
/** A line longer than this is passed on in pieces rather than held whole. */
const MAX_HELD_BYTES = 1024 * 1024;

/** A piece of the file made of whole lines, and the line number its first byte is on. */
export interface LinePiece {
  bytes: Buffer;
  firstLine: number;
}

/**
 * Cuts an upload into pieces that end at a line break, holding back the unfinished last line:
 * an upload cut short then never hands the parser half a row, and a cut never splits a
 * character. Lines end in LF, CRLF or (old Mac files) a bare CR, whichever comes first.
 */
export class LineSplitter {
  private held: Buffer = Buffer.alloc(0);
  private lineBreak: number | undefined;
  private breaksPassed = 0;

  push(chunk: Buffer): LinePiece | undefined {
    const data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    this.lineBreak ??= detectLineBreak(data);
    let cut = this.lineBreak === undefined ? 0 : data.lastIndexOf(this.lineBreak) + 1;
    if (cut === 0 && data.length > MAX_HELD_BYTES) cut = lastCharacterStart(data);
    this.held = data.subarray(cut);
    return this.take(data.subarray(0, cut));
  }

  /** The rest of a complete upload (its last line may have no line break). */
  end(): LinePiece | undefined {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return this.take(rest);
  }

  /** Where each line of a piece starts, as offsets into it. */
  lineStarts(piece: LinePiece): number[] {
    const starts = [0];
    const lineBreak = this.lineBreak ?? LF;
    for (
      let i = piece.bytes.indexOf(lineBreak);
      i !== -1;
      i = piece.bytes.indexOf(lineBreak, i + 1)
    ) {
      if (i + 1 < piece.bytes.length) starts.push(i + 1);
    }
    return starts;
  }

  private take(bytes: Buffer): LinePiece | undefined {
    if (bytes.length === 0) return undefined;
    const piece = { bytes, firstLine: this.breaksPassed + 1 };
    this.breaksPassed += countByte(bytes, this.lineBreak ?? LF);
    return piece;
  }
}

/** LF for LF and CRLF files, CR for bare-CR files; undefined until the first break is seen. */
function detectLineBreak(data: Buffer): number | undefined {
  const lf = data.indexOf(LF);
  const cr = data.indexOf(CR);
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? undefined : LF;
  if (cr + 1 >= data.length) return undefined;
  return data[cr + 1] === LF ? LF : CR;
}

/** The offset of the last UTF-8 character's first byte (continuation bytes are 10xxxxxx). */
function lastCharacterStart(data: Buffer): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 4); i--) {
    if ((data[i]! & 0xc0) !== 0x80) return i;
  }
  return data.length;
}

function countByte(data: Buffer, byte: number): number {
  let n = 0;
  for (let i = data.indexOf(byte); i !== -1; i = data.indexOf(byte, i + 1)) n++;
  return n;
}
