import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api, unwrap } from "../../lib/api-client";
import { formatDateTime } from "../../lib/format";
import { Alert } from "../../ui/alert";
import { ProfileOptIns } from "../statistics/profile-opt-ins";
import { ProfileStatistics } from "../statistics/profile-statistics";
import { CopyButton } from "./copy-button";
import { OptInLinkFinder } from "./opt-in-link-finder";
import { OptInLinksExport } from "./opt-in-links-export";
import { logInToFacebook, profileQuery } from "./profile-queries";
import { ProfileSettingsForm } from "./profile-settings-form";
import { ProfileStatus } from "./profile-status";

/** The active programs whose messages wait while the connection is lost, each a link. */
function AffectedPrograms({ programs }: { programs: readonly { id: string; name: string }[] }) {
  if (programs.length === 0) return <p>No active program uses this profile.</p>;
  return (
    <>
      <h4 id="affected-programs">Affected programs</h4>
      <ul aria-labelledby="affected-programs">
        {programs.map((program) => (
          <li key={program.id}>
            <Link to={`/programs/${program.id}`}>{program.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A Messenger profile: settings, opt-in field and code, connection health (SPEC §4). */
export function ProfilePage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const profile = useQuery(profileQuery(id));
  const queryClient = useQueryClient();
  const reconnectLogin = params.get("login");
  const reconnect = useMutation({
    mutationFn: (loginId: string) =>
      unwrap(api.messenger.profiles[":id"].reconnect.$post({ param: { id }, json: { loginId } })),
    onSettled: () => {
      setParams({}, { replace: true });
      return queryClient.invalidateQueries({ queryKey: ["messenger-profiles"] });
    },
  });
  const started = useRef(false);
  useEffect(() => {
    if (reconnectLogin && !started.current) {
      started.current = true;
      reconnect.mutate(reconnectLogin);
    }
  }, [reconnectLogin, reconnect]);

  if (profile.isPending) {
    return (
      <p role="status" className="loading">
        Loading profile…
      </p>
    );
  }
  if (profile.error) return <Alert kind="error">{profile.error.message}</Alert>;
  const p = profile.data;
  return (
    <>
      <p>
        <Link to="/settings/channels/messenger">← Messenger profiles</Link>
      </p>
      <h2>{p.name}</h2>
      {params.get("created") && (
        <Alert kind="success">
          The profile is ready. Copy the opt-in code below onto your website or landing page.
        </Alert>
      )}
      {params.get("loginError") && <Alert kind="error">{params.get("loginError")}</Alert>}
      {reconnect.isSuccess && <Alert kind="success">Reconnected to Facebook.</Alert>}
      {reconnect.error && <Alert kind="error">{reconnect.error.message}</Alert>}
      <div className="two-columns">
        <div>
          <ProfileSettingsForm key={`${p.name}-${p.status}`} profile={p} />
          <ProfileStatistics profileId={p.id} />
          <ProfileOptIns profileId={p.id} />
          <section className="card" aria-label="Connection">
            <h3>Connection</h3>
            <dl className="facts">
              <div>
                <dt>Facebook page</dt>
                <dd>{p.pageName}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>
                  <ProfileStatus status={p.status} connection={p.connection} />
                </dd>
              </div>
              <div>
                <dt>Messaging policy</dt>
                <dd>
                  {p.policyVersion === "2018"
                    ? "2018 rules (24 hours + 1, all tags)"
                    : "2020 rules (current Facebook policy)"}
                </dd>
              </div>
              <div>
                <dt>Last successful send</dt>
                <dd>{p.lastSuccessAt ? formatDateTime(p.lastSuccessAt) : "None yet"}</dd>
              </div>
              <div>
                <dt>Last error</dt>
                <dd>
                  {p.lastError
                    ? `${p.lastError} (${formatDateTime(p.lastErrorAt ?? p.createdAt)})`
                    : "None"}
                </dd>
              </div>
            </dl>
            {p.connection === "lost" && (
              <Alert kind="error">
                <p>
                  Facebook no longer lets Waymark send for this page (the app was removed, access
                  was revoked or the messaging permission was taken away). Messages wait until you
                  reconnect.
                </p>
                <AffectedPrograms programs={p.activePrograms} />
              </Alert>
            )}
            <button
              type="button"
              className={p.connection === "lost" ? "button primary" : "button"}
              onClick={() => logInToFacebook(`/settings/channels/messenger/${p.id}`)}
            >
              Reconnect
            </button>
          </section>
        </div>
        <div>
          <section className="card" aria-label="Opt-in">
            <h3>Opt-in contact data field</h3>
            <p>
              <code>{p.optInFieldName}</code> holds each contact's Messenger id for this page. Only
              contacts with a value are sent messages.
            </p>
            <h3>Opt-in code</h3>
            <p className="muted">
              Put this code on a landing page or website to show the Send to Messenger button. A
              click without a ref adds a new Messenger subscriber, named from Facebook. Link a known
              contact to that page with <code>?ref=</code> and their ref (their opt-in link below
              carries it), so the click is matched to them.
            </p>
            <label className="field">
              <span>Opt-in code</span>
              <textarea readOnly rows={8} value={p.snippet} className="code" />
            </label>
            <div className="row">
              <CopyButton text={p.snippet} />
            </div>
          </section>
          <OptInLinkFinder profileId={p.id} />
          <OptInLinksExport profileId={p.id} optInFieldName={p.optInFieldName} />
        </div>
      </div>
    </>
  );
}
