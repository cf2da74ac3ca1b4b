import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ContactLabel } from "../contacts/contact-label";
import { createKeyedStore, type KeyedStore, useKeyedValue } from "./keyed-store";

/** A Messenger node's counts by message outcome, each a link to its contacts. */
export const MESSAGE_KINDS = ["sent", "delivered", "read", "warnings", "errors"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What a node's drill-down lists. */
export type ContactsKind = "now" | "passed" | MessageKind;

export interface NodeCounts {
  now: number;
  passed: number;
  messages?: Readonly<Record<MessageKind, number>> | undefined;
}

interface ActivityValue {
  /** Counts per node id (a node without an entry has none yet). */
  counts: KeyedStore<NodeCounts>;
  /** Whether the program has activity to show (not for drafts). */
  known: boolean;
  show(nodeId: string, kind: ContactsKind): void;
}

/** The activity counts per node; a node re-renders only when its own counts change. */
export function createCountsStore() {
  return createKeyedStore<NodeCounts>(
    new Map(),
    (a, b) =>
      a.now === b.now &&
      a.passed === b.passed &&
      MESSAGE_KINDS.every((k) => a.messages?.[k] === b.messages?.[k]),
  );
}

const ActivityContext = createContext<ActivityValue>({
  counts: createCountsStore(),
  known: false,
  show: () => {},
});
export const ActivityProvider = ActivityContext.Provider;

/** Per-node counts of a running or deactivated program (null for drafts). */
export function useNodeCounts(nodeId: string): {
  counts: NodeCounts | null;
  show: ActivityValue["show"];
} {
  const { counts, known, show } = useContext(ActivityContext);
  const value = useKeyedValue(counts, nodeId);
  return { counts: known ? (value ?? NO_COUNTS) : null, show };
}
const NO_COUNTS: NodeCounts = { now: 0, passed: 0 };

/** The program's activity, refreshed every few seconds while the page is open and visible. */
export function useProgramActivity(programId: string, status: string) {
  return useQuery({
    queryKey: ["program-activity", programId],
    queryFn: () => unwrap(api.activity.programs[":id"].$get({ param: { id: programId } })),
    enabled: status !== "draft",
    // Deactivated programs still settle: sent messages are delivered and read.
    refetchInterval: 3_000,
    refetchIntervalInBackground: false,
  });
}

/** Per node: contacts now and passed, and a Messenger node's messages by outcome. */
export function countsByNode(data: {
  nodes: Record<string, { now: number; passed: number }>;
  messages: Record<string, Record<MessageKind, number>>;
}): Map<string, NodeCounts> {
  const map = new Map<string, NodeCounts>();
  for (const [id, c] of Object.entries(data.nodes)) map.set(id, { ...c });
  for (const [id, messages] of Object.entries(data.messages)) {
    map.set(id, { now: 0, passed: 0, ...map.get(id), messages });
  }
  return map;
}

const TITLES: Record<ContactsKind, string> = {
  now: "Contacts at",
  passed: "Contacts that passed through",
  sent: "Contacts sent a message by",
  delivered: "Contacts whose message was delivered by",
  read: "Contacts who read the message of",
  warnings: "Contacts not sent a message (warnings) by",
  errors: "Contacts whose message failed (errors) at",
};

/** The contacts at a node now, or that passed through it, in a dialog. */
export function NodeContactsDialog(props: {
  programId: string;
  nodeId: string;
  nodeLabel: string;
  kind: ContactsKind;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const contacts = useInfiniteQuery({
    queryKey: ["program-activity", props.programId, props.nodeId, props.kind],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.activity.programs[":id"].nodes[":nodeId"].contacts.$get({
          param: { id: props.programId, nodeId: props.nodeId },
          query: { kind: props.kind, cursor: pageParam ?? undefined, limit: "50" },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = contacts.data?.pages.flatMap((p) => p.contacts) ?? [];
  const title = `${TITLES[props.kind]} ${props.nodeLabel}`;
  return (
    <dialog ref={ref} className="dialog wide" aria-label={title} onClose={props.onClose}>
      <h2>{title}</h2>
      {contacts.isPending && <p role="status">Loading…</p>}
      {contacts.error && <Alert kind="error">{contacts.error.message}</Alert>}
      {contacts.isSuccess && rows.length === 0 && <p className="muted">No contacts.</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Contact</th>
              <th scope="col">{props.kind === "now" ? "Since" : "At"}</th>
              <th scope="col">{props.kind === "now" ? "Moves on" : "Outcome"}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={`${c.contactId}-${c.at}`}>
                <td>
                  <Link to={`/contacts/${c.contactId}`}>
                    <ContactLabel contact={c} />
                  </Link>
                </td>
                <td>{formatDateTime(c.at)}</td>
                <td>
                  {props.kind === "now"
                    ? c.dueAt
                      ? formatDateTime(c.dueAt)
                      : ""
                    : (c.outcome ?? "")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        {contacts.hasNextPage && (
          <button type="button" className="button" onClick={() => contacts.fetchNextPage()}>
            Show more
          </button>
        )}
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
