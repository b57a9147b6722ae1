/**
 * A deterministic Raft cluster: virtual clock, event queue, seeded PRNG, no DOM or timers.
 *
 * Core rules follow the Raft paper §5 (Ongaro & Ousterhout, "In Search of an Understandable
 * Consensus Algorithm (Extended Version)", 2014, Figure 2). Where etcd adds behaviour the options
 * follow etcd-io/raft (raft.go): the empty entry a new leader appends (becomeLeader), PreVote
 * (campaignPreElection: ask for term+1 without incrementing the term; voters never change their
 * term for a pre-vote), CheckQuorum (a leader that has not heard from a quorum within an election
 * timeout steps down; a follower that heard from a leader within the minimum election timeout
 * ignores higher-term vote requests), the vote rule `Vote == from || (Vote == None && lead == None)`
 * and the conflict-by-term fast back-off of rejected appends (findConflictByTerm).
 */
import { mix, mulberry32 } from './random';
import type { RaftConfig } from './scenario';

export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

export interface Entry {
  readonly term: number;
  /** The client's value; null for a leader's no-op entry. */
  readonly value: string | null;
  /** Unique id of this entry (who created it), used by the invariant monitor. */
  readonly id: number;
}

export interface RaftNode {
  readonly id: number;
  up: boolean;
  // persistent state (survives crash/restart)
  term: number;
  votedFor: number | null;
  log: Entry[];
  /** prefix[i] = fingerprint of log[1..i] (prefix[0] = 0); derived from the log. */
  prefix: number[];
  // volatile state
  role: Role;
  leaderId: number | null;
  commitIndex: number;
  votes: Map<number, boolean>;
  /** When the election timer started and when it fires (ms). Infinity for leaders and stopped nodes. */
  electionStart: number;
  electionDeadline: number;
  timeoutLen: number;
  timerAt: number;
  timerGen: number;
  lastHeardLeader: number;
  // leader state
  epoch: number;
  nextIndex: number[];
  matchIndex: number[];
  inflight: boolean[];
  /** Last index sent in the outstanding AppendEntries with entries, and when it was sent. */
  inflightUpTo: number[];
  inflightSince: number[];
  recentActive: boolean[];
  withheldAt: number;
}

export type MessageKind = 'RequestVote' | 'RequestVoteResp' | 'AppendEntries' | 'AppendResp';

interface MsgBase {
  /** Queue fields: a message is its own delivery event. */
  q: 'msg';
  t: number;
  seq: number;
  id: number;
  from: number;
  to: number;
  term: number;
  sentAt: number;
  deliverAt: number;
  lost: boolean;
}
export interface RequestVoteMsg extends MsgBase { kind: 'RequestVote'; pre: boolean; lastLogIndex: number; lastLogTerm: number }
export interface RequestVoteRespMsg extends MsgBase { kind: 'RequestVoteResp'; pre: boolean; granted: boolean }
export interface AppendEntriesMsg extends MsgBase { kind: 'AppendEntries'; prevLogIndex: number; prevLogTerm: number; entries: Entry[]; leaderCommit: number }
export interface AppendRespMsg extends MsgBase { kind: 'AppendResp'; success: boolean; matchIndex: number; rejectedIndex: number; hintIndex: number; hintTerm: number }
export type Message = RequestVoteMsg | RequestVoteRespMsg | AppendEntriesMsg | AppendRespMsg;

export type VoteReason = 'granted' | 'log' | 'voted' | 'leader' | 'term' | 'lease';
export type DropReason = 'partition' | 'link' | 'loss' | 'down';
export type Invariant = 'ElectionSafety' | 'LogMatching' | 'LeaderCompleteness' | 'StateMachineSafety';

/** One trace event. Times are virtual ms. */
export type TraceEvent =
  | { t: number; type: 'follower'; node: number; term: number; leader: number | null; reason: 'term' | 'leader' | 'lost' | 'quorum' | 'restart' }
  | { t: number; type: 'candidate'; node: number; term: number; pre?: true; forced?: true }
  | { t: number; type: 'leader'; node: number; term: number }
  | { t: number; type: 'vote'; node: number; candidate: number; term: number; granted: boolean; reason: VoteReason; pre?: true }
  | { t: number; type: 'append'; node: number; index: number; term: number; value: string | null }
  | { t: number; type: 'truncate'; node: number; fromIndex: number }
  | { t: number; type: 'commit'; node: number; index: number; by?: number[] }
  | { t: number; type: 'withheld'; node: number; index: number; term: number; currentTerm: number }
  | { t: number; type: 'request'; node: number | null; value: string; accepted: boolean; index?: number; term?: number; leaderHint?: number | null; reason?: 'not-leader' | 'down' | 'no-leader' }
  | { t: number; type: 'crash'; node: number }
  | { t: number; type: 'restart'; node: number; term: number }
  | { t: number; type: 'partition'; groups: number[][] }
  | { t: number; type: 'heal' }
  | { t: number; type: 'dropLink'; nodes: [number, number] }
  | { t: number; type: 'timeout'; node: number; forced?: true; ignored?: true }
  | { t: number; type: 'send'; id: number; from: number; to: number; msg: MessageKind; term: number; detail: string }
  | { t: number; type: 'deliver'; id: number; from: number; to: number; msg: MessageKind; term: number }
  | { t: number; type: 'drop'; id: number; from: number; to: number; msg: MessageKind; term: number; reason: DropReason }
  | { t: number; type: 'violation'; invariant: Invariant; detail: string };

/** Which events are recorded: everything, everything but message traffic, or nothing. */
export type TraceLevel = 'full' | 'state' | 'none';

export interface SimOptions {
  trace?: TraceLevel;
  /** Called for every event (whatever the trace level), e.g. by the panel to narrate. */
  onEvent?: (e: TraceEvent) => void;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type QueueItem =
  | Message
  | { t: number; seq: number; q: 'timer'; node: number; gen: number }
  | { t: number; seq: number; q: 'beat'; node: number; epoch: number }
  | { t: number; seq: number; q: 'quorum'; node: number; epoch: number };

/** At most this many entries travel in one AppendEntries. */
export const MAX_BATCH = 64;
/** Hard limit on log length, so a runaway scenario cannot exhaust memory. */
export const MAX_LOG = 200_000;

const descending = (a: number, b: number): number => b - a;
const r1 = (x: number): number => Math.round(x * 10) / 10;

class Heap {
  private a: QueueItem[] = [];
  get size(): number { return this.a.length; }
  peek(): QueueItem | undefined { return this.a[0]; }
  private less(x: QueueItem, y: QueueItem): boolean { return x.t < y.t || (x.t === y.t && x.seq < y.seq); }
  push(item: QueueItem): void {
    const a = this.a;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      const x = a[i];
      a[i] = a[p];
      a[p] = x;
      i = p;
    }
  }
  pop(): QueueItem | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as QueueItem;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        const x = a[i];
        a[i] = a[m];
        a[m] = x;
        i = m;
      }
    }
    return top;
  }
}

export class RaftSim {
  readonly config: RaftConfig;
  readonly nodes: RaftNode[];
  /** Virtual time (ms). */
  now = 0;
  readonly events: TraceEvent[] = [];
  readonly violations: { t: number; invariant: Invariant; detail: string }[] = [];
  /** Messages on the wire, by id (for drawing; not kept when nothing records or listens). */
  readonly inFlight = new Map<number, Message>();
  /** Partition group of each node (index = id); all 0 when healed. */
  group: number[];
  readonly cutLinks = new Set<number>();
  /** Number of events processed (a work budget for callers). */
  processed = 0;

  private readonly rng: () => number;
  private readonly queue = new Heap();
  private seq = 0;
  private msgSeq = 0;
  private entrySeq = 0;
  private readonly traceLevel: TraceLevel;
  /** Nothing records or listens: skip building event objects (benchmark mode). */
  private readonly quiet: boolean;
  private readonly onEvent?: (e: TraceEvent) => void;
  // invariant monitor state
  private readonly leaderOfTerm = new Map<number, number>();
  private readonly seenPrefix = new Map<number, number>();
  private readonly committed: number[] = [0];
  private readonly committedFp: number[] = [0];
  private readonly scratch: number[];

  constructor(config: RaftConfig, options: SimOptions = {}) {
    this.config = config;
    this.rng = mulberry32(config.seed);
    this.traceLevel = options.trace ?? 'full';
    this.onEvent = options.onEvent;
    this.quiet = this.traceLevel === 'none' && !this.onEvent;
    this.group = new Array(config.nodes + 1).fill(0);
    this.scratch = new Array(config.nodes).fill(0);
    this.nodes = [];
    for (let id = 1; id <= config.nodes; id++) {
      const n: RaftNode = {
        id, up: true, term: 0, votedFor: null, log: [], prefix: [0], role: 'follower', leaderId: null, commitIndex: 0,
        votes: new Map(), electionStart: 0, electionDeadline: Infinity, timeoutLen: 0, timerAt: Infinity, timerGen: 0, lastHeardLeader: -Infinity,
        epoch: 0, nextIndex: [], matchIndex: [], inflight: [], inflightUpTo: [], inflightSince: [], recentActive: [], withheldAt: 0,
      };
      this.nodes.push(n);
    }
    for (const n of this.nodes) this.resetElectionTimer(n, true);
  }

  get quorum(): number { return Math.floor(this.config.nodes / 2) + 1; }
  node(id: number): RaftNode { return this.nodes[id - 1]; }
  lastIndex(n: RaftNode): number { return n.log.length; }
  termAt(n: RaftNode, index: number): number { return index <= 0 || index > n.log.length ? 0 : n.log[index - 1].term; }
  /** True when a message from a can reach b now. */
  connected(a: number, b: number): boolean { return this.linkState(a, b) === undefined; }
  /** The earliest time anything happens next, or Infinity. */
  nextEventTime(): number { return this.queue.peek()?.t ?? Infinity; }

  /** The live leader with the highest term (a stale leader in a minority may also think it leads). */
  leader(): RaftNode | undefined {
    let best: RaftNode | undefined;
    for (const n of this.nodes) if (n.up && n.role === 'leader' && (!best || n.term > best.term)) best = n;
    return best;
  }

  // ---- events -------------------------------------------------------------------------------

  private emit(e: TraceEvent): void {
    const traffic = e.type === 'send' || e.type === 'deliver' || e.type === 'drop';
    if (this.traceLevel === 'full' || (this.traceLevel === 'state' && !traffic)) this.events.push(e);
    this.onEvent?.(e);
  }

  private push(item: DistributiveOmit<QueueItem, 'seq'>): void {
    (item as QueueItem).seq = this.seq++;
    this.queue.push(item as QueueItem);
  }

  /** Processes the next queued event if it happens at or before `limit`; returns false if none. */
  step(limit = Infinity): boolean {
    const top = this.queue.peek();
    if (!top || top.t > limit) return false;
    this.queue.pop();
    this.now = Math.max(this.now, top.t);
    this.processed++;
    switch (top.q) {
      case 'msg': this.deliver(top); break;
      case 'timer': this.onTimer(top.node, top.gen); break;
      case 'beat': this.onBeat(top.node, top.epoch); break;
      case 'quorum': this.onQuorumCheck(top.node, top.epoch); break;
    }
    return true;
  }

  /** Processes every event up to and including time `t`, then sets the clock to `t`. */
  runUntil(t: number, budget = Infinity): void {
    let work = 0;
    while (work++ < budget && this.step(t));
    if (t > this.now) this.now = t;
  }

  // ---- timers -------------------------------------------------------------------------------

  private resetElectionTimer(n: RaftNode, rerandomize: boolean): void {
    const [lo, hi] = this.config.electionTimeoutMs;
    if (rerandomize || n.timeoutLen === 0) n.timeoutLen = r1(lo + this.rng() * (hi - lo));
    n.electionStart = this.now;
    n.electionDeadline = r1(this.now + n.timeoutLen);
    if (n.timerAt > n.electionDeadline) {
      n.timerAt = n.electionDeadline;
      n.timerGen++;
      this.push({ t: n.electionDeadline, q: 'timer', node: n.id, gen: n.timerGen });
    }
  }

  private onTimer(id: number, gen: number): void {
    const n = this.node(id);
    if (gen !== n.timerGen) return;
    n.timerAt = Infinity;
    if (!n.up || n.role === 'leader') return;
    if (n.electionDeadline > this.now) {
      n.timerAt = n.electionDeadline;
      n.timerGen++;
      this.push({ t: n.electionDeadline, q: 'timer', node: id, gen: n.timerGen });
      return;
    }
    if (!this.quiet) this.emit({ t: this.now, type: 'timeout', node: id });
    this.campaign(n, this.config.preVote, false);
  }

  private onBeat(id: number, epoch: number): void {
    const n = this.node(id);
    if (!n.up || n.role !== 'leader' || n.epoch !== epoch) return;
    for (const p of this.nodes) if (p.id !== id) this.sendAppend(n, p.id, true);
    this.push({ t: r1(this.now + this.config.heartbeatMs), q: 'beat', node: id, epoch });
  }

  private onQuorumCheck(id: number, epoch: number): void {
    const n = this.node(id);
    if (!n.up || n.role !== 'leader' || n.epoch !== epoch) return;
    let active = 1;
    for (const p of this.nodes) if (p.id !== id && n.recentActive[p.id]) active++;
    if (active < this.quorum) {
      this.becomeFollower(n, n.term, null, 'quorum');
      return;
    }
    n.recentActive.fill(false);
    this.push({ t: r1(this.now + this.config.electionTimeoutMs[0]), q: 'quorum', node: id, epoch });
  }

  // ---- roles --------------------------------------------------------------------------------

  private becomeFollower(n: RaftNode, term: number, leader: number | null, reason: 'term' | 'leader' | 'lost' | 'quorum' | 'restart'): void {
    const changedTerm = term !== n.term;
    if (changedTerm) {
      n.term = term;
      n.votedFor = null;
    }
    const wasRole = n.role;
    n.role = 'follower';
    n.leaderId = leader;
    n.epoch++;
    if (wasRole !== 'follower' || changedTerm || reason === 'restart') {
      this.resetElectionTimer(n, true);
      if (!this.quiet) this.emit({ t: this.now, type: 'follower', node: n.id, term, leader, reason });
    }
  }

  /** Starts an election (or a pre-election with PreVote). */
  private campaign(n: RaftNode, pre: boolean, forced: boolean): void {
    n.votes = new Map([[n.id, true]]);
    n.leaderId = null;
    n.epoch++;
    let term: number;
    if (pre) {
      n.role = 'precandidate';
      term = n.term + 1;
      this.resetElectionTimer(n, true);
      if (!this.quiet) this.emit({ t: this.now, type: 'candidate', node: n.id, term: n.term, pre: true, ...(forced ? { forced: true as const } : {}) });
    } else {
      n.role = 'candidate';
      n.term += 1;
      n.votedFor = n.id;
      term = n.term;
      this.resetElectionTimer(n, true);
      if (!this.quiet) this.emit({ t: this.now, type: 'candidate', node: n.id, term: n.term, ...(forced ? { forced: true as const } : {}) });
    }
    const lastLogIndex = this.lastIndex(n), lastLogTerm = this.termAt(n, lastLogIndex);
    for (const p of this.nodes) {
      if (p.id === n.id) continue;
      this.send({ kind: 'RequestVote', from: n.id, to: p.id, term, pre, lastLogIndex, lastLogTerm } as Omit<RequestVoteMsg, keyof MsgBase> & Pick<MsgBase, 'from' | 'to' | 'term'>);
    }
  }

  private becomeLeader(n: RaftNode): void {
    n.role = 'leader';
    n.leaderId = n.id;
    n.epoch++;
    n.timerAt = Infinity;
    n.timerGen++;
    n.electionDeadline = Infinity;
    const next = this.lastIndex(n) + 1;
    n.nextIndex = new Array(this.config.nodes + 1).fill(next);
    n.matchIndex = new Array(this.config.nodes + 1).fill(0);
    n.inflight = new Array(this.config.nodes + 1).fill(false);
    n.inflightUpTo = new Array(this.config.nodes + 1).fill(0);
    n.inflightSince = new Array(this.config.nodes + 1).fill(0);
    n.recentActive = new Array(this.config.nodes + 1).fill(false);
    n.withheldAt = 0;
    if (!this.quiet) this.emit({ t: this.now, type: 'leader', node: n.id, term: n.term });
    this.checkElectionSafety(n);
    this.checkLeaderCompleteness(n);
    if (this.config.noopOnElection) this.appendLocal(n, null);
    n.matchIndex[n.id] = this.lastIndex(n);
    this.push({ t: this.now, q: 'beat', node: n.id, epoch: n.epoch });
    if (this.config.checkQuorum) this.push({ t: r1(this.now + this.config.electionTimeoutMs[0]), q: 'quorum', node: n.id, epoch: n.epoch });
  }

  // ---- log ----------------------------------------------------------------------------------

  private appendEntry(n: RaftNode, e: Entry): void {
    if (n.log.length >= MAX_LOG) throw new RangeError(`log of n${n.id} is longer than ${MAX_LOG} entries`);
    n.log.push(e);
    const index = n.log.length;
    const fp = mix(n.prefix[index - 1], e.id);
    n.prefix.push(fp);
    if (!this.quiet) this.emit({ t: this.now, type: 'append', node: n.id, index, term: e.term, value: e.value });
    this.checkLogMatching(n, index, e, fp);
  }

  private appendLocal(n: RaftNode, value: string | null): number {
    this.appendEntry(n, { term: n.term, value, id: ++this.entrySeq });
    n.matchIndex[n.id] = this.lastIndex(n);
    return this.lastIndex(n);
  }

  private truncate(n: RaftNode, fromIndex: number): void {
    n.log.length = fromIndex - 1;
    n.prefix.length = fromIndex;
    if (!this.quiet) this.emit({ t: this.now, type: 'truncate', node: n.id, fromIndex });
  }

  private setCommit(n: RaftNode, index: number, by?: number[]): void {
    if (index <= n.commitIndex) return;
    const from = n.commitIndex;
    n.commitIndex = index;
    if (!this.quiet) this.emit({ t: this.now, type: 'commit', node: n.id, index, ...(by ? { by } : {}) });
    this.checkStateMachineSafety(n, from, index);
  }

  /** Largest index ≤ index whose term is ≤ term (etcd's findConflictByTerm). */
  private findConflictByTerm(n: RaftNode, index: number, term: number): number {
    let i = Math.min(index, this.lastIndex(n));
    while (i > 0 && this.termAt(n, i) > term) i--;
    return i;
  }

  // ---- messages -----------------------------------------------------------------------------

  private linkState(a: number, b: number): DropReason | undefined {
    if (this.group[a] !== this.group[b]) return 'partition';
    if (this.cutLinks.size > 0 && this.cutLinks.has(Math.min(a, b) * 16 + Math.max(a, b))) return 'link';
    return undefined;
  }

  private send(m: Pick<MsgBase, 'from' | 'to' | 'term'> & Record<string, unknown>): void {
    const [lo, hi] = this.config.latencyMs;
    const msg = m as unknown as Message;
    msg.q = 'msg';
    msg.id = ++this.msgSeq;
    msg.sentAt = this.now;
    msg.deliverAt = r1(this.now + lo + this.rng() * (hi - lo));
    msg.t = msg.deliverAt;
    msg.lost = this.config.lossRate > 0 && this.rng() < this.config.lossRate;
    if (!this.quiet) this.inFlight.set(msg.id, msg);
    this.push(msg);
    if (this.traceLevel === 'full' || this.onEvent) this.emit({ t: this.now, type: 'send', id: msg.id, from: msg.from, to: msg.to, msg: msg.kind, term: msg.term, detail: messageDetail(msg) });
  }

  private deliver(m: Message): void {
    if (!this.quiet) this.inFlight.delete(m.id);
    const to = this.node(m.to);
    const reason: DropReason | undefined = !to.up ? 'down' : this.linkState(m.from, m.to) ?? (m.lost ? 'loss' : undefined);
    if (reason) {
      if (!this.quiet) this.emit({ t: this.now, type: 'drop', id: m.id, from: m.from, to: m.to, msg: m.kind, term: m.term, reason });
      return;
    }
    if (!this.quiet) this.emit({ t: this.now, type: 'deliver', id: m.id, from: m.from, to: m.to, msg: m.kind, term: m.term });
    switch (m.kind) {
      case 'RequestVote': this.onRequestVote(to, m); break;
      case 'RequestVoteResp': this.onVoteResp(to, m); break;
      case 'AppendEntries': this.onAppendEntries(to, m); break;
      case 'AppendResp': this.onAppendResp(to, m); break;
    }
  }

  private onRequestVote(r: RaftNode, m: RequestVoteMsg): void {
    const pre = m.pre ? { pre: true as const } : {};
    if (m.term > r.term) {
      // CheckQuorum lease (etcd): a node that heard from a leader within the minimum election
      // timeout neither updates its term nor grants a vote.
      const inLease = r.role === 'leader' || (r.leaderId !== null && this.now - r.lastHeardLeader < this.config.electionTimeoutMs[0]);
      if (this.config.checkQuorum && inLease) {
        if (!this.quiet) this.emit({ t: this.now, type: 'vote', node: r.id, candidate: m.from, term: m.term, granted: false, reason: 'lease', ...pre });
        return;
      }
      if (!m.pre) this.becomeFollower(r, m.term, null, 'term');
    } else if (m.term < r.term) {
      // Figure 2: reply false if term < currentTerm (the reply carries our newer term).
      if (!this.quiet) this.emit({ t: this.now, type: 'vote', node: r.id, candidate: m.from, term: m.term, granted: false, reason: 'term', ...pre });
      this.send({ kind: 'RequestVoteResp', from: r.id, to: m.from, term: r.term, pre: m.pre, granted: false });
      return;
    }
    const canVote = r.votedFor === m.from || (r.votedFor === null && r.leaderId === null) || (m.pre && m.term > r.term);
    const myLast = this.lastIndex(r), myLastTerm = this.termAt(r, myLast);
    const upToDate = m.lastLogTerm > myLastTerm || (m.lastLogTerm === myLastTerm && m.lastLogIndex >= myLast);
    if (canVote && upToDate) {
      if (!this.quiet) this.emit({ t: this.now, type: 'vote', node: r.id, candidate: m.from, term: m.term, granted: true, reason: 'granted', ...pre });
      this.send({ kind: 'RequestVoteResp', from: r.id, to: m.from, term: m.term, pre: m.pre, granted: true });
      if (!m.pre) {
        r.votedFor = m.from;
        this.resetElectionTimer(r, false);
      }
    } else {
      const reason: VoteReason = !canVote ? (r.votedFor !== null ? 'voted' : 'leader') : 'log';
      if (!this.quiet) this.emit({ t: this.now, type: 'vote', node: r.id, candidate: m.from, term: m.term, granted: false, reason, ...pre });
      this.send({ kind: 'RequestVoteResp', from: r.id, to: m.from, term: r.term, pre: m.pre, granted: false });
    }
  }

  private onVoteResp(c: RaftNode, m: RequestVoteRespMsg): void {
    if (m.term > c.term) {
      // A granted pre-vote carries the future term; anything else with a newer term demotes us.
      if (!(m.pre && m.granted)) {
        this.becomeFollower(c, m.term, null, 'term');
        return;
      }
    } else if (m.term < c.term) return;
    if (m.pre ? c.role !== 'precandidate' || (m.granted && m.term !== c.term + 1) : c.role !== 'candidate') return;
    c.votes.set(m.from, m.granted);
    let yes = 0, no = 0;
    for (const v of c.votes.values()) v ? yes++ : no++;
    if (yes >= this.quorum) {
      if (m.pre) this.campaign(c, false, false);
      else this.becomeLeader(c);
    } else if (no >= this.quorum) {
      this.becomeFollower(c, c.term, null, 'lost');
    }
  }

  /**
   * Sends AppendEntries to one follower. At most one AppendEntries carrying entries is outstanding
   * per follower (like etcd's probe state); a heartbeat while one is outstanding carries no entries
   * and is anchored at matchIndex, so it cannot be rejected; an outstanding message that should
   * have been answered by now is presumed lost and the entries are sent again.
   */
  private sendAppend(l: RaftNode, to: number, beat: boolean): void {
    const last = this.lastIndex(l);
    const stale = l.inflight[to] && this.now - l.inflightSince[to] > 2 * this.config.latencyMs[1] + 1;
    if (l.inflight[to] && !stale) {
      if (!beat) return;
      const prev = l.matchIndex[to];
      this.send({ kind: 'AppendEntries', from: l.id, to, term: l.term, prevLogIndex: prev, prevLogTerm: this.termAt(l, prev), entries: [], leaderCommit: l.commitIndex });
      return;
    }
    const next = l.nextIndex[to];
    if (!beat && next > last) return;
    const prevLogIndex = next - 1;
    const entries = next <= last ? l.log.slice(next - 1, Math.min(last, next - 1 + MAX_BATCH)) : [];
    l.inflight[to] = entries.length > 0;
    l.inflightUpTo[to] = prevLogIndex + entries.length;
    l.inflightSince[to] = this.now;
    this.send({ kind: 'AppendEntries', from: l.id, to, term: l.term, prevLogIndex, prevLogTerm: this.termAt(l, prevLogIndex), entries, leaderCommit: l.commitIndex });
  }

  private onAppendEntries(f: RaftNode, m: AppendEntriesMsg): void {
    if (m.term < f.term) {
      // Figure 2: reply false if term < currentTerm; the newer term makes a stale leader step down.
      this.send({ kind: 'AppendResp', from: f.id, to: m.from, term: f.term, success: false, matchIndex: 0, rejectedIndex: m.prevLogIndex, hintIndex: 0, hintTerm: 0 });
      return;
    }
    if (m.term > f.term || f.role !== 'follower') this.becomeFollower(f, m.term, m.from, 'leader');
    if (f.leaderId !== m.from) f.leaderId = m.from;
    f.lastHeardLeader = this.now;
    this.resetElectionTimer(f, false);
    const last = this.lastIndex(f);
    if (m.prevLogIndex > last || this.termAt(f, m.prevLogIndex) !== m.prevLogTerm) {
      // Log Matching consistency check failed: tell the leader where to probe next.
      const hintIndex = Math.min(m.prevLogIndex, last);
      const probe = this.findConflictByTerm(f, hintIndex, m.prevLogTerm);
      this.send({ kind: 'AppendResp', from: f.id, to: m.from, term: f.term, success: false, matchIndex: 0, rejectedIndex: m.prevLogIndex, hintIndex: probe, hintTerm: this.termAt(f, probe) });
      return;
    }
    let index = m.prevLogIndex;
    for (const e of m.entries) {
      index++;
      if (index <= this.lastIndex(f)) {
        if (this.termAt(f, index) === e.term) continue;
        if (index <= f.commitIndex) this.violate('StateMachineSafety', `n${f.id} discards committed entry ${index}`);
        this.truncate(f, index);
      }
      this.appendEntry(f, e);
    }
    const lastNew = m.prevLogIndex + m.entries.length;
    if (m.leaderCommit > f.commitIndex) this.setCommit(f, Math.min(m.leaderCommit, lastNew));
    this.send({ kind: 'AppendResp', from: f.id, to: m.from, term: f.term, success: true, matchIndex: lastNew, rejectedIndex: 0, hintIndex: 0, hintTerm: 0 });
  }

  private onAppendResp(l: RaftNode, m: AppendRespMsg): void {
    if (m.term > l.term) {
      this.becomeFollower(l, m.term, null, 'term');
      return;
    }
    if (m.term < l.term || l.role !== 'leader') return;
    const p = m.from;
    l.recentActive[p] = true;
    if (m.success) {
      if (m.matchIndex >= l.inflightUpTo[p]) l.inflight[p] = false;
      if (m.matchIndex > l.matchIndex[p]) {
        l.matchIndex[p] = m.matchIndex;
        if (l.nextIndex[p] < m.matchIndex + 1) l.nextIndex[p] = m.matchIndex + 1;
        this.advanceCommit(l);
      }
      this.sendAppend(l, p, false);
      return;
    }
    // Rejected: ignore stale rejections (etcd's MaybeDecrTo), else back off using the hint.
    if (m.rejectedIndex !== l.nextIndex[p] - 1) return;
    l.inflight[p] = false;
    const probe = m.hintTerm > 0 ? this.findConflictByTerm(l, m.hintIndex, m.hintTerm) : m.hintIndex;
    l.nextIndex[p] = Math.max(Math.min(m.rejectedIndex, probe + 1), l.matchIndex[p] + 1);
    this.sendAppend(l, p, true);
  }

  /** §5.3/§5.4.2: commit the highest index stored on a majority, only if it is from the current term. */
  private advanceCommit(l: RaftNode): void {
    const matches = this.scratch;
    for (let id = 1; id <= this.config.nodes; id++) matches[id - 1] = l.matchIndex[id];
    matches.sort(descending);
    const n = matches[this.quorum - 1];
    if (n <= l.commitIndex) return;
    if (this.termAt(l, n) === l.term) {
      const by: number[] = [];
      for (let id = 1; id <= this.config.nodes; id++) if (l.matchIndex[id] >= n) by.push(id);
      this.setCommit(l, n, by);
    } else if (n > l.withheldAt) {
      l.withheldAt = n;
      if (!this.quiet) this.emit({ t: this.now, type: 'withheld', node: l.id, index: n, term: this.termAt(l, n), currentTerm: l.term });
    }
  }

  // ---- external actions (client, faults) -------------------------------------------------------

  /** A client request; `to` defaults to the current leader. Returns the request event. */
  request(value: string, to?: number): TraceEvent & { type: 'request' } {
    const target = to === undefined ? this.leader() : this.node(to);
    let e: TraceEvent & { type: 'request' };
    if (!target) e = { t: this.now, type: 'request', node: null, value, accepted: false, reason: 'no-leader' };
    else if (!target.up) e = { t: this.now, type: 'request', node: target.id, value, accepted: false, reason: 'down', leaderHint: null };
    else if (target.role !== 'leader') e = { t: this.now, type: 'request', node: target.id, value, accepted: false, reason: 'not-leader', leaderHint: target.leaderId };
    else {
      const index = this.appendLocal(target, value);
      e = { t: this.now, type: 'request', node: target.id, value, accepted: true, index, term: target.term };
      for (const p of this.nodes) if (p.id !== target.id) this.sendAppend(target, p.id, false);
    }
    this.emit(e);
    return e;
  }

  crash(id: number): void {
    const n = this.node(id);
    if (!n.up) return;
    n.up = false;
    n.role = 'follower';
    n.leaderId = null;
    n.commitIndex = 0;
    n.votes = new Map();
    n.epoch++;
    n.timerGen++;
    n.timerAt = Infinity;
    n.electionDeadline = Infinity;
    n.lastHeardLeader = -Infinity;
    if (!this.quiet) this.emit({ t: this.now, type: 'crash', node: id });
  }

  restart(id: number): void {
    const n = this.node(id);
    if (n.up) return;
    n.up = true;
    if (!this.quiet) this.emit({ t: this.now, type: 'restart', node: id, term: n.term });
    n.role = 'follower';
    this.resetElectionTimer(n, true);
  }

  partition(groups: readonly (readonly number[])[]): void {
    const g = new Array(this.config.nodes + 1).fill(-1);
    groups.forEach((ids, i) => ids.forEach((id) => { g[id] = i; }));
    let extra = groups.length;
    for (let id = 1; id <= this.config.nodes; id++) if (g[id] < 0) g[id] = extra++;
    this.group = g;
    const all: number[][] = [];
    for (let id = 1; id <= this.config.nodes; id++) (all[g[id]] ??= []).push(id);
    if (!this.quiet) this.emit({ t: this.now, type: 'partition', groups: all.filter(Boolean) });
  }

  heal(): void {
    this.group = new Array(this.config.nodes + 1).fill(0);
    this.cutLinks.clear();
    if (!this.quiet) this.emit({ t: this.now, type: 'heal' });
  }

  dropLink(a: number, b: number): void {
    this.cutLinks.add(Math.min(a, b) * 16 + Math.max(a, b));
    if (!this.quiet) this.emit({ t: this.now, type: 'dropLink', nodes: [a, b] });
  }

  /** Forces the node's election timeout now (etcd's MsgHup); ignored on leaders and stopped nodes. */
  timeout(id: number): void {
    const n = this.node(id);
    if (!n.up || n.role === 'leader') {
      if (!this.quiet) this.emit({ t: this.now, type: 'timeout', node: id, forced: true, ignored: true });
      return;
    }
    if (!this.quiet) this.emit({ t: this.now, type: 'timeout', node: id, forced: true });
    this.campaign(n, this.config.preVote, true);
  }

  // ---- invariant monitor ----------------------------------------------------------------------

  private violate(invariant: Invariant, detail: string): void {
    this.violations.push({ t: this.now, invariant, detail });
    if (!this.quiet) this.emit({ t: this.now, type: 'violation', invariant, detail });
  }

  /** Election Safety: at most one leader per term. */
  private checkElectionSafety(n: RaftNode): void {
    const prev = this.leaderOfTerm.get(n.term);
    if (prev !== undefined && prev !== n.id) this.violate('ElectionSafety', `n${prev} and n${n.id} are both leaders of term ${n.term}`);
    else this.leaderOfTerm.set(n.term, n.id);
  }

  /** Log Matching: same index and term ⇒ identical logs up to that index (checked by prefix fingerprint). */
  private checkLogMatching(n: RaftNode, index: number, e: Entry, fp: number): void {
    const key = index * 2097152 + e.term;
    const seen = this.seenPrefix.get(key);
    if (seen === undefined) this.seenPrefix.set(key, fp);
    else if (seen !== fp) this.violate('LogMatching', `n${n.id} has an entry at index ${index} with term ${e.term} whose log prefix differs from another node's`);
  }

  /** Leader Completeness: a new leader's log holds every committed entry. */
  private checkLeaderCompleteness(n: RaftNode): void {
    const c = this.committed.length - 1;
    if (c > 0 && (this.lastIndex(n) < c || n.prefix[c] !== this.committedFp[c])) {
      this.violate('LeaderCompleteness', `n${n.id} became leader of term ${n.term} without all ${c} committed entries`);
    }
  }

  /** State Machine Safety: no two nodes commit (apply) different entries at the same index. */
  private checkStateMachineSafety(n: RaftNode, from: number, to: number): void {
    for (let i = from + 1; i <= to; i++) {
      const e = n.log[i - 1];
      if (!e) {
        this.violate('StateMachineSafety', `n${n.id} committed index ${i} beyond its log`);
        return;
      }
      if (i < this.committed.length) {
        if (this.committed[i] !== e.id) {
          this.violate('StateMachineSafety', `n${n.id} committed a different entry at index ${i} than another node`);
          return;
        }
      } else if (i === this.committed.length) {
        this.committed.push(e.id);
        this.committedFp.push(n.prefix[i]);
        for (const l of this.nodes) {
          if (l.up && l.role === 'leader' && l.term > e.term && (this.lastIndex(l) < i || l.prefix[i] !== n.prefix[i])) {
            this.violate('LeaderCompleteness', `entry ${i} (term ${e.term}) was committed but leader n${l.id} of term ${l.term} lacks it`);
          }
        }
      }
    }
  }

  /** The committed entries agreed so far (index 1..). */
  committedLength(): number { return this.committed.length - 1; }
}

function messageDetail(m: Message): string {
  switch (m.kind) {
    case 'RequestVote': return `${m.pre ? 'pre-vote ' : ''}last ${m.lastLogIndex}/${m.lastLogTerm}`;
    case 'RequestVoteResp': return `${m.pre ? 'pre-vote ' : ''}${m.granted ? 'granted' : 'rejected'}`;
    case 'AppendEntries': return `prev ${m.prevLogIndex}/${m.prevLogTerm} +${m.entries.length} commit ${m.leaderCommit}`;
    case 'AppendResp': return m.success ? `ok match ${m.matchIndex}` : `reject hint ${m.hintIndex}/${m.hintTerm}`;
  }
}
