import { describe, expect, it } from "vitest";
import { decodeWindows1252 } from "./csv-import-windows-1252";

describe("decodeWindows1252", () => {
  it("maps 0x80–0x9F as Windows-1252 does (euro, curly quotes, dashes)", () => {
    const bytes = Buffer.from([0x80, 0x20, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9f, 0x8a]);
    expect(decodeWindows1252(bytes)).toBe(
      "\u20ac \u2018\u2019\u201c\u201d\u2013\u2014\u0178\u0160",
    );
  });

  it("reads every other byte as Latin-1, keeping the five unassigned bytes", () => {
    const bytes = Buffer.from([0x41, 0xe9, 0xff, 0x00, 0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    expect(decodeWindows1252(bytes)).toBe("A\u00e9\u00ff\u0000\u0081\u008d\u008f\u0090\u009d");
  });
});
