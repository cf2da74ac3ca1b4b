import { createHmac } from "node:crypto";

/** The `appsecret_proof` Graph expects: lowercase hex HMAC-SHA256 of the access token keyed by the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(accessToken, "utf8").digest("hex");
}

/**
 * `appSecretProof` remembered per token: a sender repeats a handful of Page tokens thousands of
 * times a second. Forgets everything once `capacity` tokens are held, so memory stays bounded.
 */
export function appSecretProofs(appSecret: string, capacity = 10_000): (token: string) => string {
  const proofs = new Map<string, string>();
  return (token) => {
    let proof = proofs.get(token);
    if (proof === undefined) {
      if (proofs.size >= capacity) proofs.clear();
      proof = appSecretProof(token, appSecret);
      proofs.set(token, proof);
    }
    return proof;
  };
}
