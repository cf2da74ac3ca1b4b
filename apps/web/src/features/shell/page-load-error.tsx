import { type ComponentType, useEffect, useState } from "react";
import { useRouteError } from "react-router";
import { Alert } from "../../ui/alert";

const RELOADED = "waymark:reloaded-for-chunk";
/** A second failure this soon after reloading for the same address is shown, not retried. */
const RELOAD_GRACE_MS = 30_000;

/** How browsers word a dynamic import whose file could not be fetched. */
function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /dynamically imported module|module script failed/i.test(error.message)
  );
}

/** Whether this address was not reloaded for a failed chunk a moment ago. */
function mayReload(): boolean {
  const last = JSON.parse(sessionStorage.getItem(RELOADED) ?? "null") as {
    path: string;
    at: number;
  } | null;
  return !last || last.path !== window.location.pathname || Date.now() - last.at > RELOAD_GRACE_MS;
}

/**
 * The component a lazy route gets when its chunk failed to load (React Router renders such a
 * route empty instead of raising the error).
 */
export function pageLoadFailure(error: unknown): ComponentType {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per failed chunk, never re-created on render.
  return function PageNotLoaded() {
    return <PageLoadError error={error} />;
  };
}

/**
 * Shown in the shell when a page fails to load or render. A page whose code could not be
 * fetched — most often because a new version was deployed since this tab loaded and the old
 * chunk names are gone — is loaded again first, once, which brings the new version.
 */
export function PageLoadError(props: { error?: unknown }) {
  const routeError = useRouteError();
  const error = props.error ?? routeError;
  const [reloading] = useState(() => isChunkLoadError(error) && mayReload());
  useEffect(() => {
    if (!reloading) return;
    sessionStorage.setItem(
      RELOADED,
      JSON.stringify({ path: window.location.pathname, at: Date.now() }),
    );
    window.location.reload();
  }, [reloading]);
  if (reloading) {
    return (
      <p className="loading" role="status">
        Loading the latest version…
      </p>
    );
  }
  return (
    <Alert kind="error">
      <p>
        This page could not be loaded
        {error instanceof Error && error.message ? `: ${error.message}` : "."}
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </Alert>
  );
}
