import { type Database, type ReservedSession, reserveSession, rowsOf } from "@waymark/db";
import { type SQL, sql } from "drizzle-orm";

/**
 * The first key of the engine's two-key advisory locks (its own space: the migration lock is
 * a one-key lock). Second key 0 is the leader's; any other is one live sender's.
 */
export const ENGINE_LOCK_SPACE = 0x57_4d_4b_45; // "WMKE"
const LEADER_KEY = 0;

/** How often a process checks it still holds its locks and tries to lead. */
export const PRESENCE_BEAT_MS = 2_000;

/** A sender's lock key: its id hashed, as `pg_locks.objid` shows it (unsigned). */
export function senderKeySql(senderId: SQL): SQL {
  return sql`(hashtext(${senderId})::int8 & 4294967295)`;
}

/**
 * The keys of the live senders on this database (`key`): processes whose engine loops run,
 * each holding a session advisory lock that PostgreSQL drops with its connection, so a killed
 * worker is gone from here at once. Empty on PGlite, whose one process holds no lock.
 */
export const LIVE_SENDER_KEYS_SQL: SQL = sql`select objid::int8 as key from pg_locks
  where locktype = 'advisory' and granted and objsubid = 2
    and classid::int8 = ${ENGINE_LOCK_SPACE} and objid::int8 <> ${LEADER_KEY}
    and database = (select oid from pg_database where datname = current_database())`;

/**
 * This process among the engine processes sharing one PostgreSQL: it holds a sender lock
 * while its loops run (listed by `LIVE_SENDER_KEYS_SQL`, so claims share the pages out and
 * take a dead sender's at once) and
 * tries to take the leader lock on every beat; account-wide periodic jobs run in the leader
 * only. Both live on a connection of their own. Leading is for economy, not safety: two
 * leaders for a moment (a lost connection) would each run jobs that are safe to run twice.
 * On PGlite the one process is the leader.
 */
export class EnginePresence {
  private session: ReservedSession | undefined;
  private single = false;
  private leading = false;
  private stopped = false;
  private warned = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private beating: Promise<void> = Promise.resolve();
  /** Resolves after the first beat, so the first claim already counts this sender. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly db: Database,
    /** The sender id this process claims pages with; its lock key is derived from it. */
    private readonly senderId: string,
    /** Called when this process becomes the leader (to start the leader's jobs at once). */
    private readonly onLeading: () => void = () => {},
  ) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      this.beating = this.beat().finally(() => {
        this.markReady();
        if (!this.stopped) this.timer = setTimeout(loop, PRESENCE_BEAT_MS);
      });
    };
    loop();
  }

  /** Lets go of both locks (others take over at once) and gives the connection back. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.beating;
    this.leading = false;
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    try {
      await session.db.execute(sql`select pg_advisory_unlock_all()`);
    } finally {
      session.release();
    }
  }

  /** Keeps (or takes back, after a lost connection) this sender's lock and tries to lead. */
  async beat(): Promise<void> {
    if (this.single || this.stopped) return;
    try {
      this.session ??= await reserveSession(this.db);
      if (!this.session) {
        this.single = true;
        this.becomeLeader();
        return;
      }
      const held = (key: SQL) => sql`exists (select 1 from pg_locks
        where pid = pg_backend_pid() and locktype = 'advisory' and objsubid = 2
          and classid::int8 = ${ENGINE_LOCK_SPACE} and objid::int8 = ${key})`;
      // A held lock is not taken again: session locks stack, and one unlock must free each.
      const [row] = rowsOf<{ present: boolean; leading: boolean }>(
        await this.session.db.execute(sql`select
          case when ${held(senderKeySql(sql`${this.senderId}`))} then true
            else pg_try_advisory_lock(${ENGINE_LOCK_SPACE}, hashtext(${this.senderId})) end as present,
          case when ${held(sql`${LEADER_KEY}`)} then true
            else pg_try_advisory_lock(${ENGINE_LOCK_SPACE}, ${LEADER_KEY}) end as leading`),
      );
      if (!row?.present && !this.warned) {
        // Another live process's id hashes alike (odds 1 in 4 billion): this one still sends,
        // uncounted, its pages kept by their hold alone.
        this.warned = true;
        console.error("engine presence: another sender holds this sender's lock key");
      }
      if (row?.leading) this.becomeLeader();
      else this.leading = false;
    } catch (error) {
      // Usually the connection is gone, its locks with it; else they must not stay on a
      // connection going back to the pool. The next beat takes a new one.
      this.leading = false;
      const session = this.session;
      this.session = undefined;
      await session?.db.execute(sql`select pg_advisory_unlock_all()`).catch(() => {});
      session?.release();
      console.error("engine presence: lost the database session, reconnecting", error);
    }
  }

  private becomeLeader(): void {
    if (this.leading) return;
    this.leading = true;
    this.onLeading();
  }
}
