import type { FacebookClient } from "@waymark/facebook";
import type { ServiceDeps } from "../context";

/** What the program verbs need: the database, the clock and, optionally, the engine's wake-up. */
export interface ProgramDeps extends ServiceDeps {
  /** A program became active: the engine starts enrolling its Start list. */
  onProgramActivated?: () => void;
  /** With both, activation first checks the profiles it uses with Facebook (live). */
  facebook?: FacebookClient;
  keys?: { pageToken: Buffer };
}
