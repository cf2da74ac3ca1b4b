import type { OnboardingStatus, OnboardingStepId } from "@waymark/domain";

/** How a step of the checklist reads, and where it is done (null: on this page, by a button). */
export interface ChecklistStep {
  id: OnboardingStepId;
  title: string;
  description: string;
  done: boolean;
  href: string | null;
}

const TEXT: Record<OnboardingStepId, { title: string; description: string }> = {
  "connect-messenger": {
    title: "Connect a Messenger profile",
    description: "Link your Facebook Page, so programs can send Messenger messages.",
  },
  "opt-in-code": {
    title: "Put the opt-in code on your site",
    description:
      "Copy it from the profile's page onto your website. Done when the first person opts in.",
  },
  "first-program": {
    title: "Build your first program",
    description: "Draw it on the canvas, then activate it.",
  },
};

/** The checklist's steps from the server's status, each linking to where it is done. */
export function checklistSteps(status: OnboardingStatus): ChecklistStep[] {
  const profilePage = status.profileId
    ? `/settings/channels/messenger/${status.profileId}`
    : "/settings/channels/messenger";
  const href: Record<OnboardingStepId, string | null> = {
    "connect-messenger": status.profileId ? profilePage : "/settings/channels/messenger/new",
    "opt-in-code": status.profileId ? profilePage : "/settings/channels/messenger/new",
    "first-program": null,
  };
  return status.steps.map((step) => ({ ...step, ...TEXT[step.id], href: href[step.id] }));
}
