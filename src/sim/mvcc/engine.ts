/**
 * The InnoDB MVCC and locking model (MySQL 8.0), pure and deterministic.
 *
 * - Rows live in a clustered index ordered by the primary key. Each record's head is its newest
 *   version (hidden DB_TRX_ID, and DB_ROLL_PTR = `prev`, the undo record with the older version).
 *   Deletes are delete-marks until purge.
 * - Transaction ids are assigned lazily: a transaction gets one on its first write (an IX table lock
 *   or an insert calls trx_set_rw_mode), and a commit of a read-write transaction consumes a number
 *   from the same counter (8.0's trx_sys next_trx_id_or_no). Read-only transactions keep id 0.
 * - Read views: m_low_limit_id = next id, m_ids = active read-write ids (creator excluded),
 *   m_up_limit_id = min(m_ids) or m_low_limit_id, m_creator_trx_id; ReadView::changes_visible
 *   (storage/innobase/include/read0types.h) applied down the version chain.
 * - Record locks per lock0lock.cc: S/X × REC_NOT_GAP / GAP / next-key / INSERT_INTENTION with
 *   lock_rec_has_to_wait's rules; implicit locks of fresh inserts converted on conflict; gap locks
 *   inherited when a record is removed; deadlock victim by TRX_WEIGHT (undo records + lock structs).
 */
import type { ColumnDef, Expr, IsolationLevel, Statement, Value } from './sql';

export type { IsolationLevel, Value } from './sql';

export const DEFAULT_LOCK_WAIT_TIMEOUT = 50;
const FIRST_TRX_ID = 1281;
const MAX_ROWS_PER_TABLE = 10_000;
const MAX_TABLES = 20;
/** InnoDB prints read-only transactions with a large made-up id (trx_get_id_for_print). */
const RO_PRINT_BASE = 421_000_000_000_000;

export interface Version {
  readonly trxId: number;
  readonly values: readonly Value[];
  readonly deleted: boolean;
  prev: Version | null;
}

interface Rec {
  readonly key: Value;
  readonly keyStr: string;
  head: Version;
  removed: boolean;
}

interface Table {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly pk: number;
  readonly recs: Rec[];
}

export type LockType = 'rec' | 'gap' | 'nk' | 'ii';

interface Lock {
  readonly id: number;
  readonly trx: Trx;
  readonly table: string;
  keyStr: string;
  /** The locked record, or null for the supremum pseudo-record. */
  rec: Rec | null;
  readonly mode: 'S' | 'X';
  readonly type: LockType;
  waiting: boolean;
  /** Lock structs: granted locks of one (table, mode, type) share a struct (one page); a lock that waited has its own. */
  readonly struct: string;
}

export interface ReadView {
  readonly creator: number;
  readonly lowLimit: number;
  readonly upLimit: number;
  readonly ids: readonly number[];
  readonly createdAt: number;
  /** Statement counter when the view was opened (shows when RR took its snapshot). */
  readonly openedBy: string;
}

interface UndoEntry { readonly rec: Rec; readonly table: Table; readonly kind: 'insert' | 'modify' }

interface Trx {
  readonly seq: number;
  id: number;
  readonly session: Session;
  readonly level: IsolationLevel;
  readonly explicit: boolean;
  readView: ReadView | null;
  lastView: ReadView | null;
  readonly undo: UndoEntry[];
  readonly locks: Lock[];
  readonly tableLocks: Map<string, 'IS' | 'IX'>;
  waitLock: Lock | null;
  ended: boolean;
}

interface Pending { readonly stmt: Statement; readonly meta: StatementMeta }

interface Blocked {
  readonly stmt: Statement;
  readonly meta: StatementMeta;
  readonly trx: Trx;
  since: number;
  deadline: number;
  /** Blocked only until deadlock detection rolled back another transaction: the client sees no wait. */
  transient?: boolean;
}

interface Session {
  readonly name: string | null;
  level: IsolationLevel;
  nextLevel: IsolationLevel | null;
  lockWaitTimeout: number;
  trx: Trx | null;
  blocked: Blocked | null;
  readonly queue: Pending[];
}

export interface StatementMeta { readonly line: number; readonly sql: string }

export type VisibilityRule =
  | 'own-change'
  | 'below-up-limit'
  | 'at-or-above-low-limit'
  | 'no-active-ids'
  | 'in-m-ids'
  | 'not-in-m-ids'
  | 'read-uncommitted';

export interface VersionCheck {
  readonly trxId: number;
  readonly values: readonly Value[];
  readonly deleted: boolean;
  readonly visible: boolean;
  readonly rule: VisibilityRule;
}
export interface RowTrace { readonly table: string; readonly key: Value; readonly checks: readonly VersionCheck[]; readonly outcome: 'row' | 'deleted' | 'absent' | 'filtered' }

export type EventStatus = 'ok' | 'error' | 'blocked' | 'resumed';

export interface SimEvent {
  readonly seq: number;
  readonly time: number;
  readonly line: number;
  readonly session: string | null;
  readonly sql: string;
  readonly status: EventStatus;
  readonly columns?: readonly string[];
  readonly rows?: readonly (readonly Value[])[];
  readonly affected?: number;
  readonly matched?: number;
  readonly errno?: number;
  readonly sqlstate?: string;
  readonly error?: string;
  readonly waitingFor?: string | null;
  /** The lock a blocked statement waits for, as data_locks shows it. */
  readonly waitLock?: LockRow;
  /** Narration keys (see strings.ts) with arguments, in the order things happened. */
  readonly notes: readonly Note[];
  /** For consistent reads (when tracing): the read view used and each version looked at. */
  readonly view?: ReadView | null;
  readonly trace?: readonly RowTrace[];
}

export interface Note { readonly key: string; readonly args: readonly (string | number)[] }

export interface LockRow {
  readonly engineTransactionId: number;
  readonly session: string | null;
  readonly table: string;
  readonly lockType: 'TABLE' | 'RECORD';
  readonly lockMode: string;
  readonly lockStatus: 'GRANTED' | 'WAITING';
  readonly lockData: string | null;
}

export interface TrxInfo {
  readonly session: string | null;
  readonly id: number;
  readonly printId: number;
  readonly level: IsolationLevel;
  readonly readView: ReadView | null;
  readonly lastView: ReadView | null;
  readonly undoRecords: number;
  readonly lockStructs: number;
  readonly weight: number;
  readonly waiting: boolean;
}

export interface ChainVersion { readonly trxId: number; readonly values: readonly Value[]; readonly deleted: boolean; readonly committed: boolean }
export interface TableInfo { readonly name: string; readonly columns: readonly string[]; readonly pk: string; readonly rows: readonly { readonly key: Value; readonly chain: readonly ChainVersion[] }[] }
export interface SessionInfo {
  readonly name: string | null;
  readonly level: IsolationLevel;
  readonly inTransaction: boolean;
  readonly blocked: boolean;
  readonly waitingFor: string | null;
  readonly waitLock: LockRow | null;
  readonly queued: number;
  readonly lockWaitTimeout: number;
}
export interface EngineSnapshot {
  readonly time: number;
  readonly nextTrxId: number;
  readonly activeIds: readonly number[];
  readonly tables: readonly TableInfo[];
  readonly transactions: readonly TrxInfo[];
  readonly sessions: readonly SessionInfo[];
  readonly locks: readonly LockRow[];
  readonly waitsFor: readonly { readonly from: string | null; readonly to: string | null; readonly lock: LockRow }[];
}

export interface EngineOptions {
  readonly defaultLevel?: IsolationLevel;
  /** Record the read view and version-by-version visibility of consistent reads (for the panel). */
  readonly trace?: boolean;
}

class SqlRuntimeError extends Error {
  constructor(readonly errno: number, readonly sqlstate: string, message: string) {
    super(message);
  }
}
class BlockSignal {
  constructor(readonly lock: Lock) {}
}

/** ReadView::changes_visible (read0types.h, MySQL 8.0), with the rule that decided. */
export function changesVisible(view: ReadView, id: number): { visible: boolean; rule: VisibilityRule } {
  if (id < view.upLimit) return { visible: true, rule: 'below-up-limit' };
  if (id === view.creator) return { visible: true, rule: 'own-change' };
  if (id >= view.lowLimit) return { visible: false, rule: 'at-or-above-low-limit' };
  if (view.ids.length === 0) return { visible: true, rule: 'no-active-ids' };
  return binarySearch(view.ids, id) ? { visible: false, rule: 'in-m-ids' } : { visible: true, rule: 'not-in-m-ids' };
}

function binarySearch(ids: readonly number[], id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === id) return true;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function keyString(v: Value): string {
  return typeof v === 'number' ? 'n' + v : 's' + String(v).toLowerCase();
}
const SUPREMUM = '\u0002supremum';

/** utf8mb4_0900_ai_ci-ish comparison: case-insensitive strings, numbers numerically, string vs number as numbers. */
export function compareValues(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase().replace(/ +$/, '');
    const y = b.toLowerCase().replace(/ +$/, '');
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  const m = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)/.exec(v);
  return m ? Number(m[0]) : 0;
}

function truthy(v: Value): boolean | null {
  if (v === null) return null;
  return toNumber(v) !== 0;
}

export function formatValue(v: Value): string {
  return v === null ? 'NULL' : String(v);
}

export class MvccEngine {
  private readonly tables = new Map<string, Table>();
  private readonly sessions = new Map<string, Session>();
  /** Active read-write transaction ids, ascending (trx_sys->rw_trx_ids). */
  private readonly rwIds: number[] = [];
  private readonly trxs: Trx[] = [];
  private readonly locksByKey = new Map<string, Lock[]>();
  private readonly history = new Set<Rec>();
  private readonly historyTable = new Map<Rec, Table>();
  private nextId = FIRST_TRX_ID;
  private trxSeq = 0;
  private lockSeq = 0;
  private stmtCount = 0;
  private eventSeq = 0;
  private now = 0;
  private readonly defaultLevel: IsolationLevel;
  private readonly trace: boolean;
  private events: SimEvent[] = [];
  private notes: Note[] = [];

  constructor(options: EngineOptions = {}) {
    this.defaultLevel = options.defaultLevel ?? 'REPEATABLE READ';
    this.trace = options.trace ?? false;
  }

  /** The events since the last call (statements' results, blocks, resumptions, errors). */
  private flush(): SimEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Runs `stmt` in session `name` (null: a fresh autocommit session). Returns what happened. */
  submit(name: string | null, stmt: Statement, meta: StatementMeta): SimEvent[] {
    const sess = this.session(name);
    if (sess.blocked) {
      sess.queue.push({ stmt, meta });
      return this.flush();
    }
    this.execute(sess, stmt, meta, false);
    return this.flush();
  }

  /** Lets `seconds` of simulated time pass: lock waits past innodb_lock_wait_timeout fail with 1205. */
  advanceTime(seconds: number): SimEvent[] {
    this.advanceTimeInner(seconds);
    return this.flush();
  }

  /** Ends a script: waits (in simulated time) until every blocked statement resumed or timed out. */
  finish(): SimEvent[] {
    for (let guard = 0; guard < 100_000; guard++) {
      const next = this.earliestDeadline();
      if (!next) break;
      this.now = Math.max(this.now, next.blocked!.deadline);
      this.timeout(next);
    }
    return this.flush();
  }

  get time(): number {
    return this.now;
  }

  private earliestDeadline(): Session | undefined {
    let best: Session | undefined;
    for (const s of this.sessions.values()) if (s.blocked && (!best || s.blocked.deadline < best.blocked!.deadline)) best = s;
    return best;
  }

  private session(name: string | null): Session {
    if (name === null) return this.newSession(null);
    let s = this.sessions.get(name);
    if (!s) {
      s = this.newSession(name);
      this.sessions.set(name, s);
    }
    return s;
  }

  private newSession(name: string | null): Session {
    return { name, level: this.defaultLevel, nextLevel: null, lockWaitTimeout: DEFAULT_LOCK_WAIT_TIMEOUT, trx: null, blocked: null, queue: [] };
  }

  private note(key: string, ...args: (string | number)[]): void {
    this.notes.push({ key, args });
  }

  private emit(sess: Session, meta: StatementMeta, status: EventStatus, extra: Partial<SimEvent>): void {
    this.events.push({ seq: this.eventSeq++, time: this.now, line: meta.line, session: sess.name, sql: meta.sql, status, notes: this.notes, ...extra });
    this.notes = [];
  }

  // ---------------------------------------------------------------- statements

  private execute(sess: Session, stmt: Statement, meta: StatementMeta, resumed: boolean): void {
    this.stmtCount++;
    let autocommitTrx: Trx | null = null;
    let undoMark = 0;
    try {
      const needsTrx = stmt.kind === 'select' || stmt.kind === 'insert' || stmt.kind === 'update' || stmt.kind === 'delete';
      if (needsTrx) {
        if (!sess.trx) {
          autocommitTrx = this.startTrx(sess, false);
        } else if (!sess.trx.explicit) autocommitTrx = sess.trx;
        undoMark = sess.trx!.undo.length;
      }
      const result = this.run(sess, stmt);
      if (autocommitTrx) this.commit(autocommitTrx, true);
      this.emit(sess, meta, resumed ? 'resumed' : 'ok', result);
    } catch (e) {
      if (e instanceof BlockSignal) {
        const trx = sess.trx!;
        this.rollbackTo(trx, undoMark);
        const waitingFor = this.blockerOf(e.lock);
        sess.blocked = { stmt, meta, trx, since: this.now, deadline: this.now + sess.lockWaitTimeout };
        trx.waitLock = e.lock;
        const lockRow = this.lockRow(e.lock);
        this.note('blocked', lockRow.lockMode, lockRow.lockData ?? '', waitingFor?.session.name ?? '?');
        const mark = this.events.length;
        let victim = this.detectDeadlock(trx);
        // Roll back victims until this transaction is the victim, is granted, or waits without a cycle.
        for (let guard = 0; victim && victim !== trx && guard < 100; guard++) {
          this.deadlockVictim(victim.session, victim, victim.session.blocked!.meta);
          victim = trx.waitLock?.waiting ? this.detectDeadlock(trx) : null;
        }
        if (victim === trx) {
          this.notes = this.notes.filter((n) => n.key !== 'blocked');
          this.deadlockVictim(sess, victim, meta);
        } else if (trx.waitLock?.waiting) {
          if (!resumed) {
            const holder = this.blockerOf(trx.waitLock);
            this.emit(sess, meta, 'blocked', { waitingFor: holder?.session.name ?? null, waitLock: this.lockRow(trx.waitLock) });
            this.events.splice(mark, 0, this.events.pop()!);
          } else this.notes = [];
        } else {
          // Deadlock detection rolled another transaction back at once: the client sees no wait.
          sess.blocked.transient = !resumed;
        }
      } else if (e instanceof SqlRuntimeError) {
        const trx = sess.trx;
        if (trx) this.rollbackTo(trx, undoMark);
        if (autocommitTrx && !autocommitTrx.ended) this.commit(autocommitTrx, true);
        this.emit(sess, meta, 'error', { errno: e.errno, sqlstate: e.sqlstate, error: e.message });
      } else {
        throw e;
      }
    }
    this.drainWakeups();
  }

  private wakeQueue: Session[] = [];

  private drainWakeups(): void {
    for (let guard = 0; this.wakeQueue.length > 0 && guard < 1_000_000; guard++) {
      const sess = this.wakeQueue.shift()!;
      const b = sess.blocked;
      if (!b) {
        this.drainQueue(sess);
        continue;
      }
      sess.blocked = null;
      b.trx.waitLock = null;
      this.execute(sess, b.stmt, b.meta, !b.transient);
      if (!sess.blocked) this.drainQueue(sess);
    }
  }

  private drainQueue(sess: Session): void {
    while (!sess.blocked && sess.queue.length > 0) {
      const p = sess.queue.shift()!;
      this.execute(sess, p.stmt, p.meta, false);
    }
  }

  private timeout(sess: Session): void {
    const b = sess.blocked!;
    sess.blocked = null;
    const trx = b.trx;
    if (trx.waitLock) this.removeLock(trx.waitLock);
    trx.waitLock = null;
    this.note('timeout', sess.lockWaitTimeout);
    if (!trx.explicit) {
      this.rollbackTrx(trx);
    }
    this.emit(sess, b.meta, 'error', { errno: 1205, sqlstate: 'HY000', error: 'Lock wait timeout exceeded; try restarting transaction' });
    this.drainQueue(sess);
    this.drainWakeups();
  }

  private deadlockVictim(sess: Session, victim: Trx, meta: StatementMeta): void {
    sess.blocked = null;
    victim.waitLock = null;
    this.note('deadlock-victim', this.printId(victim), this.weight(victim));
    this.rollbackTrx(victim);
    this.emit(sess, meta, 'error', { errno: 1213, sqlstate: '40001', error: 'Deadlock found when trying to get lock; try restarting transaction' });
    // The victim's client gets its error now; statements it had queued run after it.
    if (!this.wakeQueue.includes(sess)) this.wakeQueue.push(sess);
  }

  private run(sess: Session, stmt: Statement): Partial<SimEvent> {
    switch (stmt.kind) {
      case 'create': return this.create(stmt);
      case 'begin': {
        if (sess.trx) {
          this.note('implicit-commit');
          this.commit(sess.trx, false);
        }
        const trx = this.startTrx(sess, true);
        if (stmt.snapshot) {
          if (trx.level === 'REPEATABLE READ') {
            trx.readView = this.openView(trx);
            this.note('snapshot-now');
          } else this.note('snapshot-ignored', trx.level);
        }
        return { affected: 0 };
      }
      case 'commit':
        if (sess.trx) this.commit(sess.trx, false);
        else this.note('no-trx');
        return { affected: 0 };
      case 'rollback':
        if (sess.trx) this.rollbackTrx(sess.trx);
        else this.note('no-trx');
        return { affected: 0 };
      case 'setIsolation':
        if (stmt.session) {
          sess.level = stmt.level;
          sess.nextLevel = null;
          this.note('level-session', stmt.level);
        } else {
          if (sess.trx && sess.trx.explicit) throw new SqlRuntimeError(1568, '25001', "Transaction characteristics can't be changed while a transaction is in progress");
          sess.nextLevel = stmt.level;
          this.note('level-next', stmt.level);
        }
        return { affected: 0 };
      case 'setTimeout':
        sess.lockWaitTimeout = stmt.seconds;
        return { affected: 0 };
      case 'sleep': {
        const label = stmt.label;
        // Time passes for everyone: other sessions' lock waits may time out meanwhile.
        const saved = this.events;
        this.events = [];
        const notes = this.notes;
        this.notes = [];
        this.advanceTimeInner(stmt.seconds);
        const happened = this.events;
        this.events = saved.concat(happened);
        this.notes = notes;
        return { columns: [label], rows: [[0]], affected: 0 };
      }
      case 'select': return this.select(sess, stmt);
      case 'insert': return this.insert(sess, stmt);
      case 'update':
      case 'delete': return this.modify(sess, stmt);
    }
  }

  private advanceTimeInner(seconds: number): void {
    const until = this.now + Math.max(0, seconds);
    for (let guard = 0; guard < 100_000; guard++) {
      const next = this.earliestDeadline();
      if (!next || next.blocked!.deadline > until) break;
      this.now = Math.max(this.now, next.blocked!.deadline);
      this.timeout(next);
    }
    this.now = until;
  }

  private create(stmt: Extract<Statement, { kind: 'create' }>): Partial<SimEvent> {
    const key = stmt.table.toLowerCase();
    if (this.tables.has(key)) throw new SqlRuntimeError(1050, '42S01', `Table '${stmt.table}' already exists`);
    if (this.tables.size >= MAX_TABLES) throw new SqlRuntimeError(1235, '42000', `more than ${MAX_TABLES} tables are not supported by this simulator`);
    const pk = stmt.columns.findIndex((c) => c.name === stmt.primaryKey);
    this.tables.set(key, { name: stmt.table, columns: stmt.columns, pk, recs: [] });
    return { affected: 0 };
  }

  private table(name: string): Table {
    const t = this.tables.get(name.toLowerCase());
    if (!t) throw new SqlRuntimeError(1146, '42S02', `Table 'test.${name}' doesn't exist`);
    return t;
  }

  private colIndex(t: Table, name: string, clause: string): number {
    const lower = name.toLowerCase();
    const i = t.columns.findIndex((c) => c.name.toLowerCase() === lower);
    if (i < 0) throw new SqlRuntimeError(1054, '42S22', `Unknown column '${name}' in '${clause}'`);
    return i;
  }

  // ---------------------------------------------------------------- transactions

  private startTrx(sess: Session, explicit: boolean): Trx {
    const level = sess.nextLevel ?? sess.level;
    sess.nextLevel = null;
    const trx: Trx = {
      seq: this.trxSeq++, id: 0, session: sess, level, explicit, readView: null, lastView: null, undo: [], locks: [], tableLocks: new Map(), waitLock: null, ended: false,
    };
    sess.trx = trx;
    this.trxs.push(trx);
    return trx;
  }

  /** trx_set_rw_mode: the first write gives the transaction its id (and an open read view its creator id). */
  private assignId(trx: Trx): void {
    if (trx.id !== 0) return;
    trx.id = this.nextId++;
    this.rwIds.push(trx.id);
    this.note('trx-id', trx.id);
    if (trx.readView) trx.readView = { ...trx.readView, creator: trx.id };
  }

  private openView(trx: Trx): ReadView {
    const ids = this.rwIds.filter((id) => id !== trx.id);
    const view: ReadView = {
      creator: trx.id,
      lowLimit: this.nextId,
      upLimit: ids.length > 0 ? ids[0] : this.nextId,
      ids,
      createdAt: this.now,
      openedBy: String(this.stmtCount),
    };
    trx.lastView = view;
    return view;
  }

  private endTrx(trx: Trx): void {
    trx.ended = true;
    if (trx.id !== 0) {
      const i = this.rwIds.indexOf(trx.id);
      if (i >= 0) this.rwIds.splice(i, 1);
    }
    if (trx.waitLock) this.removeLock(trx.waitLock);
    trx.waitLock = null;
    trx.readView = null;
    if (trx.session.trx === trx) trx.session.trx = null;
    const i = this.trxs.indexOf(trx);
    if (i >= 0) this.trxs.splice(i, 1);
    this.releaseAll(trx);
    this.purge();
  }

  private commit(trx: Trx, auto: boolean): void {
    if (trx.id !== 0) {
      // 8.0: the serialisation number comes from the same counter as ids.
      this.nextId++;
      for (const u of trx.undo) this.addHistory(u.rec, u.table);
    }
    if (!auto || trx.undo.length > 0) this.note(auto ? 'autocommit' : 'commit', trx.id);
    this.endTrx(trx);
  }

  private rollbackTrx(trx: Trx): void {
    const n = trx.undo.length;
    this.rollbackTo(trx, 0);
    this.note('rollback', trx.id, n);
    this.endTrx(trx);
  }

  private rollbackTo(trx: Trx, mark: number): void {
    while (trx.undo.length > mark) {
      const u = trx.undo.pop()!;
      const rec = u.rec;
      if (rec.head.trxId !== trx.id) continue; // defensive: only our own versions are ours to undo
      if (u.kind === 'insert' && rec.head.prev === null) this.removeRec(u.table, rec, true);
      else if (rec.head.prev) rec.head = rec.head.prev;
    }
  }

  private addHistory(rec: Rec, table: Table): void {
    if (rec.removed) return;
    this.history.add(rec);
    this.historyTable.set(rec, table);
  }

  /** Purge: drop versions that no open read view can need; remove delete-marked records all views see as deleted. */
  purge(): number {
    let purged = 0;
    const views = this.trxs.map((t) => t.readView).filter((v): v is ReadView => v !== null);
    const visibleToAll = (v: Version): boolean => !this.isActive(v.trxId) && views.every((view) => changesVisible(view, v.trxId).visible);
    for (const rec of [...this.history]) {
      const table = this.historyTable.get(rec)!;
      let v: Version | null = rec.head;
      while (v && !visibleToAll(v)) v = v.prev;
      if (!v) continue;
      for (let p = v.prev; p; p = p.prev) purged++;
      v.prev = null;
      if (v === rec.head && v.deleted) {
        this.removeRec(table, rec, false);
        purged++;
      }
      if (rec.removed || (rec.head.prev === null && !rec.head.deleted)) {
        this.history.delete(rec);
        this.historyTable.delete(rec);
      }
    }
    if (purged > 0) this.note('purged', purged);
    return purged;
  }

  private isActive(id: number): boolean {
    return binarySearch(this.rwIds, id);
  }

  // ---------------------------------------------------------------- reads

  private findRec(t: Table, key: Value): { index: number; rec: Rec | null } {
    let lo = 0;
    let hi = t.recs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareValues(t.recs[mid].key, key)!;
      if (c === 0) return { index: mid, rec: t.recs[mid] };
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return { index: lo, rec: null };
  }

  private select(sess: Session, stmt: Extract<Statement, { kind: 'select' }>): Partial<SimEvent> {
    const t = this.table(stmt.table);
    const trx = sess.trx!;
    const cols = stmt.columns === '*' ? t.columns.map((_, i) => i) : stmt.columns.map((c) => this.colIndex(t, c, 'field list'));
    if (stmt.where) this.checkColumns(t, stmt.where, 'where clause');
    const orderIdx = stmt.orderBy ? this.colIndex(t, stmt.orderBy.column, 'order clause') : -1;
    let lock = stmt.lock;
    if (lock === 'none' && trx.level === 'SERIALIZABLE' && trx.explicit) {
      lock = 'share';
      this.note('serializable-share');
    }
    let rows: Value[][];
    let view: ReadView | null = null;
    let trace: RowTrace[] | undefined;
    if (lock === 'none') {
      const r = this.consistentRead(trx, t, stmt.where);
      rows = r.rows;
      view = r.view;
      trace = r.trace;
    } else {
      rows = this.lockingScan(trx, t, stmt.where, lock === 'update' ? 'X' : 'S', false).map((rec) => [...rec.head.values]);
    }
    if (orderIdx >= 0) {
      const dir = stmt.orderBy!.desc ? -1 : 1;
      rows.sort((a, b) => {
        const c = compareValues(a[orderIdx], b[orderIdx]);
        return dir * (c === null ? (a[orderIdx] === null ? (b[orderIdx] === null ? 0 : -1) : 1) : c);
      });
    }
    return {
      columns: cols.map((i) => t.columns[i].name),
      rows: rows.map((r) => cols.map((i) => r[i])),
      affected: 0,
      ...(this.trace && lock === 'none' ? { view, trace } : {}),
    };
  }

  private consistentRead(trx: Trx, t: Table, where: Expr | null): { rows: Value[][]; view: ReadView | null; trace?: RowTrace[] } {
    let view: ReadView | null = null;
    if (trx.level === 'READ COMMITTED') {
      view = this.openView(trx);
      this.note('view-rc', view.upLimit, view.lowLimit);
    } else if (trx.level !== 'READ UNCOMMITTED') {
      if (!trx.readView) {
        trx.readView = this.openView(trx);
        this.note('view-rr', trx.readView.upLimit, trx.readView.lowLimit);
      }
      view = trx.readView;
    } else this.note('ru-latest');
    const rows: Value[][] = [];
    const trace: RowTrace[] | undefined = this.trace ? [] : undefined;
    let hidden = 0;
    for (const rec of t.recs) {
      let v: Version | null = rec.head;
      const checks: VersionCheck[] | undefined = trace ? [] : undefined;
      while (v) {
        const r = view ? changesVisible(view, v.trxId) : { visible: true, rule: 'read-uncommitted' as const };
        checks?.push({ trxId: v.trxId, values: v.values, deleted: v.deleted, visible: r.visible, rule: r.rule });
        if (r.visible) break;
        v = v.prev;
      }
      if (v !== rec.head) hidden++;
      let outcome: RowTrace['outcome'] = 'absent';
      if (v && !v.deleted) {
        if (!where || truthy(this.evalExpr(t, where, v.values)) === true) {
          rows.push([...v.values]);
          outcome = 'row';
        } else outcome = 'filtered';
      } else if (v) outcome = 'deleted';
      if (trace && checks) trace.push({ table: t.name, key: rec.key, checks, outcome });
    }
    if (hidden > 0) this.note('undo-walk', hidden);
    return { rows, view, trace };
  }

  // ---------------------------------------------------------------- locking reads and writes

  /** Pk access path from the WHERE clause: point keys, a range, or a full scan. */
  private accessPath(t: Table, where: Expr | null): { kind: 'points'; keys: Value[] } | { kind: 'range'; lo: Value | null; loIncl: boolean; hi: Value | null; hiIncl: boolean } | { kind: 'full' } {
    if (!where) return { kind: 'full' };
    const pkName = t.columns[t.pk].name.toLowerCase();
    const conjuncts: Expr[] = [];
    const collect = (e: Expr): void => {
      if (e.k === 'bin' && e.op === 'AND') { collect(e.l); collect(e.r); } else conjuncts.push(e);
    };
    collect(where);
    const isPk = (e: Expr): boolean => e.k === 'col' && e.name.toLowerCase() === pkName;
    const constant = (e: Expr): Value | undefined => {
      if (hasColumn(e)) return undefined;
      const v = this.evalExpr(t, e, []);
      return v === null ? undefined : v;
    };
    let points: Value[] | null = null;
    let lo: Value | null = null;
    let loIncl = true;
    let hi: Value | null = null;
    let hiIncl = true;
    for (const c of conjuncts) {
      if (c.k === 'in' && !c.not && isPk(c.e)) {
        const vals = c.list.map(constant);
        if (vals.every((v) => v !== undefined)) {
          const ks = vals as Value[];
          points = points ? points.filter((p) => ks.some((k) => compareValues(k, p) === 0)) : ks;
        }
        continue;
      }
      if (c.k !== 'bin' || !['=', '<', '>', '<=', '>='].includes(c.op)) continue;
      let op = c.op;
      let val: Value | undefined;
      if (isPk(c.l)) val = constant(c.r);
      else if (isPk(c.r)) {
        val = constant(c.l);
        op = op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
      }
      if (val === undefined) continue;
      const keyVal: Value = t.columns[t.pk].type === 'INT' ? toNumber(val) : String(val);
      if (op === '=') points = points ? points.filter((p) => compareValues(p, keyVal) === 0) : [keyVal];
      else if (op === '>' || op === '>=') {
        const c2 = lo === null ? 1 : compareValues(keyVal, lo)!;
        if (c2 > 0 || (c2 === 0 && op === '>')) { lo = keyVal; loIncl = op === '>='; }
      } else {
        const c2 = hi === null ? -1 : compareValues(keyVal, hi)!;
        if (c2 < 0 || (c2 === 0 && op === '<')) { hi = keyVal; hiIncl = op === '<='; }
      }
    }
    if (points) {
      const uniq: Value[] = [];
      for (const p of points.slice().sort((a, b) => compareValues(a, b)!)) if (!uniq.some((u) => compareValues(u, p) === 0)) uniq.push(p);
      return { kind: 'points', keys: uniq };
    }
    if (lo !== null || hi !== null) return { kind: 'range', lo, loIncl, hi, hiIncl };
    return { kind: 'full' };
  }

  /**
   * A locking scan (current read) as row_search_mvcc does it: locks each record it visits on the
   * clustered index, then the server evaluates WHERE on the latest version. Returns matching records.
   */
  private lockingScan(trx: Trx, t: Table, where: Expr | null, mode: 'S' | 'X', semiConsistent: boolean): Rec[] {
    this.tableLock(trx, t, mode === 'X' ? 'IX' : 'IS');
    const gaps = trx.level === 'REPEATABLE READ' || trx.level === 'SERIALIZABLE';
    const path = this.accessPath(t, where);
    const matches = (rec: Rec): boolean => !rec.head.deleted && (!where || truthy(this.evalExpr(t, where, rec.head.values)) === true);
    const out: Rec[] = [];
    const visit = (rec: Rec, type: LockType, unique: boolean): void => {
      const held = this.holds(trx, t.name, rec.keyStr, mode, gaps ? type : 'rec');
      if (!gaps && semiConsistent && !unique) {
        // Semi-consistent read (RC/RU UPDATE): a locked row whose last committed version does not match is skipped without waiting.
        const blocker = this.conflicting(trx, t.name, rec.keyStr, mode, 'rec', false);
        if (blocker) {
          const committed = this.lastCommitted(rec);
          if (!committed || committed.deleted || (where && truthy(this.evalExpr(t, where, committed.values)) !== true)) {
            this.note('semi-consistent', formatValue(rec.key));
            return;
          }
        }
      }
      this.lockRec(trx, t, rec, mode, gaps ? type : 'rec');
      if (matches(rec)) out.push(rec);
      else if (!gaps && !held) {
        this.unlockRec(trx, t.name, rec.keyStr, mode);
        this.note('rc-release', formatValue(rec.key));
      }
    };
    const recs = t.recs;
    if (path.kind === 'points') {
      this.note(gaps ? 'path-unique' : 'path-unique-rc', t.columns[t.pk].name);
      for (const key of path.keys) {
        const { index, rec } = this.findRec(t, key);
        if (rec) visit(rec, rec.head.deleted ? 'nk' : 'rec', true);
        else if (gaps) {
          const next = recs[index] ?? null;
          if (next) this.lockRec(trx, t, next, mode, 'gap');
          else this.lockSupremum(trx, t, mode);
          this.note('gap-absent', formatValue(key));
        }
      }
    } else if (path.kind === 'range') {
      this.note(gaps ? 'path-range' : 'path-range-rc', t.columns[t.pk].name);
      let i = path.lo === null ? 0 : this.findRec(t, path.lo).index;
      if (path.lo !== null && !path.loIncl && i < recs.length && compareValues(recs[i].key, path.lo) === 0) i++;
      let first = true;
      for (; i < recs.length; i++) {
        const rec = recs[i];
        if (path.hi !== null) {
          const c = compareValues(rec.key, path.hi)!;
          if (c > 0 || (c === 0 && !path.hiIncl)) {
            // 8.0.18+: the first record past the end of a unique range gets a gap lock only.
            if (gaps) this.lockRec(trx, t, rec, mode, 'gap');
            break;
          }
        }
        const exactStart = first && path.lo !== null && path.loIncl && compareValues(rec.key, path.lo) === 0;
        visit(rec, exactStart ? 'rec' : 'nk', false);
        first = false;
      }
      if (i >= recs.length && gaps) this.lockSupremum(trx, t, mode);
    } else {
      this.note(gaps ? 'path-full' : 'path-full-rc');
      for (const rec of [...recs]) visit(rec, 'nk', false);
      if (gaps) this.lockSupremum(trx, t, mode);
    }
    return out;
  }

  private lastCommitted(rec: Rec): Version | null {
    for (let v: Version | null = rec.head; v; v = v.prev) if (!this.isActive(v.trxId)) return v;
    return null;
  }

  private modify(sess: Session, stmt: Extract<Statement, { kind: 'update' } | { kind: 'delete' }>): Partial<SimEvent> {
    const t = this.table(stmt.table);
    const trx = sess.trx!;
    if (stmt.where) this.checkColumns(t, stmt.where, 'where clause');
    const sets = stmt.kind === 'update' ? stmt.sets.map((s) => ({ index: this.colIndex(t, s.column, 'field list'), expr: s.expr })) : [];
    for (const s of sets) {
      this.checkColumns(t, s.expr, 'field list');
      if (s.index === t.pk) throw new SqlRuntimeError(1235, '42000', "This simulator doesn't support changing the primary key with UPDATE (InnoDB would delete-mark the record and insert a new one)");
    }
    const recs = this.lockingScan(trx, t, stmt.where, 'X', stmt.kind === 'update');
    let affected = 0;
    for (const rec of recs) {
      const old = rec.head;
      if (stmt.kind === 'delete') {
        this.writeVersion(trx, t, rec, { trxId: trx.id, values: old.values, deleted: true, prev: old });
        affected++;
        continue;
      }
      const values = [...old.values];
      for (const s of sets) values[s.index] = this.coerce(t.columns[s.index], this.evalWrite(t, s.expr, values));
      if (values.every((v, i) => v === old.values[i])) continue;
      this.writeVersion(trx, t, rec, { trxId: trx.id, values, deleted: false, prev: old });
      affected++;
    }
    return { affected, matched: recs.length };
  }

  private writeVersion(trx: Trx, t: Table, rec: Rec, v: Version): void {
    rec.head = v;
    trx.undo.push({ rec, table: t, kind: 'modify' });
  }

  private insert(sess: Session, stmt: Extract<Statement, { kind: 'insert' }>): Partial<SimEvent> {
    const t = this.table(stmt.table);
    const trx = sess.trx!;
    const targets = stmt.columns ? stmt.columns.map((c) => this.colIndex(t, c, 'field list')) : t.columns.map((_, i) => i);
    for (const row of stmt.rows) {
      if (row.length !== targets.length) throw new SqlRuntimeError(1136, '21S01', `Column count doesn't match value count at row ${stmt.rows.indexOf(row) + 1}`);
      for (const e of row) if (hasColumn(e)) throw new SqlRuntimeError(1054, '42S22', `Unknown column in 'field list' (VALUES takes constants here)`);
    }
    if (!targets.includes(t.pk)) throw new SqlRuntimeError(1364, 'HY000', `Field '${t.columns[t.pk].name}' doesn't have a default value`);
    this.tableLock(trx, t, 'IX');
    if (t.recs.length + stmt.rows.length > MAX_ROWS_PER_TABLE) throw new SqlRuntimeError(1114, 'HY000', `The table '${t.name}' is full (this simulator holds ${MAX_ROWS_PER_TABLE} rows)`);
    for (const row of stmt.rows) {
      const values: Value[] = t.columns.map(() => null);
      targets.forEach((ci, j) => { values[ci] = this.coerce(t.columns[ci], this.evalWrite(t, row[j], [])); });
      const key = values[t.pk];
      if (key === null) throw new SqlRuntimeError(1048, '23000', `Column '${t.columns[t.pk].name}' cannot be null`);
      const { index, rec } = this.findRec(t, key);
      if (rec) {
        // Duplicate check: a shared record lock on the existing entry (row_ins_duplicate_error_in_clust).
        this.lockRec(trx, t, rec, 'S', 'rec');
        if (!rec.head.deleted) throw new SqlRuntimeError(1062, '23000', `Duplicate entry '${formatValue(key)}' for key '${t.name}.PRIMARY'`);
        this.writeVersion(trx, t, rec, { trxId: trx.id, values, deleted: false, prev: rec.head });
        continue;
      }
      const next = t.recs[index] ?? null;
      const nextKey = next ? next.keyStr : SUPREMUM;
      if (this.conflicting(trx, t.name, nextKey, 'X', 'ii', next === null)) {
        this.note('insert-intention', next ? formatValue(next.key) : 'supremum');
        this.enqueueWait(trx, t, next, nextKey, 'X', 'ii');
      }
      const newRec: Rec = { key, keyStr: keyString(key), head: { trxId: trx.id, values, deleted: false, prev: null }, removed: false };
      t.recs.splice(index, 0, newRec);
      // lock_update_insert: gap locks on the successor are inherited by the new record.
      for (const l of this.locksByKey.get(t.name + '\u0001' + nextKey) ?? []) {
        if (!l.waiting && l.type !== 'ii' && (next === null || l.type !== 'rec')) this.addLock(l.trx, t.name, newRec, newRec.keyStr, l.mode, 'gap', false);
      }
      trx.undo.push({ rec: newRec, table: t, kind: 'insert' });
    }
    return { affected: stmt.rows.length };
  }

  private coerce(col: ColumnDef, v: Value): Value {
    if (v === null) return null;
    if (col.type === 'INT') {
      if (typeof v === 'string') {
        if (!/^\s*[-+]?\d+\s*$/.test(v)) throw new SqlRuntimeError(1366, 'HY000', `Incorrect integer value: '${v}' for column '${col.name}' at row 1`);
        return Number(v);
      }
      return Math.sign(v) * Math.round(Math.abs(v)); // MySQL rounds half away from zero
    }
    const s = typeof v === 'number' ? String(v) : v;
    if (s.length > col.length) throw new SqlRuntimeError(1406, '22001', `Data too long for column '${col.name}' at row 1`);
    return s;
  }

  private checkColumns(t: Table, e: Expr, clause: string): void {
    switch (e.k) {
      case 'col': this.colIndex(t, e.name, clause); return;
      case 'bin': this.checkColumns(t, e.l, clause); this.checkColumns(t, e.r, clause); return;
      case 'not': case 'neg': case 'isnull': this.checkColumns(t, e.e, clause); return;
      case 'in': this.checkColumns(t, e.e, clause); for (const x of e.list) this.checkColumns(t, x, clause); return;
      default: return;
    }
  }

  /** STRICT_TRANS_TABLES + ERROR_FOR_DIVISION_BY_ZERO (8.0 default sql_mode): division by 0 in a write is an error. */
  private strictWrite = false;

  private evalWrite(t: Table, e: Expr, row: readonly Value[]): Value {
    this.strictWrite = true;
    try {
      return this.evalExpr(t, e, row);
    } finally {
      this.strictWrite = false;
    }
  }

  evalExpr(t: Table, e: Expr, row: readonly Value[]): Value {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 'null': return null;
      case 'col': {
        const i = this.colIndex(t, e.name, 'where clause');
        return row.length ? row[i] : null;
      }
      case 'neg': {
        const v = this.evalExpr(t, e.e, row);
        return v === null ? null : -toNumber(v);
      }
      case 'not': {
        const v = truthy(this.evalExpr(t, e.e, row));
        return v === null ? null : v ? 0 : 1;
      }
      case 'isnull': {
        const isNull = this.evalExpr(t, e.e, row) === null;
        return (isNull !== e.not) ? 1 : 0;
      }
      case 'in': {
        const v = this.evalExpr(t, e.e, row);
        if (v === null) return null;
        let sawNull = false;
        for (const x of e.list) {
          const c = compareValues(v, this.evalExpr(t, x, row));
          if (c === null) sawNull = true;
          else if (c === 0) return e.not ? 0 : 1;
        }
        return sawNull ? null : e.not ? 1 : 0;
      }
      case 'bin': {
        if (e.op === 'AND') {
          const l = truthy(this.evalExpr(t, e.l, row));
          if (l === false) return 0;
          const r = truthy(this.evalExpr(t, e.r, row));
          if (r === false) return 0;
          return l === null || r === null ? null : 1;
        }
        if (e.op === 'OR') {
          const l = truthy(this.evalExpr(t, e.l, row));
          if (l === true) return 1;
          const r = truthy(this.evalExpr(t, e.r, row));
          if (r === true) return 1;
          return l === null || r === null ? null : 0;
        }
        const l = this.evalExpr(t, e.l, row);
        const r = this.evalExpr(t, e.r, row);
        if (l === null || r === null) return null;
        switch (e.op) {
          case '=': return compareValues(l, r) === 0 ? 1 : 0;
          case '<>': return compareValues(l, r) !== 0 ? 1 : 0;
          case '<': return compareValues(l, r)! < 0 ? 1 : 0;
          case '>': return compareValues(l, r)! > 0 ? 1 : 0;
          case '<=': return compareValues(l, r)! <= 0 ? 1 : 0;
          case '>=': return compareValues(l, r)! >= 0 ? 1 : 0;
          case '+': return toNumber(l) + toNumber(r);
          case '-': return toNumber(l) - toNumber(r);
          case '*': return toNumber(l) * toNumber(r);
          case '/': {
            const d = toNumber(r);
            if (d === 0 && this.strictWrite) throw new SqlRuntimeError(1365, '22012', 'Division by 0');
            return d === 0 ? null : Math.round((toNumber(l) / d) * 10000) / 10000;
          }
          case '%': {
            const d = toNumber(r);
            if (d === 0 && this.strictWrite) throw new SqlRuntimeError(1365, '22012', 'Division by 0');
            return d === 0 ? null : toNumber(l) % d;
          }
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- locks

  private tableLock(trx: Trx, t: Table, mode: 'IS' | 'IX'): void {
    const have = trx.tableLocks.get(t.name);
    if (mode === 'IX') this.assignId(trx);
    if (have === 'IX' || have === mode) return;
    // Holding IS and asking for IX gives the transaction a second table lock struct.
    if (have === 'IS') trx.tableLocks.set(t.name + '\u0000IS', 'IS');
    trx.tableLocks.set(t.name, mode);
  }

  /** lock_rec_has_to_wait (lock0lock.cc): does a request (mode, type) have to wait for lock `l` of another trx? */
  private hasToWait(mode: 'S' | 'X', type: LockType, onSupremum: boolean, l: Lock): boolean {
    if (mode === 'S' && l.mode === 'S') return false;
    const reqGap = type === 'gap' || type === 'ii';
    const reqII = type === 'ii';
    if ((onSupremum || reqGap) && !reqII) return false;
    if (!reqII && (l.type === 'gap' || l.type === 'ii')) return false;
    if (reqGap && l.type === 'rec') return false;
    if (l.type === 'ii') return false;
    return true;
  }

  private conflicting(trx: Trx, table: string, keyStr: string, mode: 'S' | 'X', type: LockType, onSupremum: boolean): Lock | null {
    const list = this.locksByKey.get(table + '\u0001' + keyStr);
    if (!list) return null;
    let waitingHit: Lock | null = null;
    for (const l of list) {
      if (l.trx === trx || !this.hasToWait(mode, type, onSupremum, l)) continue;
      if (!l.waiting) return l;
      waitingHit ??= l;
    }
    return waitingHit;
  }

  /** lock_rec_has_expl: does trx already hold a lock at least as strong? */
  private holds(trx: Trx, table: string, keyStr: string, mode: 'S' | 'X', type: LockType): boolean {
    const list = this.locksByKey.get(table + '\u0001' + keyStr);
    if (!list || type === 'ii') return false;
    for (const l of list) {
      if (l.trx !== trx || l.waiting || l.type === 'ii') continue;
      if (mode === 'X' && l.mode !== 'X') continue;
      if (type === 'rec' && l.type === 'gap') continue;
      if (type === 'gap' && l.type === 'rec') continue;
      if (type === 'nk' && l.type !== 'nk') continue;
      return true;
    }
    return false;
  }

  /** An uncommitted insert holds an implicit lock; another transaction's access converts it into an explicit X,REC_NOT_GAP. */
  private convertImplicit(trx: Trx, t: Table, rec: Rec): void {
    const owner = rec.head.trxId;
    if (owner === trx.id || !this.isActive(owner)) return;
    const ownerTrx = this.trxs.find((x) => x.id === owner);
    if (!ownerTrx) return;
    if (this.holds(ownerTrx, t.name, rec.keyStr, 'X', 'rec')) return;
    this.addLock(ownerTrx, t.name, rec, rec.keyStr, 'X', 'rec', false);
    this.note('implicit-lock', ownerTrx.id, formatValue(rec.key));
  }

  private lockRec(trx: Trx, t: Table, rec: Rec, mode: 'S' | 'X', type: LockType): void {
    this.convertImplicit(trx, t, rec);
    if (this.holds(trx, t.name, rec.keyStr, mode, type)) return;
    if (this.conflicting(trx, t.name, rec.keyStr, mode, type, false)) this.enqueueWait(trx, t, rec, rec.keyStr, mode, type);
    this.addLock(trx, t.name, rec, rec.keyStr, mode, type, false);
  }

  private lockSupremum(trx: Trx, t: Table, mode: 'S' | 'X'): void {
    if (this.holds(trx, t.name, SUPREMUM, mode, 'nk')) return;
    // Nothing waits for a plain lock on the supremum (only insert intention does).
    this.addLock(trx, t.name, null, SUPREMUM, mode, 'nk', false);
  }

  private enqueueWait(trx: Trx, t: Table, rec: Rec | null, keyStr: string, mode: 'S' | 'X', type: LockType): never {
    const existing = trx.waitLock;
    if (existing && existing.keyStr === keyStr && existing.mode === mode && existing.type === type && existing.table === t.name) throw new BlockSignal(existing);
    const lock = this.addLock(trx, t.name, rec, keyStr, mode, type, true);
    throw new BlockSignal(lock);
  }

  private addLock(trx: Trx, table: string, rec: Rec | null, keyStr: string, mode: 'S' | 'X', type: LockType, waiting: boolean): Lock {
    const id = this.lockSeq++;
    const lock: Lock = { id, trx, table, keyStr, rec, mode, type, waiting, struct: waiting ? `w${id}` : `${table}|${mode}|${type}` };
    const k = table + '\u0001' + keyStr;
    const list = this.locksByKey.get(k);
    if (list) list.push(lock);
    else this.locksByKey.set(k, [lock]);
    trx.locks.push(lock);
    return lock;
  }

  private removeLock(lock: Lock): void {
    const k = lock.table + '\u0001' + lock.keyStr;
    const list = this.locksByKey.get(k);
    if (list) {
      const i = list.indexOf(lock);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.locksByKey.delete(k);
    }
    const j = lock.trx.locks.indexOf(lock);
    if (j >= 0) lock.trx.locks.splice(j, 1);
  }

  private unlockRec(trx: Trx, table: string, keyStr: string, mode: 'S' | 'X'): void {
    const list = this.locksByKey.get(table + '\u0001' + keyStr);
    if (!list) return;
    for (const l of [...list]) if (l.trx === trx && !l.waiting && l.mode === mode && l.type === 'rec') this.removeLock(l);
    this.grantWaiters(table, keyStr);
  }

  private releaseAll(trx: Trx): void {
    const keys = new Set<string>();
    for (const l of [...trx.locks]) {
      keys.add(l.table + '\u0001' + l.keyStr);
      this.removeLock(l);
    }
    trx.tableLocks.clear();
    for (const k of keys) {
      const [table, keyStr] = k.split('\u0001');
      this.grantWaiters(table, keyStr);
    }
  }

  /** After a release: grant each waiting lock that no longer conflicts, and wake its session. */
  private grantWaiters(table: string, keyStr: string): void {
    const list = this.locksByKey.get(table + '\u0001' + keyStr);
    if (!list) return;
    for (const w of list) {
      if (!w.waiting) continue;
      const blocked = list.some((l) => l !== w && l.trx !== w.trx && !l.waiting && this.hasToWait(w.mode, w.type, w.rec === null, l));
      if (blocked) continue;
      w.waiting = false;
      if (!this.wakeQueue.includes(w.trx.session)) this.wakeQueue.push(w.trx.session);
    }
  }

  /** The transaction a waiting lock waits for (a granted conflicting lock's owner first). */
  private blockerOf(lock: Lock): Trx | null {
    return this.blockersOf(lock)[0] ?? null;
  }

  private blockersOf(lock: Lock): Trx[] {
    const list = this.locksByKey.get(lock.table + '\u0001' + lock.keyStr) ?? [];
    const granted: Trx[] = [];
    const waiting: Trx[] = [];
    for (const l of list) {
      if (l === lock) break;
      if (l.trx === lock.trx || !this.hasToWait(lock.mode, lock.type, lock.rec === null, l)) continue;
      (l.waiting ? waiting : granted).push(l.trx);
    }
    for (const l of list) {
      if (l.trx === lock.trx || l.waiting || !this.hasToWait(lock.mode, lock.type, lock.rec === null, l)) continue;
      if (!granted.includes(l.trx)) granted.push(l.trx);
    }
    return [...granted, ...waiting.filter((x) => !granted.includes(x))];
  }

  /** Wait-for graph search from `start`; on a cycle, the victim is the lighter transaction (TRX_WEIGHT), the requester on a tie. */
  private detectDeadlock(start: Trx): Trx | null {
    const path: Trx[] = [];
    const onPath = new Set<Trx>();
    const done = new Set<Trx>();
    let cycle: Trx[] | null = null;
    const dfs = (t: Trx, depth: number): void => {
      if (cycle || depth > 200) return;
      path.push(t);
      onPath.add(t);
      const wl = t.waitLock;
      if (wl) {
        for (const b of this.blockersOf(wl)) {
          if (b === start) { cycle = [...path]; break; }
          if (!onPath.has(b) && !done.has(b)) dfs(b, depth + 1);
          if (cycle) break;
        }
      }
      path.pop();
      onPath.delete(t);
      done.add(t);
    };
    dfs(start, 0);
    if (!cycle) return null;
    const members: Trx[] = cycle;
    let victim = start;
    for (const t of members) if (t !== start && this.weight(victim) > this.weight(t)) victim = t;
    this.note('deadlock', members.map((m) => m.session.name ?? '?').join(' → '), members.map((m) => `${m.session.name ?? '?'}=${this.weight(m)}`).join(', '));
    return victim;
  }

  /** TRX_WEIGHT = undo_no + UT_LIST_GET_LEN(trx_locks): undo records plus lock structs (table and record). */
  weight(trx: Trx): number {
    const structs = new Set<string>();
    for (const l of trx.locks) structs.add(l.struct);
    return trx.undo.length + trx.tableLocks.size + structs.size;
  }

  private printId(trx: Trx): number {
    return trx.id !== 0 ? trx.id : RO_PRINT_BASE + trx.seq;
  }

  private removeRec(t: Table, rec: Rec, rollback: boolean): void {
    const { index } = this.findRec(t, rec.key);
    if (t.recs[index] !== rec) return;
    t.recs.splice(index, 1);
    rec.removed = true;
    const next = t.recs[index] ?? null;
    const nextKey = next ? next.keyStr : SUPREMUM;
    const list = [...(this.locksByKey.get(t.name + '\u0001' + rec.keyStr) ?? [])];
    // lock_rec_inherit_to_gap: the removed record's locks become gap locks on its successor.
    for (const l of list) {
      if (l.waiting) {
        this.removeLock(l);
        l.trx.waitLock = null;
        if (!this.wakeQueue.includes(l.trx.session)) this.wakeQueue.push(l.trx.session);
        continue;
      }
      this.removeLock(l);
      const rcX = (l.trx.level === 'READ COMMITTED' || l.trx.level === 'READ UNCOMMITTED') && l.mode === 'X';
      if (l.type !== 'ii' && !rcX && !l.trx.ended) {
        if (!this.holds(l.trx, t.name, nextKey, l.mode, next ? 'gap' : 'nk')) this.addLock(l.trx, t.name, next, nextKey, l.mode, next ? 'gap' : 'nk', false);
      }
    }
    void rollback;
  }

  // ---------------------------------------------------------------- views for the panel and tests

  private lockRow(l: Lock): LockRow {
    const suffix = l.rec === null ? '' : l.type === 'rec' ? ',REC_NOT_GAP' : l.type === 'gap' ? ',GAP' : l.type === 'ii' ? ',GAP,INSERT_INTENTION' : '';
    const mode = l.rec === null && l.type === 'ii' ? `${l.mode},INSERT_INTENTION` : l.mode + suffix;
    const data = l.rec === null ? 'supremum pseudo-record' : typeof l.rec.key === 'string' ? `'${l.rec.key}'` : formatValue(l.rec.key);
    return { engineTransactionId: this.printId(l.trx), session: l.trx.session.name, table: l.table, lockType: 'RECORD', lockMode: mode, lockStatus: l.waiting ? 'WAITING' : 'GRANTED', lockData: data };
  }

  snapshot(): EngineSnapshot {
    const locks: LockRow[] = [];
    for (const trx of this.trxs) {
      for (const [table, mode] of trx.tableLocks) {
        locks.push({ engineTransactionId: this.printId(trx), session: trx.session.name, table: table.split('\u0000')[0], lockType: 'TABLE', lockMode: mode, lockStatus: 'GRANTED', lockData: null });
      }
      for (const l of trx.locks) locks.push(this.lockRow(l));
    }
    const waitsFor: { from: string | null; to: string | null; lock: LockRow }[] = [];
    for (const trx of this.trxs) {
      if (!trx.waitLock) continue;
      for (const b of this.blockersOf(trx.waitLock)) waitsFor.push({ from: trx.session.name, to: b.session.name, lock: this.lockRow(trx.waitLock) });
    }
    const sessions: SessionInfo[] = [...this.sessions.values()].map((s) => ({
      name: s.name,
      level: s.trx ? s.trx.level : s.nextLevel ?? s.level,
      inTransaction: !!s.trx && s.trx.explicit,
      blocked: !!s.blocked,
      waitingFor: s.blocked && s.trx?.waitLock ? this.blockerOf(s.trx.waitLock)?.session.name ?? null : null,
      waitLock: s.blocked && s.trx?.waitLock ? this.lockRow(s.trx.waitLock) : null,
      queued: s.queue.length,
      lockWaitTimeout: s.lockWaitTimeout,
    }));
    return {
      time: this.now,
      nextTrxId: this.nextId,
      activeIds: [...this.rwIds],
      tables: [...this.tables.values()].map((t) => ({
        name: t.name,
        columns: t.columns.map((c) => c.name),
        pk: t.columns[t.pk].name,
        rows: t.recs.map((r) => {
          const chain: ChainVersion[] = [];
          for (let v: Version | null = r.head; v && chain.length < 50; v = v.prev) chain.push({ trxId: v.trxId, values: v.values, deleted: v.deleted, committed: !this.isActive(v.trxId) });
          return { key: r.key, chain };
        }),
      })),
      transactions: this.trxs.map((trx) => {
        const structs = new Set(trx.locks.map((l) => l.struct)).size + trx.tableLocks.size;
        return {
          session: trx.session.name, id: trx.id, printId: this.printId(trx), level: trx.level, readView: trx.readView, lastView: trx.lastView,
          undoRecords: trx.undo.length, lockStructs: structs, weight: this.weight(trx), waiting: !!trx.waitLock,
        };
      }),
      sessions,
      locks,
      waitsFor,
    };
  }
}

function hasColumn(e: Expr): boolean {
  switch (e.k) {
    case 'col': return true;
    case 'bin': return hasColumn(e.l) || hasColumn(e.r);
    case 'not': case 'neg': case 'isnull': return hasColumn(e.e);
    case 'in': return hasColumn(e.e) || e.list.some(hasColumn);
    default: return false;
  }
}
