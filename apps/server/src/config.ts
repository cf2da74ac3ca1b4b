import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  DATA_DIR: z.string().trim().min(1).default("./.data"),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  PUBLIC_URL: optionalText.pipe(z.url({ error: "must be an absolute URL" }).optional()),
  SECRET_KEY: optionalText.pipe(
    z.string().min(32, "must be at least 32 characters (e.g. 64 hex digits)").optional(),
  ),
  FACEBOOK_APP_ID: optionalText,
  FACEBOOK_APP_SECRET: optionalText,
  FACEBOOK_VERIFY_TOKEN: optionalText,
  GRAPH_API_URL: optionalText.pipe(z.url({ error: "must be an absolute URL" }).optional()),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v25.0")
    .default("v25.0"),
  FACEBOOK_DIALOG_URL: optionalText.pipe(z.url({ error: "must be an absolute URL" }).optional()),
  MESSENGER_POLICY: optionalText.pipe(z.enum(["2018", "2020"]).optional()),
  ENGINE: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  SEND_RATE_PER_SECOND: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 (no pacing) or more")
    .max(10_000)
    .default(50),
  TRUSTED_PROXIES: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 (no proxy) or more")
    .max(10, "must be at most 10")
    .default(0),
  SEND_LEASE_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(3600)
    .default(120),
  RECONCILE_AFTER_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(60, "must be at least 60 (a late echo needs time to come)")
    .max(7 * 86_400)
    .default(600),
  PROFILE_HEALTH_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(86_400)
    .default(600),
});

/** Validated process configuration (SPEC §12), resolved once at start-up. */
export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  /** Where this process reaches itself (sandbox calls, webhooks to itself). */
  internalUrl: string;
  secretKey: string | undefined;
  facebook:
    | { mode: "sandbox"; graphApiVersion: string }
    | {
        mode: "facebook";
        appId: string;
        appSecret: string;
        verifyToken: string;
        graphApiUrl: string;
        dialogUrl: string;
        graphApiVersion: string;
      };
  messengerPolicy: "2018" | "2020";
  engine: boolean;
  /** Default Send API pace per page (profiles may set their own); 0 = unpaced. */
  sendRatePerSecond: number;
  /** How long a send may stay in flight before it is declared unknown. */
  sendLeaseMs: number;
  /** How long after its call a lost send answer is looked up in Facebook's conversations. */
  reconcileAfterMs: number;
  /** How often the leader asks Facebook whether the profiles active programs use still work. */
  profileHealthIntervalMs: number;
  secureCookies: boolean;
  /** Reverse proxies in front whose X-Forwarded-For names the client (0: use the socket). */
  trustedProxies: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses and checks the environment; throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? "environment")} ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const fbVars = [e.FACEBOOK_APP_ID, e.FACEBOOK_APP_SECRET, e.FACEBOOK_VERIFY_TOKEN];
  const fbCount = fbVars.filter(Boolean).length;
  if (fbCount > 0 && fbCount < 3) {
    problems.push(
      "FACEBOOK_APP_ID, FACEBOOK_APP_SECRET and FACEBOOK_VERIFY_TOKEN must be set together (leave all three unset to use the Facebook sandbox)",
    );
  }
  if (e.DATABASE_URL && !e.SECRET_KEY) {
    problems.push(
      "SECRET_KEY is required when DATABASE_URL is set (generate one with: openssl rand -hex 32)",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const facebook: Config["facebook"] =
    fbCount === 3
      ? {
          mode: "facebook",
          appId: e.FACEBOOK_APP_ID!,
          appSecret: e.FACEBOOK_APP_SECRET!,
          verifyToken: e.FACEBOOK_VERIFY_TOKEN!,
          graphApiUrl: (e.GRAPH_API_URL ?? "https://graph.facebook.com").replace(/\/+$/, ""),
          dialogUrl: (e.FACEBOOK_DIALOG_URL ?? "https://www.facebook.com").replace(/\/+$/, ""),
          graphApiVersion: e.GRAPH_API_VERSION,
        }
      : { mode: "sandbox", graphApiVersion: e.GRAPH_API_VERSION };
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    internalUrl: `http://127.0.0.1:${e.PORT}`,
    secretKey: e.SECRET_KEY,
    facebook,
    messengerPolicy: e.MESSENGER_POLICY ?? (facebook.mode === "sandbox" ? "2018" : "2020"),
    engine: e.ENGINE === "on",
    sendRatePerSecond: e.SEND_RATE_PER_SECOND,
    sendLeaseMs: e.SEND_LEASE_SECONDS * 1000,
    reconcileAfterMs: e.RECONCILE_AFTER_SECONDS * 1000,
    profileHealthIntervalMs: e.PROFILE_HEALTH_SECONDS * 1000,
    secureCookies: publicUrl.startsWith("https://"),
    trustedProxies: e.TRUSTED_PROXIES,
  };
}
