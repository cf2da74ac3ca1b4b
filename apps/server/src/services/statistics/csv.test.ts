import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./csv";

describe("CSV writer", () => {
  it("leaves plain text alone and empties null", () => {
    expect(csvField("ana@example.com")).toBe("ana@example.com");
    expect(csvField(42)).toBe("42");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField("Silva, Ana")).toBe('"Silva, Ana"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+44 20")).toBe("'+44 20");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });

  it("round-trips through a CSV parser", () => {
    const values = ["a,b", 'q"uote', "multi\r\nline", "", "Jonas Müller", "plain"];
    const text = csvRow(values) + csvRow(["x", "y", "z", "1", "2", "3"]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parse(text)).toEqual([values, ["x", "y", "z", "1", "2", "3"]]);
  });
});
