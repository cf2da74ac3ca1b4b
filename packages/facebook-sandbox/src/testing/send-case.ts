import type { ExpectedError } from "./graph-assertions";
import type { Harness, PageSetup } from "./test-harness";

/** One row of the Send API refusal table: the rule, a request, and Facebook's answer. */
export type SendErrorCase = [
  rule: string,
  request: (h: Harness, s: PageSetup) => Response | Promise<Response>,
  expected: ExpectedError,
];

/** The query string carrying a setup's token and proof. */
export const auth = (s: PageSetup) => `access_token=${s.token}&appsecret_proof=${s.proof}`;

/** POSTs a form-encoded Send API body. */
export const postForm = (h: Harness, s: PageSetup, body: string) =>
  h.app.request(`/v25.0/me/messages?${auth(s)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
