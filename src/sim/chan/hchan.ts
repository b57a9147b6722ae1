/**
 * The channel runtime, following golang/go src/runtime/chan.go and select.go (Go 1.19–1.22; the
 * algorithm is the same in both): hchan with its circular buffer (buf, qcount, dataqsiz, sendx,
 * recvx), the wait queues recvq/sendq of sudogs, chansend, chanrecv, closechan and selectgo.
 * Each function records the branch it takes as an event (see strings.ts for the narration).
 * Pure: no DOM, no timers; the scheduler supplies `ready` and the PRNG.
 */
import type { GoType } from './ast';
import { GoPanic, runtimeError, zeroValue, type Value } from './values';

export type GState = 'running' | 'runnable' | 'blocked-send' | 'blocked-recv' | 'blocked-select' | 'blocked-sync' | 'sleeping' | 'done';

export interface G {
  readonly id: number;
  state: GState;
  /** Go's waitReason as a goroutine dump prints it ("chan send", "select", "semacquire", …). */
  waitReason: string;
  line: number;
  /** Name of the function the goroutine started in (for tracebacks). */
  readonly fn: string;
  /** select: set by the first channel operation that wins this goroutine's select (gp.selectDone). */
  selectDone: boolean;
  /** The sudog that woke this goroutine (gp.param), or null when woken by close. */
  param: Sudog | null;
  /** The sudogs of the select or channel operation it is parked on (gp.waiting). */
  waiting: Sudog[];
}

export interface Sudog {
  readonly g: G;
  readonly c: HChan;
  /** For a sender: the value to send. For a receiver: filled in by the waker. */
  elem: Value;
  readonly isSelect: boolean;
  success: boolean;
  /** For select: the case index. */
  readonly caseIndex: number;
}

export interface HChan {
  readonly k: 'chan';
  readonly id: number;
  /** The variable name it was first stored in (for the panel), e.g. "ch". */
  name: string;
  readonly elemType: GoType;
  readonly dataqsiz: number;
  readonly buf: Value[];
  qcount: number;
  sendx: number;
  recvx: number;
  closed: boolean;
  readonly recvq: Sudog[];
  readonly sendq: Sudog[];
}

export interface ChanEvent {
  readonly step: number;
  readonly g: number;
  /** The runtime branch, a key of the narration table (e.g. "send.direct"). */
  readonly kind: string;
  readonly ch?: string;
  readonly line: number;
  readonly args: Readonly<Record<string, string | number>>;
}

/** What the channel code needs from the scheduler. */
export interface ChanHost {
  /** goready: make a parked goroutine runnable. */
  ready(g: G): void;
  /** Record a runtime event (only when tracing; cheap to call otherwise). */
  event(g: G, kind: string, c: HChan | null, args?: Record<string, string | number>): void;
  /** fastrandn(n): a uniformly random integer in [0, n). */
  randn(n: number): number;
  /** Whether events are recorded (callers skip building them otherwise). */
  readonly trace: boolean;
  /** Formats a value for narration. */
  show(v: Value): string;
  ops: number;
}

export const MAX_CHAN_BUFFER = 1 << 16;

export function makechan(id: number, elemType: GoType, size: number): HChan {
  if (size < 0 || !Number.isSafeInteger(size)) throw new GoPanic(runtimeError('makechan: size out of range'), 0);
  if (size > MAX_CHAN_BUFFER) throw new GoPanic(runtimeError(`makechan: size out of range (the simulator allows at most ${MAX_CHAN_BUFFER})`), 0);
  return { k: 'chan', id, name: `ch#${id}`, elemType, dataqsiz: size, buf: new Array<Value>(size).fill(null), qcount: 0, sendx: 0, recvx: 0, closed: false, recvq: [], sendq: [] };
}

export function chanLabel(c: HChan): string {
  return c.name;
}

/**
 * waitq.dequeue: the first sudog whose goroutine can still be woken. A select sudog whose goroutine
 * was already won by another case (selectDone) is skipped, as in chan.go.
 */
function dequeue(host: ChanHost, me: G, q: Sudog[], c: HChan): Sudog | undefined {
  for (;;) {
    const sg = q.shift();
    if (!sg) return undefined;
    if (sg.isSelect) {
      if (sg.g.selectDone) {
        if (host.trace) host.event(me, 'dequeue.skipSelected', c, { other: sg.g.id });
        continue;
      }
      sg.g.selectDone = true;
    }
    return sg;
  }
}

function removeSudog(q: Sudog[], sg: Sudog): void {
  const i = q.indexOf(sg);
  if (i >= 0) q.splice(i, 1);
}

export type SendResult = 'ok' | 'would-block' | 'parked';

/** chansend(c, ep, block). Throws GoPanic for a send on a closed channel. */
export function chansend(host: ChanHost, c: HChan | null, v: Value, g: G, block: boolean): SendResult {
  host.ops++;
  if (c === null) {
    if (!block) { if (host.trace) host.event(g, 'send.nilNonblock', null); return 'would-block'; }
    if (host.trace) host.event(g, 'send.nil', null);
    park(g, 'blocked-send', 'chan send (nil chan)', []);
    return 'parked';
  }
  if (!block && !c.closed && full(c)) {
    if (host.trace) host.event(g, 'send.fastFail', c);
    return 'would-block';
  }
  // lock(&c.lock)
  if (c.closed) {
    if (host.trace) host.event(g, 'send.closed', c);
    throw new GoPanic(runtimeError('send on closed channel'), g.line);
  }
  const sg = dequeue(host, g, c.recvq, c);
  if (sg) {
    // send(): copy straight onto the receiver's stack, bypassing the buffer.
    sg.elem = v;
    sg.success = true;
    sg.g.param = sg;
    if (host.trace) host.event(g, 'send.direct', c, { other: sg.g.id, value: host.show(v) });
    host.ready(sg.g);
    return 'ok';
  }
  if (c.qcount < c.dataqsiz) {
    const at = c.sendx;
    c.buf[c.sendx] = v;
    c.sendx++;
    if (c.sendx === c.dataqsiz) c.sendx = 0;
    c.qcount++;
    if (host.trace) host.event(g, 'send.buffer', c, { slot: at, value: host.show(v), qcount: c.qcount, dataqsiz: c.dataqsiz });
    return 'ok';
  }
  if (!block) { if (host.trace) host.event(g, 'send.nonblockFull', c); return 'would-block'; }
  const mysg: Sudog = { g, c, elem: v, isSelect: false, success: false, caseIndex: 0 };
  c.sendq.push(mysg);
  if (host.trace) host.event(g, 'send.park', c, { value: host.show(v) });
  park(g, 'blocked-send', 'chan send', [mysg]);
  return 'parked';
}

/** After a parked chansend is woken: success, or the channel was closed (panic). */
export function chansendWoken(host: ChanHost, g: G): void {
  const sg = g.waiting[0];
  g.waiting = [];
  if (!sg) return;
  if (!sg.success) {
    if (host.trace) host.event(g, 'send.wokenClosed', sg.c);
    throw new GoPanic(runtimeError('send on closed channel'), g.line);
  }
  if (host.trace) host.event(g, 'send.woken', sg.c);
}

function full(c: HChan): boolean {
  if (c.dataqsiz === 0) return c.recvq.length === 0 || c.recvq.every((s) => s.isSelect && s.g.selectDone);
  return c.qcount === c.dataqsiz;
}

function empty(c: HChan): boolean {
  if (c.dataqsiz === 0) return c.sendq.length === 0 || c.sendq.every((s) => s.isSelect && s.g.selectDone);
  return c.qcount === 0;
}

export type RecvResult = { status: 'ok'; value: Value; ok: boolean } | { status: 'would-block' } | { status: 'parked' };
const WOULD_BLOCK: RecvResult = { status: 'would-block' };
const PARKED: RecvResult = { status: 'parked' };

/** recv(): take a parked sender's value (unbuffered) or the head of the buffer, refilling it from the sender. */
function recvFromSender(host: ChanHost, c: HChan, sg: Sudog, g: G): Value {
  let value: Value;
  if (c.dataqsiz === 0) {
    value = sg.elem;
    if (host.trace) host.event(g, 'recv.directFromSender', c, { other: sg.g.id, value: host.show(value) });
  } else {
    // The queue is full: take the item at the head, put the sender's value at the tail (same slot).
    const slot = c.recvx;
    value = c.buf[c.recvx];
    c.buf[c.recvx] = sg.elem;
    c.recvx++;
    if (c.recvx === c.dataqsiz) c.recvx = 0;
    c.sendx = c.recvx;
    if (host.trace) host.event(g, 'recv.bufferAndSender', c, { other: sg.g.id, slot, value: host.show(value), sent: host.show(sg.elem) });
  }
  sg.elem = null;
  sg.success = true;
  sg.g.param = sg;
  host.ready(sg.g);
  return value;
}

function recvFromBuffer(host: ChanHost, c: HChan, g: G): Value {
  const slot = c.recvx;
  const value = c.buf[c.recvx];
  c.buf[c.recvx] = null;
  c.recvx++;
  if (c.recvx === c.dataqsiz) c.recvx = 0;
  c.qcount--;
  if (host.trace) host.event(g, 'recv.buffer', c, { slot, value: host.show(value), qcount: c.qcount });
  return value;
}

/** chanrecv(c, ep, block). */
export function chanrecv(host: ChanHost, c: HChan | null, g: G, block: boolean): RecvResult {
  host.ops++;
  if (c === null) {
    if (!block) { if (host.trace) host.event(g, 'recv.nilNonblock', null); return WOULD_BLOCK; }
    if (host.trace) host.event(g, 'recv.nil', null);
    park(g, 'blocked-recv', 'chan receive (nil chan)', []);
    return PARKED;
  }
  if (!block && empty(c)) {
    if (!c.closed) { if (host.trace) host.event(g, 'recv.fastFail', c); return WOULD_BLOCK; }
    if (empty(c)) {
      if (host.trace) host.event(g, 'recv.closedEmpty', c);
      return { status: 'ok', value: zeroValue(c.elemType), ok: false };
    }
  }
  // lock(&c.lock)
  if (c.closed && c.qcount === 0) {
    if (host.trace) host.event(g, 'recv.closedEmpty', c);
    return { status: 'ok', value: zeroValue(c.elemType), ok: false };
  }
  const sg = c.closed ? undefined : dequeue(host, g, c.sendq, c);
  if (sg) return { status: 'ok', value: recvFromSender(host, c, sg, g), ok: true };
  if (c.qcount > 0) return { status: 'ok', value: recvFromBuffer(host, c, g), ok: true };
  if (!block) { if (host.trace) host.event(g, 'recv.nonblockEmpty', c); return WOULD_BLOCK; }
  const mysg: Sudog = { g, c, elem: null, isSelect: false, success: false, caseIndex: 0 };
  c.recvq.push(mysg);
  if (host.trace) host.event(g, 'recv.park', c);
  park(g, 'blocked-recv', 'chan receive', [mysg]);
  return PARKED;
}

/** After a parked chanrecv is woken: the sender's value, or the zero value if closed. */
export function chanrecvWoken(host: ChanHost, g: G): { value: Value; ok: boolean } {
  const sg = g.waiting[0];
  g.waiting = [];
  if (!sg) return { value: null, ok: false };
  if (sg.success) {
    if (host.trace) host.event(g, 'recv.woken', sg.c, { value: host.show(sg.elem) });
    return { value: sg.elem, ok: true };
  }
  if (host.trace) host.event(g, 'recv.wokenClosed', sg.c);
  return { value: zeroValue(sg.c.elemType), ok: false };
}

/** closechan(c): panics on nil or closed; releases every receiver, then every sender. */
export function closechan(host: ChanHost, c: HChan | null, g: G): void {
  host.ops++;
  if (c === null) {
    if (host.trace) host.event(g, 'close.nil', null);
    throw new GoPanic(runtimeError('close of nil channel'), g.line);
  }
  if (c.closed) {
    if (host.trace) host.event(g, 'close.closed', c);
    throw new GoPanic(runtimeError('close of closed channel'), g.line);
  }
  c.closed = true;
  const glist: G[] = [];
  let readers = 0;
  let writers = 0;
  for (;;) {
    const sg = dequeue(host, g, c.recvq, c);
    if (!sg) break;
    sg.elem = zeroValue(c.elemType);
    sg.success = false;
    sg.g.param = sg;
    glist.push(sg.g);
    readers++;
  }
  for (;;) {
    const sg = dequeue(host, g, c.sendq, c);
    if (!sg) break;
    sg.elem = null;
    sg.success = false;
    sg.g.param = sg;
    glist.push(sg.g);
    writers++;
  }
  if (host.trace) host.event(g, 'close.ok', c, { readers, writers, woken: glist.map((x) => `G${x.id}`).join(', ') || '-' });
  // The gList is a stack: goroutines are readied in reverse order of release.
  while (glist.length) host.ready(glist.pop() as G);
}

function park(g: G, state: GState, reason: string, waiting: Sudog[]): void {
  g.state = state;
  g.waitReason = reason;
  g.waiting = waiting;
  g.param = null;
}

export interface SelectCase {
  readonly c: HChan | null;
  readonly dir: 'send' | 'recv';
  readonly value?: Value;
}

export type SelectResult = { status: 'ok'; index: number; value: Value; ok: boolean } | { status: 'default' } | { status: 'parked' };

/**
 * selectgo: cases with a nil channel are left out; the others are polled in a uniformly random
 * order (pollorder, an inside-out Fisher–Yates shuffle with fastrandn); the first ready case wins.
 * With a default and nothing ready, returns 'default'. Otherwise enqueue a sudog on every channel
 * and park; the waker marks selectDone and the woken goroutine dequeues the rest (selectgoWoken).
 */
export function selectgo(host: ChanHost, cases: readonly SelectCase[], g: G, block: boolean): SelectResult {
  host.ops++;
  const pollorder: number[] = [];
  for (let i = 0; i < cases.length; i++) {
    if (cases[i].c === null) {
      if (host.trace) host.event(g, 'select.nilCase', null, { index: i });
      continue;
    }
    const j = host.randn(pollorder.length + 1);
    pollorder.push(pollorder[j]);
    pollorder[j] = i;
  }
  if (host.trace) host.event(g, 'select.pollorder', null, { order: pollorder.map((i) => i + 1).join(', ') || '-' });
  for (const i of pollorder) {
    const cas = cases[i];
    const c = cas.c as HChan;
    if (cas.dir === 'recv') {
      const sg = dequeue(host, g, c.sendq, c);
      if (sg) return { status: 'ok', index: i, value: recvFromSender(host, c, sg, g), ok: true };
      if (c.qcount > 0) return { status: 'ok', index: i, value: recvFromBuffer(host, c, g), ok: true };
      if (c.closed) {
        if (host.trace) host.event(g, 'recv.closedEmpty', c);
        return { status: 'ok', index: i, value: zeroValue(c.elemType), ok: false };
      }
    } else {
      if (c.closed) {
        if (host.trace) host.event(g, 'send.closed', c);
        throw new GoPanic(runtimeError('send on closed channel'), g.line);
      }
      const sg = dequeue(host, g, c.recvq, c);
      if (sg) {
        sg.elem = cas.value ?? null;
        sg.success = true;
        sg.g.param = sg;
        if (host.trace) host.event(g, 'send.direct', c, { other: sg.g.id, value: host.show(cas.value ?? null) });
        host.ready(sg.g);
        return { status: 'ok', index: i, value: null, ok: true };
      }
      if (c.qcount < c.dataqsiz) {
        const at = c.sendx;
        c.buf[c.sendx] = cas.value ?? null;
        c.sendx++;
        if (c.sendx === c.dataqsiz) c.sendx = 0;
        c.qcount++;
        if (host.trace) host.event(g, 'send.buffer', c, { slot: at, value: host.show(cas.value ?? null), qcount: c.qcount, dataqsiz: c.dataqsiz });
        return { status: 'ok', index: i, value: null, ok: true };
      }
    }
  }
  if (!block) {
    if (host.trace) host.event(g, 'select.default', null);
    return { status: 'default' };
  }
  if (pollorder.length === 0) {
    if (host.trace) host.event(g, 'select.allNil', null);
    // selectgo parks with waitReasonSelect even with no usable channel ("select (no cases)" is only select {}).
    park(g, 'blocked-select', 'select', []);
    return { status: 'parked' };
  }
  // pass 2: enqueue on all channels.
  g.selectDone = false;
  const waiting: Sudog[] = [];
  for (let i = 0; i < cases.length; i++) {
    const cas = cases[i];
    if (cas.c === null) continue;
    const sg: Sudog = { g, c: cas.c, elem: cas.dir === 'send' ? cas.value ?? null : null, isSelect: true, success: false, caseIndex: i };
    waiting.push(sg);
    (cas.dir === 'send' ? cas.c.sendq : cas.c.recvq).push(sg);
  }
  if (host.trace) host.event(g, 'select.park', null, { n: waiting.length });
  park(g, 'blocked-select', 'select', waiting);
  return { status: 'parked' };
}

/** pass 3 of selectgo: dequeue from the unsuccessful channels; report the winning case. */
export function selectgoWoken(host: ChanHost, cases: readonly SelectCase[], g: G): { index: number; value: Value; ok: boolean } {
  const won = g.param;
  g.selectDone = false;
  for (const sg of g.waiting) {
    if (sg === won) continue;
    const cas = cases[sg.caseIndex];
    removeSudog(cas.dir === 'send' ? sg.c.sendq : sg.c.recvq, sg);
  }
  g.waiting = [];
  if (!won) throw new Error('selectgo: woken without a sudog');
  const cas = cases[won.caseIndex];
  if (cas.dir === 'send') {
    if (!won.success) {
      if (host.trace) host.event(g, 'send.wokenClosed', won.c);
      throw new GoPanic(runtimeError('send on closed channel'), g.line);
    }
    if (host.trace) host.event(g, 'select.wokenCase', won.c, { index: won.caseIndex });
    return { index: won.caseIndex, value: null, ok: true };
  }
  if (won.success) {
    if (host.trace) host.event(g, 'select.wokenCase', won.c, { index: won.caseIndex });
    return { index: won.caseIndex, value: won.elem, ok: true };
  }
  if (host.trace) host.event(g, 'recv.wokenClosed', won.c);
  return { index: won.caseIndex, value: zeroValue(won.c.elemType), ok: false };
}
