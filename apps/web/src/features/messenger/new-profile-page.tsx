import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { Field } from "../../ui/field";
import { logInToFacebook, loginPagesQuery } from "./profile-queries";

const DRAFT_KEY = "waymark:new-messenger-profile";

interface Draft {
  name: string;
  status: "enabled" | "disabled";
}

function loadDraft(): Draft {
  try {
    const saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "null") as Draft | null;
    if (saved && typeof saved.name === "string") return saved;
  } catch {
    // a broken draft is simply dropped
  }
  return { name: "", status: "enabled" };
}

/** New profile: Name → Log in to Facebook → Facebook page → Status → Save (SPEC §4, the seed's steps). */
export function NewProfilePage() {
  const [params] = useSearchParams();
  const loginId = params.get("login");
  const loginError = params.get("loginError");
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [pageId, setPageId] = useState("");
  const pages = useQuery({ ...loginPagesQuery(loginId ?? ""), enabled: Boolean(loginId) });

  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }, [draft]);

  const login = useMutation({
    mutationFn: () => logInToFacebook("/settings/channels/messenger/new"),
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.messenger.profiles.$post({
          json: { name: draft.name, loginId: loginId ?? "", pageId, status: draft.status },
        }),
      ),
    onSuccess: (profile) => {
      sessionStorage.removeItem(DRAFT_KEY);
      navigate(`/settings/channels/messenger/${profile.id}?created=1`);
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const selectable = pages.data?.pages.filter((p) => p.selectable) ?? [];

  return (
    <>
      <p>
        <Link to="/settings/channels/messenger">← Messenger profiles</Link>
      </p>
      <h2>New profile</h2>
      <form onSubmit={onSubmit} aria-label="New profile" noValidate>
        {loginError && <Alert kind="error">{loginError}</Alert>}
        {error && !error.fields.name && !error.fields.pageId && (
          <Alert kind="error">{error.message}</Alert>
        )}
        <Field
          label="Name"
          value={draft.name}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          error={error?.fields.name}
        />
        <div className="field">
          <span className="label">Facebook account</span>
          {loginId && pages.isSuccess ? (
            <p className="row">
              <span className="badge ok">Logged in to Facebook</span>
              <button type="button" className="button small" onClick={() => login.mutate()}>
                Log in as someone else
              </button>
            </p>
          ) : (
            <p>
              <button
                type="button"
                className="button facebook"
                onClick={() => login.mutate()}
                disabled={login.isPending}
              >
                {login.isPending ? "Opening Facebook…" : "Log in to Facebook"}
              </button>
            </p>
          )}
          {login.error && <Alert kind="error">{login.error.message}</Alert>}
          <p className="hint">
            Facebook asks you to confirm that Waymark may list your pages and send messages from
            them.
          </p>
        </div>
        {loginId && pages.isPending && (
          <p role="status" className="loading">
            Loading your Facebook pages…
          </p>
        )}
        {pages.error && <Alert kind="error">{pages.error.message}</Alert>}
        {pages.data && (
          <div className="field">
            <label htmlFor="facebook-page">Facebook page</label>
            <select
              id="facebook-page"
              value={pageId}
              onChange={(e) => setPageId(e.target.value)}
              aria-invalid={error?.fields.pageId ? true : undefined}
            >
              <option value="">Choose a page…</option>
              {pages.data.pages.map((p) => (
                <option key={p.id} value={p.id} disabled={!p.selectable}>
                  {p.selectable ? p.name : `${p.name} — ${p.reason}`}
                </option>
              ))}
            </select>
            {selectable.length === 0 && (
              <p className="hint">
                None of your pages can be used: each needs the Admin, Editor or Moderator role and
                no other profile.
              </p>
            )}
            {error?.fields.pageId && <p className="field-error">{error.fields.pageId}</p>}
          </div>
        )}
        <div className="field">
          <label htmlFor="profile-status">Status</label>
          <select
            id="profile-status"
            value={draft.status}
            onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value as Draft["status"] }))}
          >
            <option value="enabled">Enabled</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
        <button type="submit" className="button primary" disabled={save.isPending || !loginId}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
      </form>
    </>
  );
}
