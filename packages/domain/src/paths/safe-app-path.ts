const BASE = "http://waymark.invalid";

/** Characters URL parsers drop ("\t", "\n") or read as "/" ("\\"): "/x" could become "//host". */
function hasSlipperyChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/** A dot segment ("." or "..") anywhere in a decoded path. */
const DOT_SEGMENT = /\/\.\.?(\/|$)/;

/**
 * A same-origin path under `under`, or `fallback`: the input is resolved as a browser would
 * (dot segments, `%2e%2e`), then checked, so only a path that stays inside the app survives.
 * Returns the normalised path and query, never a host, scheme or fragment.
 */
export function safeAppPath(
  input: string | null | undefined,
  options: { fallback: string; under?: string },
): string {
  const { fallback, under = "/" } = options;
  if (typeof input !== "string" || input.length > 2048 || hasSlipperyChar(input)) return fallback;
  if (!input.startsWith("/") || input.startsWith("//")) return fallback;
  let url: URL;
  let decodedPath: string;
  try {
    url = new URL(input, BASE);
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // A router may decode the path once more: it must still hold no "//", "\" or dot segment.
  if (hasSlipperyChar(decodedPath) || decodedPath.includes("//") || DOT_SEGMENT.test(decodedPath)) {
    return fallback;
  }
  const prefix = under.endsWith("/") ? under : `${under}/`;
  if (url.pathname !== under && !url.pathname.startsWith(prefix)) return fallback;
  return url.pathname + url.search;
}
