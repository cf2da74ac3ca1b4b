import { describe, expect, it } from "vitest";
import { ApiError, unwrap } from "./api-client";

const response = (status: number, body: unknown) =>
  Promise.resolve({ ok: status < 400, status, json: async () => body });

describe("unwrap", () => {
  it("returns the JSON body of a success", async () => {
    await expect(unwrap(response(200, { a: 1 }))).resolves.toEqual({ a: 1 });
  });

  it("throws the server's code, message and field messages", async () => {
    const failure = unwrap(
      response(400, {
        error: {
          code: "invalid_request",
          message: "email: bad",
          details: { fields: { email: "bad" } },
        },
      }),
    );
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
      fields: { email: "bad" },
    });
  });

  it("explains a network failure", async () => {
    await expect(unwrap(Promise.reject(new TypeError("fetch failed")))).rejects.toMatchObject({
      code: "network",
    });
  });
});
