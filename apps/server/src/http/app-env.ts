import type { Actor } from "../services/context";

/** Who a request acts for, set by the session or API-key middleware. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    /** Whether the session cookie is the `__Host-` one (PUBLIC_URL https). */
    secureCookies: boolean;
    session: {
      token: string;
      userId: string;
      email: string;
      accountName: string;
      timeZone: string;
    };
  };
}
