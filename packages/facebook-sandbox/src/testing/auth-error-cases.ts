import { appSecretProof } from "../state/app-secret-proof";
import { auth, postForm, type SendErrorCase } from "./send-case";
import { APP_SECRET, textTo } from "./test-harness";

/** MESSENGER.md §8 rules 1–5: path, token, permissions, appsecret_proof, body encoding. */
export const authErrorCases: SendErrorCase[] = [
  [
    "1: page id in the path is not the token's page",
    (h, s) => h.send(s, textTo(s.psid), { path: "110000000000003" }),
    { code: 100, subcode: 33, type: "GraphMethodException" },
  ],
  ["2: no access token", (h, s) => h.send(s, textTo(s.psid), { query: "" }), { code: 190 }],
  [
    "2: unknown access token",
    (h, s) => h.send(s, textTo(s.psid), { query: "access_token=EAAnope&appsecret_proof=x" }),
    { code: 190 },
  ],
  [
    "2: revoked token (app removed from page)",
    async (h) => {
      const s = await h.setupPage();
      await h.admin.revokePage(s.pageId);
      return h.send(s, textTo(s.psid));
    },
    { code: 190, subcode: 458 },
  ],
  [
    "3: a user token",
    async (h, s) => {
      const token = await h.admin.issueUserToken({ userId: s.userId });
      return h.send(s, textTo(s.psid), {
        query: `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
      });
    },
    { code: 230 },
  ],
  [
    "3: a page token without pages_messaging",
    async (h, s) => {
      const token = await h.admin.pageToken({
        userId: s.userId,
        pageId: s.pageId,
        scopes: ["pages_show_list"],
      });
      return h.send(s, textTo(s.psid), {
        query: `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
      });
    },
    { code: 230 },
  ],
  [
    "3: a page token of an Analyst (no MESSAGING task)",
    async (h, s) => {
      const { user } = await h.admin.addUser({
        name: "Analyst",
        pages: [{ pageId: s.pageId, role: "Analyst" }],
      });
      const token = await h.admin.pageToken({ userId: user.id, pageId: s.pageId });
      return h.send(s, textTo(s.psid), {
        query: `access_token=${token}&appsecret_proof=${appSecretProof(APP_SECRET, token)}`,
      });
    },
    { code: 230 },
  ],
  [
    "4: missing appsecret_proof",
    (h, s) => h.send(s, textTo(s.psid), { query: `access_token=${s.token}` }),
    { code: 100, type: "GraphMethodException" },
  ],
  [
    "4: wrong appsecret_proof",
    (h, s) =>
      h.send(s, textTo(s.psid), {
        query: `access_token=${s.token}&appsecret_proof=${appSecretProof("other", s.token)}`,
      }),
    { code: 100, type: "GraphMethodException" },
  ],
  [
    "4: upper-case appsecret_proof",
    (h, s) =>
      h.send(s, textTo(s.psid), {
        query: `access_token=${s.token}&appsecret_proof=${s.proof.toUpperCase()}`,
      }),
    { code: 100, type: "GraphMethodException" },
  ],
  ["5: unparsable JSON", (h, s) => h.send(s, '{"recipient": {"id": '), { code: 100 }],
  ["5: JSON that is not an object", (h, s) => h.send(s, "[1,2]"), { code: 100 }],
  [
    "5: invalid UTF-8 bytes",
    (h, s) =>
      h.app.request(`/v25.0/me/messages?${auth(s)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      }),
    { code: 100 },
  ],
  [
    "5: form body with a non-JSON recipient",
    (h, s) =>
      postForm(h, s, "recipient=nope&messaging_type=UPDATE&message=%7B%22text%22%3A%22hi%22%7D"),
    { code: 100 },
  ],
];
