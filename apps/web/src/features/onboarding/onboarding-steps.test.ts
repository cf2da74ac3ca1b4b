import { onboardingStatus } from "@waymark/domain";
import { describe, expect, it } from "vitest";
import { checklistSteps } from "./onboarding-steps";

const PROFILE = "7b0c3c1e-3f0a-4c55-9d6b-2f1d7a9e4b10";

describe("checklistSteps", () => {
  it("sends a new account to connect a profile first, for both Messenger steps", () => {
    const steps = checklistSteps(
      onboardingStatus({ firstProfileId: null, anyOptIn: false, anyProgramActivated: false }),
    );
    expect(steps.map((s) => [s.title, s.done, s.href])).toEqual([
      ["Connect a Messenger profile", false, "/settings/channels/messenger/new"],
      ["Put the opt-in code on your site", false, "/settings/channels/messenger/new"],
      ["Build your first program", false, null],
    ]);
  });

  it("links to the connected profile's page, where its opt-in code is", () => {
    const steps = checklistSteps(
      onboardingStatus({ firstProfileId: PROFILE, anyOptIn: false, anyProgramActivated: true }),
    );
    expect(steps.map((s) => [s.done, s.href])).toEqual([
      [true, `/settings/channels/messenger/${PROFILE}`],
      [false, `/settings/channels/messenger/${PROFILE}`],
      [true, null],
    ]);
  });
});
