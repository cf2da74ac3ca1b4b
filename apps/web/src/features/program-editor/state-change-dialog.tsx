import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api-client";
import { formatCount } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";

type Summary = Awaited<ReturnType<typeof loadSummary>>;

const loadSummary = (id: string) =>
  unwrap(api.programs[":id"]["activation-summary"].$get({ param: { id } }));

/** What activating does, one plain sentence per effect. */
function activationLines(s: Summary): string[] {
  const lines: string[] = [];
  if (s.contactsInProgram > 0) {
    lines.push(
      `Resume the ${formatCount(s.contactsInProgram, "contact", "contacts")} already in the program where they are (a Wait that ended meanwhile moves on at once).`,
    );
  }
  if (s.messagesHeld > 0) {
    lines.push(
      `Send the ${formatCount(s.messagesHeld, "message", "messages")} held while it was deactivated.`,
    );
  }
  if (s.list) {
    lines.push(
      `Enrol ${formatCount(s.list.toEnrol, "contact", "contacts")} of list “${s.list.name}” now, and new members as they join.`,
    );
  }
  if (s.allowApi) lines.push("Enrol contacts sent through the API.");
  if (!s.list && !s.allowApi) lines.push("Enrol no one: the Start node names no list and no API.");
  lines.push(
    s.profiles.length > 0
      ? `Send through ${s.profiles.map((p) => `“${p.name}”`).join(", ")}.`
      : "Send no Messenger messages.",
  );
  return lines;
}

/** What deactivating does to contacts and messages in flight. */
function deactivationLines(s: Summary): string[] {
  return [
    "Stop enrolling contacts, from the list and through the API.",
    `${formatCount(s.contactsInProgram, "contact stays", "contacts stay")} where ${s.contactsInProgram === 1 ? "it is" : "they are"}${s.contactsWaiting > 0 ? ` (${formatCount(s.contactsWaiting, "waiting at a Wait", "waiting at a Wait")})` : ""}; none move on while it is deactivated.`,
    s.messagesQueued > 0
      ? `Hold the ${formatCount(s.messagesQueued, "message", "messages")} not yet sent; ${s.messagesQueued === 1 ? "it is" : "they are"} sent when it is activated again.`
      : "No messages are waiting to be sent.",
    "Activating it again resumes every contact where it stopped and sends the held messages.",
  ];
}

/** Confirms activation or deactivation after saying what it will do (issue 19.3). */
export function StateChangeDialog(props: {
  programId: string;
  programName: string;
  kind: "activate" | "deactivate" | null;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { kind } = props;
  const summary = useQuery({
    queryKey: ["activation-summary", props.programId, kind],
    queryFn: () => loadSummary(props.programId),
    enabled: kind !== null,
    staleTime: 0,
  });
  const lines =
    summary.data && kind
      ? kind === "activate"
        ? activationLines(summary.data)
        : deactivationLines(summary.data)
      : [];
  const verb = kind === "deactivate" ? "Deactivate" : "Activate";
  return (
    <ConfirmDialog
      open={kind !== null}
      title={`${verb} “${props.programName}”?`}
      confirmLabel={`${verb} now`}
      busy={props.busy}
      confirmDisabled={!summary.isSuccess}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      {summary.isPending && <p role="status">Working out what this will do…</p>}
      {summary.error && (
        <Alert kind="error">
          <p>Waymark could not say what this will do.</p>
          <p className="muted">{summary.error.message}</p>
        </Alert>
      )}
      {lines.length > 0 && (
        <>
          <p>
            {kind === "activate"
              ? "Activating this program will:"
              : "Deactivating this program will:"}
          </p>
          <ul aria-label={`What ${verb.toLowerCase()} does`}>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
