/** One finished Graph call as logged: the URL is already redacted, no body is included. */
export interface FacebookLogEntry {
  level: "debug" | "warn";
  message: string;
  method: string;
  url: string;
  durationMs: number;
  status?: number;
  errorCode?: number;
  errorSubcode?: number;
  fbtraceId?: string;
  classification?: string;
}

/** Receives one entry per Graph call; adapt it to any logger at the composition root. */
export type FacebookLogger = (entry: FacebookLogEntry) => void;
