const LABELS = { draft: "Draft", active: "Active", deactivated: "Deactivated" } as const;

/** A program's state as a badge: Draft, Active or Deactivated. */
export function ProgramStatus({ status }: { status: keyof typeof LABELS }) {
  return <span className={`program-status program-status-${status}`}>{LABELS[status]}</span>;
}
