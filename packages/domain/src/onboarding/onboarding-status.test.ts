import { describe, expect, it } from "vitest";
import { onboardingStatus, onboardingStatusSchema } from "./onboarding-status";

const PROFILE = "7b0c3c1e-3f0a-4c55-9d6b-2f1d7a9e4b10";

describe("onboardingStatus", () => {
  it("has all three steps to do for a new account", () => {
    const status = onboardingStatus({
      firstProfileId: null,
      anyOptIn: false,
      anyProgramActivated: false,
    });
    expect(status).toEqual({
      steps: [
        { id: "connect-messenger", done: false },
        { id: "opt-in-code", done: false },
        { id: "first-program", done: false },
      ],
      complete: false,
      profileId: null,
    });
    expect(onboardingStatusSchema.parse(status)).toEqual(status);
  });

  it("marks each step by its own fact, in any order", () => {
    const status = onboardingStatus({
      firstProfileId: null,
      anyOptIn: false,
      anyProgramActivated: true,
    });
    expect(status.steps.map((s) => s.done)).toEqual([false, false, true]);
    expect(status.complete).toBe(false);
  });

  it("points at the first profile for its opt-in code", () => {
    const status = onboardingStatus({
      firstProfileId: PROFILE,
      anyOptIn: false,
      anyProgramActivated: false,
    });
    expect(status.profileId).toBe(PROFILE);
    expect(status.steps[0]).toEqual({ id: "connect-messenger", done: true });
  });

  it("is complete only when every step is done", () => {
    const status = onboardingStatus({
      firstProfileId: PROFILE,
      anyOptIn: true,
      anyProgramActivated: true,
    });
    expect(status.complete).toBe(true);
    expect(status.steps.every((s) => s.done)).toBe(true);
  });
});
