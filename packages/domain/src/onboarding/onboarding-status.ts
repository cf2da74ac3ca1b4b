import { z } from "zod";

/** The three first steps of a new account, in the order they are done. */
export const ONBOARDING_STEPS = ["connect-messenger", "opt-in-code", "first-program"] as const;
export type OnboardingStepId = (typeof ONBOARDING_STEPS)[number];

/** What the app is told about a new account's first steps (`GET /api/onboarding`). */
export const onboardingStatusSchema = z.object({
  steps: z.array(z.object({ id: z.enum(ONBOARDING_STEPS), done: z.boolean() })),
  /** Every step is done: the checklist is no longer shown. */
  complete: z.boolean(),
  /** The profile whose opt-in code to put on the site (the first one connected), if any. */
  profileId: z.uuid().nullable(),
});
export type OnboardingStatus = z.infer<typeof onboardingStatusSchema>;

/** What the account has done so far, as read from its records. */
export interface OnboardingFacts {
  /** The first Messenger profile connected, or null. */
  firstProfileId: string | null;
  /** Someone opted in through any profile: the opt-in code is live on a site. */
  anyOptIn: boolean;
  /** A program has been activated (it is active or deactivated now). */
  anyProgramActivated: boolean;
}

/**
 * Each step done or not, from the account's records: a step is done when its result exists
 * (a profile, an opt-in, an activated program), never because it was clicked.
 */
export function onboardingStatus(facts: OnboardingFacts): OnboardingStatus {
  const done: Record<OnboardingStepId, boolean> = {
    "connect-messenger": facts.firstProfileId !== null,
    "opt-in-code": facts.anyOptIn,
    "first-program": facts.anyProgramActivated,
  };
  const steps = ONBOARDING_STEPS.map((id) => ({ id, done: done[id] }));
  return {
    steps,
    complete: steps.every((s) => s.done),
    profileId: facts.firstProfileId,
  };
}
