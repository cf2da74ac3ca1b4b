import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { profileStatisticsQuery } from "../statistics/statistics-queries";
import "../statistics/statistics.css";
import { BlockingPrograms } from "./blocking-programs";
import { profilesQuery } from "./profile-queries";
import { ProfileStatus } from "./profile-status";

/** Channel management > Messenger: the profiles list with New profile and Delete (SPEC §4). */
export function MessengerProfilesPage() {
  const profiles = useQuery(profilesQuery);
  // The same 7-day figures as each profile's page (one cache entry), refreshed while visible.
  const stats = useQueries({
    queries: (profiles.data?.profiles ?? []).map((p) => profileStatisticsQuery(p.id)),
  });
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.messenger.profiles.delete.$post({ json: { ids: [...checked] } })),
    onSuccess: async () => {
      setConfirming(false);
      setChecked(new Set());
      await queryClient.invalidateQueries();
    },
    // Refused (a program was activated meanwhile): show the blocking programs as they now are.
    onError: () => queryClient.invalidateQueries({ queryKey: profilesQuery.queryKey }),
  });
  const toggle = (id: string) =>
    setChecked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = (profiles.data?.profiles ?? []).filter((p) => checked.has(p.id));
  const names = chosen.map((p) => p.name);
  const blocked = chosen.filter((p) => p.activePrograms.length > 0);
  return (
    <>
      <div className="page-header">
        <h2>Messenger</h2>
        <div className="page-actions">
          <button
            type="button"
            className="button danger"
            disabled={checked.size === 0}
            onClick={() => {
              remove.reset();
              setConfirming(true);
            }}
          >
            Delete
          </button>
          <Link to="/settings/channels/messenger/new" className="button primary">
            New profile
          </Link>
        </div>
      </div>
      <p className="muted">
        A Messenger profile links a Facebook Page, so programs can send Messenger messages to
        contacts who opted in through the profile's opt-in button.
      </p>
      {profiles.isPending && (
        <p role="status" className="loading">
          Loading profiles…
        </p>
      )}
      {profiles.error && <Alert kind="error">{profiles.error.message}</Alert>}
      {profiles.data?.profiles.length === 0 && (
        <p className="muted">No Messenger profiles yet. Create one with New profile.</p>
      )}
      {profiles.data && profiles.data.profiles.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Messenger profiles</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
              <th scope="col">Name</th>
              <th scope="col">Facebook page</th>
              <th scope="col">Status</th>
              <th scope="col" className="stats-num">
                Delivered, last 7 days
              </th>
              <th scope="col" className="stats-num">
                Errors, last 7 days
              </th>
              <th scope="col">Opt-in field</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {profiles.data.profiles.map((p, i) => (
              <tr key={p.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${p.name}`}
                    checked={checked.has(p.id)}
                    onChange={() => toggle(p.id)}
                  />
                </td>
                <td>
                  <Link to={`/settings/channels/messenger/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.pageName}</td>
                <td>
                  <ProfileStatus status={p.status} connection={p.connection} />
                </td>
                <td className="stats-num">
                  <Figure query={stats[i]} value={stats[i]?.data?.delivered} />
                </td>
                <td className="stats-num">
                  {stats[i]?.data && stats[i].data.errors > 0 ? (
                    <Link
                      to={`/settings/channels/messenger/${p.id}/statistics?show=errors`}
                      aria-label={`Errors of ${p.name} in the last 7 days: ${stats[i].data.errors.toLocaleString()}`}
                    >
                      {stats[i].data.errors.toLocaleString()}
                    </Link>
                  ) : (
                    <Figure query={stats[i]} value={stats[i]?.data?.errors} />
                  )}
                </td>
                <td>
                  <code>{p.optInFieldName}</code>
                </td>
                <td>{formatDateTime(p.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={confirming}
        title={names.length === 1 ? `Delete ${names[0]}?` : `Delete ${names.length} profiles?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        confirmDisabled={blocked.length > 0}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate()}
      >
        {blocked.length > 0 ? (
          <Alert kind="error">
            {blocked.map((p) => (
              <p key={p.id}>
                <BlockingPrograms
                  profileName={p.name}
                  programs={p.activePrograms}
                  action="delete"
                />
              </p>
            ))}
            {chosen.length > blocked.length && (
              <p>Nothing is deleted until then: profiles are deleted all together or not at all.</p>
            )}
          </Alert>
        ) : (
          remove.error && <Alert kind="error">{remove.error.message}</Alert>
        )}
        <p>
          Deleting a profile deletes all of its usage statistics. Contacts and their data are kept:
          the FBOPTIN field stays as an ordinary data field.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** One figure of a profile's row: loading, unavailable (with why), or the number. */
function Figure({
  query,
  value,
}: {
  query: { error: Error | null } | undefined;
  value: number | undefined;
}) {
  if (query?.error) return <span title={query.error.message}>–</span>;
  if (value === undefined) return <span className="muted">…</span>;
  return <>{value.toLocaleString()}</>;
}
