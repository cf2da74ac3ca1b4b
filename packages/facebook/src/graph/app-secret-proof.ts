import { createHmac } from "node:crypto";

/** The `appsecret_proof` Graph expects: lowercase hex HMAC-SHA256 of the access token keyed by the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(accessToken, "utf8").digest("hex");
}
