import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { api, unwrap } from "../../lib/api-client";

/** A dry run as the server returns it. */
export type DryRun = NonNullable<Awaited<ReturnType<typeof fetchLatest>>["dryRun"]>;

const fetchLatest = (programId: string) =>
  unwrap(api["dry-runs"].programs[":id"].latest.$get({ param: { id: programId } }));

const key = (programId: string) => ["dry-run", programId] as const;

// Which program's test-run panel is open: one at a time, shared by the toolbar and the nodes.
let openProgram: string | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Whether the test-run panel (and its counts on the nodes) is shown for this program. */
export function useDryRunPanel(programId: string): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(subscribe, () => openProgram === programId);
  const set = (next: boolean) => {
    openProgram = next ? programId : openProgram === programId ? null : openProgram;
    for (const listener of listeners) listener();
  };
  return [open, set];
}

/** The program's newest dry run, read every second while it runs (only while the panel is open). */
export function useLatestDryRun(programId: string, enabled: boolean) {
  return useQuery({
    queryKey: key(programId),
    queryFn: () => fetchLatest(programId),
    enabled,
    refetchInterval: (query) => (query.state.data?.dryRun?.status === "running" ? 1_000 : false),
  });
}

/** Starts a dry run of the saved version; the panel then follows it. */
export function useStartDryRun(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api["dry-runs"].programs[":id"].$post({ param: { id: programId } })),
    onSuccess: (dryRun) => client.setQueryData(key(programId), { dryRun }),
  });
}

/** Stops the running dry run, keeping what it counted. */
export function useCancelDryRun(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      unwrap(
        api["dry-runs"].programs[":id"].runs[":runId"].cancel.$post({
          param: { id: programId, runId },
        }),
      ),
    onSuccess: (dryRun) => client.setQueryData(key(programId), { dryRun }),
  });
}
