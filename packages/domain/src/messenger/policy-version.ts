import { z } from "zod";

/** Messenger policy versions: the seed's 2018 rules and the Graph API's rules since March 2020. */
export const POLICY_VERSIONS = ["2018", "2020"] as const;

/** The policy a Messenger profile runs under. */
export type PolicyVersion = (typeof POLICY_VERSIONS)[number];

/** Zod schema for a policy version. */
export const policyVersionSchema = z.enum(POLICY_VERSIONS, {
  error: 'Choose a Messenger policy version: "2018" or "2020"',
});
