import { expect } from "vitest";

export interface ExpectedError {
  code: number;
  subcode?: number;
  type?: string;
  status?: number;
}

/** Asserts Facebook's error envelope (MESSENGER.md §1.4, §8 rule 22). */
export async function expectGraphError(response: Response, expected: ExpectedError) {
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(response.status, JSON.stringify(body)).toBe(expected.status ?? 400);
  expect(response.headers.get("content-type")).toContain("application/json");
  expect(body.error, JSON.stringify(body)).toMatchObject({
    type: expected.type ?? "OAuthException",
    code: expected.code,
  });
  expect(typeof body.error.message).toBe("string");
  expect(body.error.fbtrace_id).toMatch(/^[A-Za-z0-9]{11}$/);
  if (expected.subcode === undefined) expect(body.error.error_subcode).toBeUndefined();
  else expect(body.error.error_subcode).toBe(expected.subcode);
  return body.error;
}
