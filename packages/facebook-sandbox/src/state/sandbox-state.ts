import type { PageTask } from "../domain/tasks";
import type {
  PageRecord,
  PersonRecord,
  RoleMap,
  ThreadRecord,
  TokenRecord,
  UserRecord,
  UserRefRecord,
} from "./records";

/**
 * Everything the Graph routes read, held in memory so the send path needs no database
 * round trip. Every mutation writes the database too (see the `store` modules).
 */
export class SandboxState {
  readonly users = new Map<string, UserRecord>();
  readonly pages = new Map<string, PageRecord>();
  /** userId → pageId → tasks. */
  readonly roles: RoleMap = new Map();
  readonly tokens = new Map<string, TokenRecord>();
  readonly people = new Map<string, PersonRecord>();
  /** psid → thread. */
  readonly threads = new Map<string, ThreadRecord>();
  readonly threadKeys = new Map<string, string>();
  /** `${pageId}:${userRef}` → checkbox opt-in. */
  readonly userRefs = new Map<string, UserRefRecord>();
  /** `${personId}:${pageId}` → a thread being created. */
  readonly creatingThreads = new Map<string, Promise<ThreadRecord>>();

  clear(): void {
    for (const map of [
      this.users,
      this.pages,
      this.roles,
      this.tokens,
      this.people,
      this.threads,
      this.threadKeys,
      this.userRefs,
    ]) {
      map.clear();
    }
  }

  tasksOf(userId: string, pageId: string): PageTask[] {
    return this.roles.get(userId)?.get(pageId) ?? [];
  }

  setTasks(userId: string, pageId: string, tasks: PageTask[]): void {
    let byPage = this.roles.get(userId);
    if (!byPage) {
      byPage = new Map();
      this.roles.set(userId, byPage);
    }
    byPage.set(pageId, tasks);
  }

  addThread(thread: ThreadRecord): void {
    this.threads.set(thread.psid, thread);
    this.threadKeys.set(`${thread.personId}:${thread.pageId}`, thread.psid);
  }

  threadOf(personId: string, pageId: string): ThreadRecord | undefined {
    const psid = this.threadKeys.get(`${personId}:${pageId}`);
    return psid === undefined ? undefined : this.threads.get(psid);
  }

  threadsOfPerson(personId: string): ThreadRecord[] {
    return [...this.threads.values()].filter((t) => t.personId === personId);
  }

  userRefsOfPerson(personId: string): UserRefRecord[] {
    return [...this.userRefs.values()].filter((r) => r.personId === personId);
  }

  /** The person's pending checkbox opt-in on a Page that has not been answered yet. */
  pendingUserRef(personId: string, pageId: string): UserRefRecord | undefined {
    let found: UserRefRecord | undefined;
    for (const r of this.userRefs.values()) {
      if (r.personId === personId && r.pageId === pageId && !r.repliedAt) {
        if (!found || r.optedInAt > found.optedInAt) found = r;
      }
    }
    return found;
  }
}
