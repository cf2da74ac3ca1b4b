import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../lib/api-client";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";

/** Ends every other session of the signed-in user, after a confirmation. */
export function LogOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const logOut = useMutation({
    mutationFn: () => unwrap(api.auth["logout-everywhere"].$post()),
    onSettled: () => setConfirming(false),
  });
  const ended = logOut.data?.endedSessions;
  return (
    <section className="card" aria-labelledby="log-out-everywhere-title">
      <h3 id="log-out-everywhere-title">Log out everywhere</h3>
      <p className="muted">
        Logs your login out of every other browser and device. This browser stays logged in.
      </p>
      {ended !== undefined && (
        <Alert kind="success">
          {ended === 0
            ? "No other browser was logged in."
            : `Logged out of ${ended} other ${ended === 1 ? "session" : "sessions"}.`}
        </Alert>
      )}
      {logOut.error && <Alert kind="error">{logOut.error.message}</Alert>}
      <button type="button" className="button danger" onClick={() => setConfirming(true)}>
        Log out everywhere
      </button>
      <ConfirmDialog
        open={confirming}
        title="Log out everywhere?"
        confirmLabel="Log out other sessions"
        busy={logOut.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => logOut.mutate()}
      >
        <p>Every other browser and device using your login will have to log in again.</p>
      </ConfirmDialog>
    </section>
  );
}
