import { createHmac } from "node:crypto";

/** `appsecret_proof`: lowercase hex HMAC-SHA256 of the access token keyed by the app secret. */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}
