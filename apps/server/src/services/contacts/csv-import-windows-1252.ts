/** Bytes 0x80–0x9F of Windows-1252 (WHATWG index-windows-1252); all other bytes are Latin-1. */
// biome-ignore format: a byte table reads best 8 to a row
const HIGH_HALF = String.fromCodePoint(
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
);

/**
 * Windows-1252 bytes as text. Not TextDecoder: Node 20.18.3+ decodes windows-1252 as Latin-1,
 * turning € and curly quotes into control characters (nodejs/node#60888).
 */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => HIGH_HALF[c.charCodeAt(0) - 0x80]!);
}
