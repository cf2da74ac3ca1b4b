import { describe, expect, it } from "vitest";
import { detectCsvEncoding } from "./csv-encoding";

describe("detectCsvEncoding", () => {
  it("keeps UTF-8 for UTF-8 text, even when the sample cuts a character in two", async () => {
    const text = new TextEncoder().encode(`EMAIL,Name\n${"a".repeat(64 * 1024 - 15)},Zoë\n`);
    expect(text[64 * 1024 - 1]).toBe(0xc3); // the sample ends inside "ë"
    expect(await detectCsvEncoding(new Blob([text]))).toBe("utf-8");
  });

  it("picks Windows-1252 for a file whose start is not UTF-8", async () => {
    const latin1 = Uint8Array.from("EMAIL,Prénom\nzoe@example.com,Zoë\n", (c) => c.charCodeAt(0));
    expect(await detectCsvEncoding(new Blob([latin1]))).toBe("windows-1252");
  });
});
