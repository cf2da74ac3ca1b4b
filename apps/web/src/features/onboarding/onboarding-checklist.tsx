import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { onboardingQuery } from "./onboarding-queries";
import { checklistSteps } from "./onboarding-steps";
import "./onboarding.css";

/**
 * "Get started": a new account's three first steps, each saying whether it is done and linking
 * to where it is done, until all are; then it is gone. Nothing is shown while it loads or if it
 * cannot be read: the page works without it.
 */
export function OnboardingChecklist({ onNewProgram }: { onNewProgram(): void }) {
  const status = useQuery(onboardingQuery);
  if (!status.data || status.data.complete) return null;
  const steps = checklistSteps(status.data);
  const left = steps.filter((s) => !s.done).length;
  return (
    <section className="card onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">Get started</h2>
      <p className="muted">
        {left === 1 ? "One step" : `${left} steps`} left of {steps.length}.
      </p>
      <ol className="onboarding-steps">
        {steps.map((step) => (
          <li key={step.id} className={step.done ? "done" : undefined}>
            <span className={step.done ? "badge ok" : "badge subtle"}>
              {step.done ? "Done" : "To do"}
            </span>
            <div>
              {step.href ? (
                <Link to={step.href} className="onboarding-title">
                  {step.title}
                </Link>
              ) : (
                <button
                  type="button"
                  className="link-button onboarding-title"
                  onClick={onNewProgram}
                >
                  {step.title}
                </button>
              )}
              <p className="hint">{step.description}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
