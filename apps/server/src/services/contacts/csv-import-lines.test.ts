import { isUtf8 } from "node:buffer";
import { describe, expect, it } from "vitest";
import { LineSplitter } from "./csv-import-lines";

const text = (piece: { bytes: Buffer } | undefined) => piece?.bytes.toString("utf8");

describe("LineSplitter", () => {
  it("hands out whole lines with the number of their first line, holding the unfinished one", () => {
    const lines = new LineSplitter();
    expect(lines.push(Buffer.from("a,b\r\nc,"))).toMatchObject({ firstLine: 1 });
    const second = lines.push(Buffer.from("d\r\ne,f\r\ng"));
    expect(text(second)).toBe("c,d\r\ne,f\r\n");
    expect(second?.firstLine).toBe(2);
    expect(lines.push(Buffer.from(",h"))).toBeUndefined();
    expect(lines.end()).toMatchObject({ firstLine: 4 });
  });

  it("passes a line longer than 1 MB on in pieces, never splitting a character", () => {
    const lines = new LineSplitter();
    const long = Buffer.from("é".repeat(700_000)); // 1.4 MB, two bytes a character
    const pieces = [lines.push(long.subarray(0, 1_048_577)), lines.push(long.subarray(1_048_577))];
    const first = pieces[0]!;
    expect(first.bytes.length).toBeGreaterThan(1_000_000);
    expect(isUtf8(first.bytes)).toBe(true);
    const rest = Buffer.concat([pieces[1]?.bytes ?? Buffer.alloc(0), lines.end()!.bytes]);
    expect(isUtf8(rest)).toBe(true);
    expect(first.bytes.length + rest.length).toBe(long.length);
  });
});
