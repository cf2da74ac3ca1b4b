import type { SandboxContext } from "../context";
import type { PolicyVersion } from "../domain/policy";
import { type PageRole, type PageTask, ROLE_TASKS } from "../domain/tasks";
import {
  type FaultConfig,
  type FaultConfigInput,
  faultConfigSchema,
  type ReleaseFilter,
} from "../faults/fault-config";
import type { SandboxFetch } from "../options";
import * as actions from "../people/person-actions";
import { SandboxError } from "../people/sandbox-error";
import {
  createPage,
  createUser,
  type NewPage,
  type PageSettings,
  setPageTasks,
  setSubscription,
  updatePage,
} from "../state/accounts-store";
import { createPerson } from "../state/people-store";
import type { PageRecord, PersonRecord, ThreadRecord, UserRecord } from "../state/records";
import {
  issueUserToken,
  LONG_LIVED_SECONDS,
  pageTokenFor,
  revokePageTokens,
} from "../state/tokens-store";
import type { HeldWebhookView } from "../webhooks/held-webhooks";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher";
import type { WebhookLogEntry } from "../webhooks/webhook-log";
import {
  listSentMessages,
  type MessageFilter,
  type SentMessageView,
  stateSnapshot,
} from "./queries";
import { resetData } from "./reset-data";
import { verifyWebhook } from "./verify-webhook";

export interface PageGrant {
  /** An existing Page, or else a new one named `name`. */
  pageId?: string;
  name?: string;
  role?: PageRole;
  tasks?: PageTask[];
  policyVersion?: PolicyVersion;
  approvedForNonPromotionalSubscription?: boolean;
}

type PersonPage = { personId: string; pageId: string };
/** When the person acted, in the past (epoch ms); default now. */
type At = { timestamp?: number };

/** Faults that may name a Page: an unknown one is refused rather than never matching. */
const PAGE_SCOPED_FAULTS = [
  "holdEchoes",
  "holdReceipts",
  "reorderReceipts",
  "dropAnswerAfterAccept",
  "conversations",
  "userProfile",
] as const;

const DEFAULT_SCOPES = [
  "public_profile",
  "pages_show_list",
  "pages_messaging",
  "pages_manage_metadata",
  "pages_read_engagement",
];

/** Programmatic control of the sandbox, used by tests and by the `/_admin` routes. */
export function createSandboxAdmin(
  ctx: SandboxContext,
  dispatcher: WebhookDispatcher,
  fetchFn: SandboxFetch,
) {
  const page = (pageId: string): PageRecord => {
    const found = ctx.state.pages.get(pageId);
    if (!found) throw new SandboxError(404, `No sandbox page ${pageId}`);
    return found;
  };
  const grant = async (userId: string, g: PageGrant): Promise<PageRecord> => {
    const target = g.pageId
      ? page(g.pageId)
      : await createPage(ctx, { ...g, name: g.name ?? "New page" });
    await setPageTasks(ctx, userId, target.id, g.tasks ?? ROLE_TASKS[g.role ?? "Admin"]);
    return target;
  };
  return {
    async addUser(input: {
      name: string;
      id?: string;
      pages?: PageGrant[];
    }): Promise<{ user: UserRecord; pages: PageRecord[] }> {
      await ctx.ready();
      const user = await createUser(ctx, input);
      const pages = [];
      for (const g of input.pages ?? []) pages.push(await grant(user.id, g));
      return { user, pages };
    },
    async addPage(input: NewPage): Promise<PageRecord> {
      await ctx.ready();
      return createPage(ctx, input);
    },
    async setPageRole(input: {
      userId: string;
      pageId: string;
      role?: PageRole;
      tasks?: PageTask[];
    }) {
      await ctx.ready();
      if (!ctx.state.users.has(input.userId))
        throw new SandboxError(404, `No sandbox user ${input.userId}`);
      await grant(input.userId, input);
    },
    async updatePage(pageId: string, settings: PageSettings): Promise<PageRecord> {
      await ctx.ready();
      return updatePage(ctx, page(pageId), settings);
    },
    /** What `POST /{page-id}/subscribed_apps` does, without a token (`null` unsubscribes). */
    async subscribe(pageId: string, fields: string[] | null) {
      await ctx.ready();
      await setSubscription(ctx, page(pageId), fields);
    },
    async addPerson(input: {
      firstName: string;
      lastName: string;
      id?: string;
    }): Promise<PersonRecord> {
      await ctx.ready();
      return createPerson(ctx, input);
    },
    async optIn(input: PersonPage & At & { ref?: string | null }): Promise<{ psid: string }> {
      await ctx.ready();
      return { psid: (await actions.optIn(ctx, input)).psid };
    },
    async checkboxOptIn(input: PersonPage & At & { userRef: string; ref?: string | null }) {
      await ctx.ready();
      await actions.checkboxOptIn(ctx, input);
    },
    async writeMessage(
      input: PersonPage & At & { text: string },
    ): Promise<{ psid: string; mid: string }> {
      await ctx.ready();
      return actions.writeToPage(ctx, input);
    },
    async block(input: PersonPage) {
      await ctx.ready();
      await actions.setBlocked(ctx, { ...input, blocked: true });
    },
    async unblock(input: PersonPage) {
      await ctx.ready();
      await actions.setBlocked(ctx, { ...input, blocked: false });
    },
    async markRead(input: PersonPage) {
      await ctx.ready();
      await actions.markRead(ctx, input);
    },
    thread(input: PersonPage): ThreadRecord | undefined {
      return ctx.state.threadOf(input.personId, input.pageId);
    },
    /** A user token as the Login dialog would grant it (long-lived unless said otherwise). */
    async issueUserToken(input: {
      userId: string;
      scopes?: string[];
      lifetimeSeconds?: number;
    }): Promise<string> {
      await ctx.ready();
      if (!ctx.state.users.has(input.userId))
        throw new SandboxError(404, `No sandbox user ${input.userId}`);
      const lifetime = input.lifetimeSeconds ?? LONG_LIVED_SECONDS;
      return (await issueUserToken(ctx, input.userId, input.scopes ?? DEFAULT_SCOPES, lifetime))
        .token;
    },
    /** The Page token `/me/accounts` would list for this user and Page. */
    async pageToken(input: { userId: string; pageId: string; scopes?: string[] }): Promise<string> {
      await ctx.ready();
      page(input.pageId);
      const scopes = input.scopes ?? DEFAULT_SCOPES;
      const user = await issueUserToken(ctx, input.userId, scopes, LONG_LIVED_SECONDS);
      return (await pageTokenFor(ctx, user, input.pageId)).token;
    },
    /** "App removed from the Page": its Page tokens answer code 190 from now on. */
    async revokePage(pageId: string): Promise<number> {
      await ctx.ready();
      const count = await revokePageTokens(ctx, page(pageId).id);
      return count;
    },
    async state() {
      await ctx.ready();
      return stateSnapshot(ctx);
    },
    async messages(filter: MessageFilter = {}): Promise<SentMessageView[]> {
      await ctx.ready();
      return listSentMessages(ctx, filter);
    },
    webhookLog(limit?: number): WebhookLogEntry[] {
      return dispatcher.log.list(limit);
    },
    /** Webhook events held back by `holdEchoes`, `holdReceipts` or `reorderReceipts`. */
    heldWebhooks(): HeldWebhookView[] {
      return dispatcher.held.list();
    },
    /** Sends the held events matching the filter (all by default) now; returns how many. */
    releaseWebhooks(filter: ReleaseFilter = {}): number {
      return dispatcher.held.release(filter);
    },
    verifyWebhook() {
      return verifyWebhook(ctx, fetchFn);
    },
    getFaults(): FaultConfig {
      return ctx.faults.get();
    },
    /** Sets fault injection; an error entry `{ code: 190 }` without a rate revokes Page tokens instead. */
    async setFaults(raw: FaultConfigInput): Promise<FaultConfig> {
      await ctx.ready();
      const input = faultConfigSchema.parse(raw);
      for (const key of PAGE_SCOPED_FAULTS) {
        const pageId = input[key]?.pageId;
        if (pageId !== undefined && !ctx.state.pages.has(pageId)) {
          throw new SandboxError(400, `${key}.pageId: no sandbox page ${pageId}`);
        }
      }
      const revocations = (input.errors ?? []).filter(
        (e) => e.code === 190 && e.rate === undefined && e.count === undefined,
      );
      for (const r of revocations) {
        const pageIds = r.pageId ? [page(r.pageId).id] : [...ctx.state.pages.keys()];
        for (const id of pageIds) await revokePageTokens(ctx, id);
      }
      const errors = input.errors?.filter((e) => !revocations.includes(e));
      return ctx.faults.set(errors === undefined ? input : { ...input, errors });
    },
    resetFaults(): void {
      ctx.faults.reset();
    },
    /**
     * Clears faults, queued webhooks and the webhook log, and drops held webhook events
     * unsent; with `data`, also every record (then seeds again).
     */
    async reset(options: { data?: boolean } = {}): Promise<void> {
      await ctx.ready();
      ctx.faults.reset();
      dispatcher.clear();
      dispatcher.log.clear();
      if (options.data) await resetData(ctx);
    },
    /** Waits until pending writes, due deliveries and webhooks (with their retries) are done. */
    async settle(timeoutMs = 10_000): Promise<void> {
      await ctx.ready();
      await ctx.sentLog.flush();
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        ctx.deliveries.tick();
        dispatcher.tick();
        if (ctx.deliveries.size === 0 && dispatcher.idle) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(`fb-sandbox: not settled within ${timeoutMs} ms`);
    },
  };
}

/** The programmatic admin API. */
export type SandboxAdmin = ReturnType<typeof createSandboxAdmin>;
