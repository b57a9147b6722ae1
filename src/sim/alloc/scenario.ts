/**
 * Scenarios: `{ "procs": 2, "ops": [ {"malloc": 24, "noscan": true, "p": 0, "as": "a"},
 * {"free": "a"}, {"gc": true}, {"scavenge": true} ] }`, their validation, and the event trace.
 * Pure: no DOM, no Node APIs.
 */
import { AllocError, Heap, MAX_ALLOC_SIZE, MAX_PROCS, type Fragmentation, type MemStats, type Source, type Span } from './heap';
import { GO_PLATFORM, GO_VERSION, PAGE_SIZE } from './sizeclasses';
import { isRecord } from '../../shared/isRecord';

export const MAX_OPS = 20000;
export const MAX_COUNT = 100000;
export const MAX_TOTAL_ALLOCS = 500000;
const MAX_NAME = 64;

export type Op =
  | { readonly kind: 'malloc'; readonly size: number; readonly noscan: boolean; readonly p: number; readonly as?: string; readonly count: number }
  | { readonly kind: 'free'; readonly name: string; readonly every: number }
  | { readonly kind: 'gc' }
  | { readonly kind: 'scavenge'; readonly bytes?: number };

export interface Scenario {
  readonly procs: number;
  readonly ops: readonly Op[];
}

export type ParseResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: string };

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Validates a parsed JSON value; errors name the op (by index, from 0) and the field at fault. */
export function validateScenario(value: unknown): ParseResult {
  if (!isRecord(value)) return { ok: false, error: 'scenario must be a JSON object with "ops"' };
  for (const key of Object.keys(value)) if (key !== 'procs' && key !== 'ops' && key !== 'title' && key !== 'description') return { ok: false, error: `unknown field "${key}" (expected procs, ops)` };
  const procs = value.procs ?? 1;
  if (!isInt(procs, 1, MAX_PROCS)) return { ok: false, error: `"procs" must be an integer 1..${MAX_PROCS}` };
  if (!Array.isArray(value.ops)) return { ok: false, error: '"ops" must be an array' };
  if (value.ops.length > MAX_OPS) return { ok: false, error: `too many ops: ${value.ops.length} (at most ${MAX_OPS})` };
  const ops: Op[] = [];
  const names = new Set<string>();
  let total = 0;
  for (let i = 0; i < value.ops.length; i++) {
    const raw: unknown = value.ops[i];
    const at = `op ${i}`;
    if (!isRecord(raw)) return { ok: false, error: `${at}: must be an object` };
    const kinds = ['malloc', 'free', 'gc', 'scavenge'].filter((k) => k in raw);
    if (kinds.length !== 1) return { ok: false, error: `${at}: needs exactly one of "malloc", "free", "gc", "scavenge"` };
    const kind = kinds[0];
    const allowed: Record<string, readonly string[]> = { malloc: ['malloc', 'noscan', 'p', 'as', 'count'], free: ['free', 'every'], gc: ['gc'], scavenge: ['scavenge'] };
    for (const key of Object.keys(raw)) if (!allowed[kind].includes(key)) return { ok: false, error: `${at} (${kind}): unknown field "${key}"` };
    if (kind === 'malloc') {
      if (!isInt(raw.malloc, 1, MAX_ALLOC_SIZE)) return { ok: false, error: `${at} (malloc): size must be an integer 1..${MAX_ALLOC_SIZE}` };
      if (raw.noscan !== undefined && typeof raw.noscan !== 'boolean') return { ok: false, error: `${at} (malloc): "noscan" must be true or false` };
      const p = raw.p ?? 0;
      if (!isInt(p, 0, procs - 1)) return { ok: false, error: `${at} (malloc): "p" must be an integer 0..${procs - 1}` };
      const count = raw.count ?? 1;
      if (!isInt(count, 1, MAX_COUNT)) return { ok: false, error: `${at} (malloc): "count" must be an integer 1..${MAX_COUNT}` };
      total += count;
      if (total > MAX_TOTAL_ALLOCS) return { ok: false, error: `${at} (malloc): more than ${MAX_TOTAL_ALLOCS} allocations in one scenario` };
      let as: string | undefined;
      if (raw.as !== undefined) {
        if (typeof raw.as !== 'string' || raw.as.length === 0 || raw.as.length > MAX_NAME) return { ok: false, error: `${at} (malloc): "as" must be a name of 1..${MAX_NAME} characters` };
        if (names.has(raw.as)) return { ok: false, error: `${at} (malloc): the name "${raw.as}" is already used` };
        names.add(raw.as);
        as = raw.as;
      }
      ops.push({ kind: 'malloc', size: raw.malloc, noscan: raw.noscan === true, p, count, ...(as === undefined ? {} : { as }) });
    } else if (kind === 'free') {
      if (typeof raw.free !== 'string' || !names.has(raw.free)) return { ok: false, error: `${at} (free): "${String(raw.free)}" is not the name ("as") of an earlier malloc` };
      const every = raw.every ?? 1;
      if (!isInt(every, 1, MAX_COUNT)) return { ok: false, error: `${at} (free): "every" must be an integer 1..${MAX_COUNT}` };
      ops.push({ kind: 'free', name: raw.free, every });
    } else if (kind === 'gc') {
      if (raw.gc !== true) return { ok: false, error: `${at} (gc): must be {"gc": true}` };
      ops.push({ kind: 'gc' });
    } else {
      if (raw.scavenge === true) ops.push({ kind: 'scavenge' });
      else if (isInt(raw.scavenge, 1, 1 << 40)) ops.push({ kind: 'scavenge', bytes: raw.scavenge });
      else return { ok: false, error: `${at} (scavenge): must be true (release all) or a positive number of bytes` };
    }
  }
  return { ok: true, scenario: { procs, ops } };
}

export const MAX_SCENARIO_TEXT = 256 * 1024;

export function parseScenario(text: string): ParseResult {
  if (text.length > MAX_SCENARIO_TEXT) return { ok: false, error: `scenario is too large (${text.length} characters, at most ${MAX_SCENARIO_TEXT})` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${(e as Error).message}` };
  }
  return validateScenario(value);
}

export interface SpanRef {
  readonly id: number;
  readonly startPage: number;
  readonly pages: number;
  readonly objects: number;
}

export interface GrowEvent {
  readonly pages: number;
  readonly bytes: number;
  readonly newArenas: number;
  readonly arena: number;
}

export interface MallocEvent {
  readonly op: 'malloc';
  readonly as?: string;
  readonly size: number;
  readonly noscan: boolean;
  readonly p: number;
  readonly class: number;
  readonly elemSize: number;
  readonly spanClass: number;
  readonly header: boolean;
  readonly tiny: boolean;
  readonly source: Source;
  readonly span: SpanRef;
  readonly slot: number;
  readonly address: string;
  /** tiny: the 16-byte block and the offset in it */
  readonly block?: { readonly span: number; readonly slot: number; readonly new: boolean; readonly kept: boolean };
  readonly offset?: number;
  /** large: the page run */
  readonly pages?: number;
  /** set when a small allocation refilled the mcache: "empty" (no span of this class cached) or "full" */
  readonly refill?: 'empty' | 'full';
  /** set when the mcache refilled: the span it gave back to mcentral */
  readonly returnedSpan?: number;
  readonly grow?: GrowEvent;
  /** count > 1: how many allocations and where each came from; the other fields describe the last */
  readonly count?: number;
  readonly sources?: Readonly<Record<Source, number>>;
}

export interface FreeEvent { readonly op: 'free'; readonly as: string; readonly objects: number }
export interface GcEvent { readonly op: 'gc'; readonly freedObjects: number; readonly freedBytes: number; readonly sweptSpans: number; readonly freedSpans: number; readonly freedPages: number }
export interface ScavengeEvent { readonly op: 'scavenge'; readonly releasedPages: number; readonly releasedBytes: number }
export type AllocEvent = MallocEvent | FreeEvent | GcEvent | ScavengeEvent;

interface NamedObject {
  readonly span: Span;
  readonly slot: number;
  readonly size: number;
  readonly tiny: boolean;
  freed: boolean;
}

export type StepResult = { ok: true; event: AllocEvent } | { ok: false; error: string };

function spanRef(span: Span): SpanRef {
  return { id: span.id, startPage: span.startPage, pages: span.pages, objects: span.nelems };
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** A scenario being run op by op (the panel steps it; the CLI runs it to the end). */
export class Simulation {
  readonly heap: Heap;
  readonly events: AllocEvent[] = [];
  private readonly named = new Map<string, NamedObject[]>();
  /** objects of each name not yet freed */
  private readonly liveCount = new Map<string, number>();
  next = 0;

  constructor(readonly scenario: Scenario) {
    this.heap = new Heap(scenario.procs);
  }

  get done(): boolean {
    return this.next >= this.scenario.ops.length;
  }

  /** Runs the next op; returns its event, or an error message naming the op. */
  step(): StepResult {
    const r = this.advance(Infinity);
    return r.ok && r.event === undefined ? { ok: false, error: 'no more ops' } : (r as StepResult);
  }

  /**
   * Runs at most `maxAllocs` allocations of the current op (other ops count as one), so the panel
   * can replay huge ops across animation frames. `event` is set when the op finished.
   */
  advance(maxAllocs: number): { ok: true; event?: AllocEvent; done: number } | { ok: false; error: string } {
    const index = this.next;
    const op = this.scenario.ops[index];
    if (!op) return { ok: true, done: 0 };
    try {
      if (op.kind === 'malloc') {
        const before = this.pending?.i ?? 0;
        const event = this.mallocSome(op, maxAllocs);
        const done = (this.pending?.i ?? op.count) - before;
        if (!event) return { ok: true, done };
        this.next++;
        this.events.push(event);
        return { ok: true, event, done };
      }
      const event = this.apply(op);
      this.next++;
      this.events.push(event);
      return { ok: true, event, done: 1 };
    } catch (e) {
      this.pending = undefined;
      if (e instanceof AllocError) return { ok: false, error: `op ${index} (${op.kind}): ${e.message}` };
      throw e;
    }
  }

  /** Applies an op that is not part of the scenario (the panel's allocate form, GC and scavenge buttons). */
  applyExtra(op: Op): StepResult {
    if (this.pending) return { ok: false, error: 'an op is half done' };
    try {
      const event = op.kind === 'malloc' ? this.mallocSome(op, Infinity)! : this.apply(op);
      this.events.push(event);
      return { ok: true, event };
    } catch (e) {
      this.pending = undefined;
      if (e instanceof AllocError) return { ok: false, error: e.message };
      throw e;
    }
  }

  private pending: { i: number; sources: Record<Source, number>; objects: NamedObject[] | undefined; returned: number; grow: GrowEvent | undefined } | undefined;

  private mallocSome(op: Extract<Op, { kind: 'malloc' }>, maxAllocs: number): MallocEvent | undefined {
    const heap = this.heap;
    const st = this.pending ?? (this.pending = { i: 0, sources: { mcache: 0, mcentral: 0, mheap: 0, os: 0 }, objects: op.as === undefined ? undefined : [], returned: -1, grow: undefined });
    const sources = st.sources;
    const objects = st.objects;
    const end = Math.min(op.count, st.i + maxAllocs);
    for (; st.i < end; st.i++) {
      const slot = heap.malloc(op.size, op.noscan, op.p);
      const last = heap.last;
      sources[last.source]++;
      if (last.returnedSpan >= 0) st.returned = last.returnedSpan;
      if (last.grow) st.grow = { pages: last.grow.pages, bytes: last.grow.pages * PAGE_SIZE, newArenas: last.grow.newArenas, arena: last.grow.arena };
      if (objects) objects.push({ span: last.span, slot, size: op.size, tiny: last.decision.kind === 'tiny', freed: false });
    }
    if (st.i < op.count) return undefined;
    this.pending = undefined;
    if (op.as !== undefined && objects) {
      this.named.set(op.as, objects);
      this.liveCount.set(op.as, objects.length);
    }
    const last = heap.last;
    const d = last.decision;
    const tiny = d.kind === 'tiny';
    const span = last.span;
    const single = op.count === 1;
    const returned = single ? last.returnedSpan : st.returned;
    const grow = single ? (last.grow ? st.grow : undefined) : st.grow;
    return {
      op: 'malloc',
      ...(op.as === undefined ? {} : { as: op.as }),
      size: op.size, noscan: op.noscan, p: op.p,
      class: d.sizeClass, elemSize: d.elemSize, spanClass: d.spanClass, header: d.header, tiny,
      source: last.source, span: spanRef(span), slot: last.slot,
      address: hex(Heap.address(span, last.slot, last.offset)),
      ...(tiny ? { block: { span: span.id, slot: last.slot, new: last.newBlock, kept: last.newBlock ? last.tinyKept : true }, offset: last.offset } : {}),
      ...(d.kind === 'large' ? { pages: d.pages } : {}),
      ...(single && last.source !== 'mcache' && d.kind !== 'large' ? { refill: last.refillEmpty ? 'empty' as const : 'full' as const } : {}),
      ...(returned >= 0 ? { returnedSpan: returned } : {}),
      ...(grow ? { grow } : {}),
      ...(single ? {} : { count: op.count, sources }),
    };
  }

  /** The op currently half done (a malloc with a large count), if any: [index, allocations done]. */
  progress(): { index: number; done: number } | undefined {
    return this.pending ? { index: this.next, done: this.pending.i } : undefined;
  }

  private apply(op: Exclude<Op, { kind: 'malloc' }>): AllocEvent {
    const heap = this.heap;
    switch (op.kind) {
      case 'free': {
        const objects = this.named.get(op.name);
        if (!objects) throw new AllocError(`"${op.name}" was not allocated`);
        // Atomic: pick the objects first, so an error changes nothing.
        const picked: NamedObject[] = [];
        for (let i = 0; i < objects.length; i += op.every) if (!objects[i].freed) picked.push(objects[i]);
        if (picked.length === 0) throw new AllocError(`"${op.name}" was already freed`);
        for (const o of picked) {
          heap.markFree(o.span, o.slot, o.tiny);
          o.freed = true;
        }
        this.liveCount.set(op.name, (this.liveCount.get(op.name) ?? 0) - picked.length);
        return { op: 'free', as: op.name, objects: picked.length };
      }
      case 'gc': {
        const r = heap.gc();
        return { op: 'gc', freedObjects: r.freedObjects, freedBytes: r.freedBytes, sweptSpans: r.sweptSpans, freedSpans: r.freedSpans, freedPages: r.freedPages };
      }
      case 'scavenge': {
        const r = heap.scavenge(op.bytes);
        return { op: 'scavenge', releasedPages: r.releasedPages, releasedBytes: r.releasedPages * PAGE_SIZE };
      }
    }
  }

  /** Whether the named object (or every object of a group) can still be freed. */
  liveNames(): string[] {
    const out: string[] = [];
    for (const [name, live] of this.liveCount) if (live > 0) out.push(name);
    return out;
  }
}

export interface Trace {
  readonly go: string;
  readonly procs: number;
  readonly events: readonly AllocEvent[];
  readonly memStats: MemStats;
  readonly fragmentation: Fragmentation;
}

/** Runs a whole scenario; an error names the op at fault. */
export function runScenario(scenario: Scenario): { ok: true; trace: Trace } | { ok: false; error: string } {
  const sim = new Simulation(scenario);
  while (!sim.done) {
    const r = sim.step();
    if (!r.ok) return r;
  }
  return { ok: true, trace: { go: `${GO_VERSION} ${GO_PLATFORM}`, procs: scenario.procs, events: sim.events, memStats: sim.heap.memStats(), fragmentation: sim.heap.fragmentation() } };
}

/**
 * The benchmark kernel: `n` small mallocs of `size` bytes on P 0 (no events, no names), with a GC
 * every `gcEvery` allocations if given. Returns the heap so callers can read the counters.
 */
export function benchMallocs(n: number, size = 24, noscan = true, gcEvery = 0): Heap {
  const heap = new Heap(1);
  for (let i = 1; i <= n; i++) {
    heap.malloc(size, noscan, 0);
    if (gcEvery > 0 && i % gcEvery === 0) heap.gc();
  }
  return heap;
}
