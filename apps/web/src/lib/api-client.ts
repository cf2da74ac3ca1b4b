import type { ApiErrorCode } from "@waymark/domain";
import type { AppType } from "@waymark/server/types";
import { hc } from "hono/client";

/** The typed client of the server's /api routes (types come from the server's route chain). */
export const api = hc<AppType>(`${globalThis.location?.origin ?? "http://localhost"}/api`, {
  init: { credentials: "same-origin" },
});

/** The error body every route answers with. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: { fields?: Record<string, string> } };
}

/** A failed API call, carrying the server's code, message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's code; "network" when Waymark could not be reached, "unknown" for a bug here. */
    readonly code: ApiErrorCode | "network" | "unknown",
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Resolves a typed client response to its JSON body, or throws an ApiError. */
export async function unwrap<T>(
  response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
) {
  const res = await response.catch(() => {
    throw new ApiError(0, "network", "Cannot reach Waymark. Check your connection and try again.");
  });
  if (res.ok) return res.status === 204 ? (undefined as T) : await res.json();
  let body: ApiErrorBody | undefined;
  try {
    body = (await res.json()) as unknown as ApiErrorBody;
  } catch {
    body = undefined;
  }
  throw new ApiError(
    res.status,
    body?.error.code ?? `http_${res.status}`,
    body?.error.message ?? `Request failed (${res.status})`,
    body?.error.details?.fields ?? {},
  );
}
