import type { FacebookClient } from "@waymark/facebook";
import type { ServiceDeps } from "../context";

/** What the Messenger services need beyond the database: Facebook, keys and public addresses. */
export interface MessengerDeps extends ServiceDeps {
  facebook: FacebookClient;
  keys: { pageToken: Buffer; optInRef: Buffer };
  messenger: {
    appId: string;
    /** Where Facebook sends the person back after Login. */
    redirectUri: string;
    /** Base for opt-in links. */
    publicUrl: string;
    /** The JavaScript SDK the opt-in snippet loads (the sandbox's stand-in in sandbox mode). */
    sdkUrl: string;
    graphVersion: string;
    defaultPolicy: "2018" | "2020";
  };
}
