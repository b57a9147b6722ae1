/**
 * The allocator model: Ps with mcaches, one mcentral per span class, the mheap's page allocator
 * over 64 MiB arenas, GC sweep and the scavenger, with runtime.MemStats-like counters.
 * Modelled on Go 1.22 (linux/amd64): malloc.go (mallocgc, tiny allocator), mcache.go (refill,
 * allocLarge, releaseAll), mcentral.go (cacheSpan, uncacheSpan, partial/full × swept/unswept),
 * mheap.go (allocSpan, grow, freeSpan), mpagealloc.go (address-ordered first fit, 4 MiB chunks),
 * mgcscavenge.go (release free pages, highest addresses first), mgcsweep.go (sweep) and
 * mstats.go (counters; tiny allocations count as both a malloc and a free).
 *
 * Pure and deterministic; no DOM, timers or Node APIs. The hot path allocates no objects so the
 * core can run millions of small mallocs per second.
 */
import {
  ARENA_BASE_ADDRESS, MAX_TINY_SIZE, NUM_SPAN_CLASSES, PAGES_PER_ARENA, PAGE_SIZE, PALLOC_CHUNK_PAGES,
  SIZE_CLASSES, TINY_SPAN_CLASS, decideSize, tinyAlign, type SizeDecision,
} from './sizeclasses';

/** The simulated address space: at most this many arenas (1 GiB). */
export const MAX_ARENAS = 16;
export const MAX_PAGES = MAX_ARENAS * PAGES_PER_ARENA;
export const MAX_PROCS = 8;
/** Largest single request the simulator accepts (bytes). */
export const MAX_ALLOC_SIZE = 512 * 1024 * 1024;

/** Page states in the page allocator. */
export const PAGE_UNMAPPED = 0;
/** Free and released to the OS (scavenged): counted in HeapReleased. */
export const PAGE_RELEASED = 1;
/** Free but still backed by memory (idle, not scavenged). */
export const PAGE_IDLE = 2;
export const PAGE_INUSE = 3;

export type SpanPlace = 'mcache' | 'partial' | 'full';

export interface Span {
  readonly id: number;
  readonly startPage: number;
  readonly pages: number;
  readonly spanClass: number;
  readonly sizeClass: number;
  readonly elemSize: number;
  readonly nelems: number;
  /** 1 = slot allocated */
  readonly alloc: Uint8Array;
  /** 1 = object freed by the program (unreachable), reclaimed by the next sweep */
  readonly dead: Uint8Array;
  /** bytes the program asked for in each slot (sum of sub-objects for a tiny block) */
  readonly req: Float64Array;
  /** live sub-objects per 16-byte block (tiny span class only) */
  readonly tinyLive: Uint8Array | undefined;
  allocCount: number;
  /** like mspan.freeindex: slots below it are known to be allocated until the next sweep */
  freeIndex: number;
  place: SpanPlace;
  /** the P whose mcache holds the span, or -1 */
  owner: number;
}

export type Source = 'mcache' | 'mcentral' | 'mheap' | 'os';

export interface GrowInfo {
  /** pages added to the mapped heap (a multiple of the 512-page, 4 MiB chunk) */
  readonly pages: number;
  /** arenas newly reserved from the OS for this growth (64 MiB each) */
  readonly newArenas: number;
  /** index of the arena the growth starts in */
  readonly arena: number;
}

/** Everything about the most recent allocation; reused (mutated) to keep the hot path allocation-free. */
export interface LastAlloc {
  decision: SizeDecision;
  source: Source;
  span: Span;
  slot: number;
  /** tiny only: offset in the 16-byte block and whether the block is new */
  offset: number;
  newBlock: boolean;
  /** tiny only: whether the new block replaced P's current tiny block */
  tinyKept: boolean;
  /** span returned to mcentral by the refill (id), or -1 */
  returnedSpan: number;
  /** small objects that refilled: whether P's mcache had no span of this class at all (vs a full one) */
  refillEmpty: boolean;
  /** whether mcentral's span had to be swept first (always false after a full GC sweep) */
  grow: GrowInfo | undefined;
}

interface MCache {
  /** one span per span class (mcache.alloc) */
  readonly alloc: (Span | null)[];
  tinySpan: Span | null;
  tinySlot: number;
  tinyOffset: number;
}

interface MCentral {
  partial: Span[];
  full: Span[];
}

export interface MemStats {
  HeapAlloc: number;
  HeapInuse: number;
  HeapIdle: number;
  HeapReleased: number;
  HeapSys: number;
  Sys: number;
  Mallocs: number;
  Frees: number;
  HeapObjects: number;
  TinyAllocs: number;
  NumGC: number;
}

export interface Fragmentation {
  /** bytes live objects asked for */
  readonly requestedBytes: number;
  /** slot size minus requested size (headers included), over live objects */
  readonly internalBytes: number;
  /** unusable bytes at the ends of in-use small spans */
  readonly tailWasteBytes: number;
  /** free slots inside in-use spans */
  readonly freeSlotBytes: number;
  /** HeapInuse - requestedBytes as a share of HeapInuse (0..1) */
  readonly ratio: number;
}

export class AllocError extends Error {}

export class Heap {
  readonly procs: number;
  readonly mcaches: MCache[] = [];
  readonly centrals: MCentral[] = [];
  /** page state per page of the (reserved) address space */
  readonly pageState = new Uint8Array(MAX_PAGES);
  /** in-use spans by id */
  readonly spans = new Map<number, Span>();
  arenas = 0;
  mappedPages = 0;
  /** like pageAlloc.searchAddr: no free page below this index */
  private searchPage = 0;
  private nextSpanId = 1;
  pagesInUse = 0;
  pagesReleased = 0;
  pagesIdle = 0;
  heapAlloc = 0;
  mallocs = 0;
  frees = 0;
  tinyAllocs = 0;
  numGC = 0;
  requestedBytes = 0;
  /** details of the most recent malloc */
  readonly last: LastAlloc;
  private readonly decisions: (SizeDecision | undefined)[][] = [[], []];

  constructor(procs = 1) {
    if (!Number.isInteger(procs) || procs < 1 || procs > MAX_PROCS) throw new AllocError(`procs must be an integer 1..${MAX_PROCS}`);
    this.procs = procs;
    for (let p = 0; p < procs; p++) this.mcaches.push({ alloc: new Array<Span | null>(NUM_SPAN_CLASSES).fill(null), tinySpan: null, tinySlot: -1, tinyOffset: 0 });
    for (let i = 0; i < NUM_SPAN_CLASSES; i++) this.centrals.push({ partial: [], full: [] });
    this.last = { decision: decideSize(8, false), source: 'mcache', span: undefined as unknown as Span, slot: 0, offset: 0, newBlock: false, tinyKept: false, returnedSpan: -1, refillEmpty: false, grow: undefined };
  }

  /** mallocgc's size decision, memoised per (size, noscan) for small sizes. */
  decide(size: number, noscan: boolean): SizeDecision {
    if (size > 32768) return decideSize(size, noscan);
    const table = this.decisions[noscan ? 1 : 0];
    return table[size] ?? (table[size] = decideSize(size, noscan));
  }

  /**
   * Allocates `size` bytes on P `p` and returns the slot; details are in `this.last`.
   * Throws AllocError for an invalid request or when the simulated address space is exhausted.
   */
  malloc(size: number, noscan: boolean, p: number): number {
    if (!(size >= 1 && size <= MAX_ALLOC_SIZE) || !Number.isInteger(size)) throw new AllocError(`size must be an integer 1..${MAX_ALLOC_SIZE} (Go returns &zerobase for 0 bytes without allocating)`);
    if (!(p >= 0 && p < this.procs) || !Number.isInteger(p)) throw new AllocError(`p must be an integer 0..${this.procs - 1}`);
    const d = this.decide(size, noscan);
    const last = this.last;
    last.decision = d;
    last.returnedSpan = -1;
    last.refillEmpty = false;
    last.grow = undefined;
    last.offset = 0;
    last.newBlock = false;
    last.tinyKept = false;
    if (d.kind === 'tiny') return this.mallocTiny(size, p);
    if (d.kind === 'large') return this.mallocLarge(d);
    const slot = this.allocSlot(p, d.spanClass);
    const span = last.span;
    span.req[slot] = size;
    this.requestedBytes += size;
    this.mallocs++;
    this.heapAlloc += span.elemSize;
    return slot;
  }

  private mallocTiny(size: number, p: number): number {
    const c = this.mcaches[p];
    const last = this.last;
    const off = tinyAlign(c.tinyOffset, size);
    if (c.tinySpan !== null && off + size <= MAX_TINY_SIZE) {
      // The object fits into the existing tiny block.
      const span = c.tinySpan;
      c.tinyOffset = off + size;
      span.tinyLive![c.tinySlot]++;
      span.req[c.tinySlot] += size;
      this.requestedBytes += size;
      this.tinyAllocs++;
      last.source = 'mcache';
      last.span = span;
      last.slot = c.tinySlot;
      last.offset = off;
      return c.tinySlot;
    }
    // Allocate a new maxTinySize block from the tiny span class (class 2, noscan).
    const slot = this.allocSlot(p, TINY_SPAN_CLASS);
    const span = last.span;
    span.tinyLive![slot] = 1;
    span.req[slot] = size;
    this.requestedBytes += size;
    this.mallocs++;
    this.heapAlloc += MAX_TINY_SIZE;
    last.newBlock = true;
    last.offset = 0;
    // Keep whichever block has more room left: `if size < c.tinyoffset || c.tiny == 0`.
    if (size < c.tinyOffset || c.tinySpan === null) {
      c.tinySpan = span;
      c.tinySlot = slot;
      c.tinyOffset = size;
      last.tinyKept = true;
    }
    return slot;
  }

  private mallocLarge(d: SizeDecision): number {
    const last = this.last;
    const span = this.allocSpan(d.pages, d.spanClass, 0, d.pages * PAGE_SIZE, 1);
    // mcache.allocLarge puts the span on mcentral's full swept list so the sweeper can see it.
    span.place = 'full';
    this.centrals[d.spanClass].full.push(span);
    span.alloc[0] = 1;
    span.allocCount = 1;
    span.freeIndex = 1;
    span.req[0] = d.size;
    this.requestedBytes += d.size;
    this.mallocs++;
    this.heapAlloc += span.elemSize;
    last.span = span;
    last.slot = 0;
    return 0;
  }

  /** Takes a free slot from P's cached span of this class, refilling from mcentral/mheap as Go does. */
  private allocSlot(p: number, spanClass: number): number {
    const c = this.mcaches[p];
    const last = this.last;
    let span = c.alloc[spanClass];
    if (span !== null && span.allocCount < span.nelems) {
      last.source = 'mcache';
    } else {
      span = this.refill(c, p, spanClass);
    }
    // nextFreeIndex: the lowest free slot at or after freeindex.
    const alloc = span.alloc;
    let i = span.freeIndex;
    while (alloc[i] !== 0) i++;
    alloc[i] = 1;
    span.freeIndex = i + 1;
    span.allocCount++;
    last.span = span;
    last.slot = i;
    return i;
  }

  /** mcache.refill: return the full span to mcentral, then mcentral.cacheSpan. */
  private refill(c: MCache, p: number, spanClass: number): Span {
    const last = this.last;
    const old = c.alloc[spanClass];
    last.refillEmpty = old === null;
    if (old !== null) {
      this.uncache(old);
      last.returnedSpan = old.id;
    }
    const central = this.centrals[spanClass];
    let span: Span;
    if (central.partial.length > 0) {
      span = central.partial.shift()!;
      last.source = 'mcentral';
    } else {
      const sizeClass = spanClass >> 1;
      const d = this.decideClass(sizeClass);
      span = this.allocSpan(d.pages, spanClass, sizeClass, d.elemSize, d.objects);
    }
    span.place = 'mcache';
    span.owner = p;
    c.alloc[spanClass] = span;
    return span;
  }

  private decideClass(sizeClass: number): { pages: number; elemSize: number; objects: number } {
    const row = SIZE_CLASSES[sizeClass - 1];
    return { pages: row.pages, elemSize: row.size, objects: row.objects };
  }

  /** mcentral.uncacheSpan: a span with free slots goes to partial, a full one to full (swept). */
  private uncache(span: Span): void {
    const central = this.centrals[span.spanClass];
    span.owner = -1;
    if (span.allocCount < span.nelems) {
      span.place = 'partial';
      central.partial.push(span);
    } else {
      span.place = 'full';
      central.full.push(span);
    }
  }

  /** mheap.allocSpan: first fit by address in the page allocator; grow the heap if nothing fits. */
  private allocSpan(npages: number, spanClass: number, sizeClass: number, elemSize: number, nelems: number): Span {
    const last = this.last;
    let start = this.findRun(npages);
    if (start < 0) {
      last.grow = this.grow(npages);
      start = this.findRun(npages);
      if (start < 0) throw new AllocError('no free page run after growing the heap');
      last.source = 'os';
    } else {
      last.source = 'mheap';
    }
    const state = this.pageState;
    for (let i = start; i < start + npages; i++) {
      // sysUsed on scavenged pages: they stop counting as released.
      if (state[i] === PAGE_RELEASED) this.pagesReleased--;
      else this.pagesIdle--;
      state[i] = PAGE_INUSE;
    }
    this.pagesInUse += npages;
    if (start === this.searchPage) this.searchPage = start + npages;
    const span: Span = {
      id: this.nextSpanId++, startPage: start, pages: npages, spanClass, sizeClass, elemSize, nelems,
      alloc: new Uint8Array(nelems + 1), dead: new Uint8Array(nelems), req: new Float64Array(nelems),
      tinyLive: spanClass === TINY_SPAN_CLASS ? new Uint8Array(nelems) : undefined,
      allocCount: 0, freeIndex: 0, place: 'mcache', owner: -1,
    };
    // A sentinel "allocated" slot past the end keeps the free-slot scan branch-free.
    span.alloc[nelems] = 1;
    this.spans.set(span.id, span);
    return span;
  }

  /** The lowest page index starting `npages` free pages, or -1 (pageAlloc.find). */
  private findRun(npages: number): number {
    const state = this.pageState;
    const end = this.mappedPages;
    let run = 0;
    let first = -1;
    for (let i = this.searchPage; i < end; i++) {
      const s = state[i];
      if (s === PAGE_RELEASED || s === PAGE_IDLE) {
        if (run === 0) {
          if (first < 0) first = i;
          if (i + npages > end) break;
        }
        run++;
        if (run === npages) return i - npages + 1;
      } else {
        run = 0;
      }
    }
    if (first < 0) this.searchPage = end;
    else if (first > this.searchPage) this.searchPage = first;
    return -1;
  }

  /**
   * mheap.grow: ask for alignUp(npage, 512) pages (whole 4 MiB chunks); reserve new 64 MiB
   * arenas when the current one is used up. New memory arrives released (Prepared), so it counts
   * in HeapSys and HeapReleased until a span uses it.
   */
  private grow(npages: number): GrowInfo {
    const ask = Math.ceil(npages / PALLOC_CHUNK_PAGES) * PALLOC_CHUNK_PAGES;
    const needEnd = this.mappedPages + ask;
    // sysAlloc reserves alignUp(ask, heapArenaBytes) when the current arena cannot hold the growth;
    // the new arenas sit right after it (the arena hints), so the current one just gets longer.
    const newArenas = needEnd > this.arenas * PAGES_PER_ARENA ? Math.ceil(ask / PAGES_PER_ARENA) : 0;
    if (this.arenas + newArenas > MAX_ARENAS) throw new AllocError(`out of simulated address space (${MAX_ARENAS} arenas of 64 MiB)`);
    const arena = Math.floor(this.mappedPages / PAGES_PER_ARENA);
    this.arenas += newArenas;
    const state = this.pageState;
    for (let i = this.mappedPages; i < needEnd; i++) state[i] = PAGE_RELEASED;
    if (this.searchPage > this.mappedPages) this.searchPage = this.mappedPages;
    this.pagesReleased += ask;
    this.mappedPages = needEnd;
    return { pages: ask, newArenas, arena };
  }

  /** mheap.freeSpan: the pages become free and idle (still backed by memory, not released). */
  private freeSpan(span: Span): void {
    const state = this.pageState;
    for (let i = span.startPage; i < span.startPage + span.pages; i++) state[i] = PAGE_IDLE;
    this.pagesInUse -= span.pages;
    this.pagesIdle += span.pages;
    if (span.startPage < this.searchPage) this.searchPage = span.startPage;
    this.spans.delete(span.id);
  }

  /**
   * Marks an object unreachable (the program dropped its last reference). A tiny block becomes
   * unreachable only when all its sub-objects are.
   */
  markFree(span: Span, slot: number, tiny: boolean): void {
    if (!this.spans.has(span.id) || span.alloc[slot] !== 1) throw new AllocError('object is not allocated');
    if (tiny) {
      if (span.tinyLive![slot] === 0) throw new AllocError('tiny block has no live objects');
      span.tinyLive![slot]--;
    } else {
      if (span.dead[slot] === 1) throw new AllocError('object already freed');
      span.dead[slot] = 1;
    }
  }

  /**
   * One full GC cycle as runtime.GC() does it: flush every mcache (mcache.releaseAll, which also
   * drops the tiny block), then sweep every span: unreachable slots become free, an empty span
   * returns its pages to the heap, the others go to mcentral's partial or full swept sets.
   */
  gc(): { freedObjects: number; freedBytes: number; sweptSpans: number; freedSpans: number; freedPages: number; unswept: number } {
    for (let p = 0; p < this.procs; p++) {
      const c = this.mcaches[p];
      for (let sc = 0; sc < NUM_SPAN_CLASSES; sc++) {
        const s = c.alloc[sc];
        if (s !== null) {
          this.uncache(s);
          c.alloc[sc] = null;
        }
      }
      c.tinySpan = null;
      c.tinySlot = -1;
      c.tinyOffset = 0;
    }
    this.numGC++;
    let freedObjects = 0;
    let freedBytes = 0;
    let sweptSpans = 0;
    let freedSpans = 0;
    let freedPages = 0;
    let unswept = 0;
    for (let sc = 0; sc < NUM_SPAN_CLASSES; sc++) {
      const central = this.centrals[sc];
      // At the start of the cycle every span moves to the unswept sets (sweepgen += 2).
      const toSweep = central.partial.concat(central.full);
      unswept += toSweep.length;
      central.partial = [];
      central.full = [];
      for (const span of toSweep) {
        sweptSpans++;
        const tiny = span.tinyLive !== undefined;
        for (let i = 0; i < span.nelems; i++) {
          if (span.alloc[i] !== 1) continue;
          if (tiny ? span.tinyLive![i] === 0 : span.dead[i] === 1) {
            span.alloc[i] = 0;
            span.dead[i] = 0;
            span.allocCount--;
            this.requestedBytes -= span.req[i];
            span.req[i] = 0;
            this.heapAlloc -= span.elemSize;
            this.frees++;
            freedObjects++;
            freedBytes += span.elemSize;
          }
        }
        span.freeIndex = 0;
        if (span.allocCount === 0) {
          freedSpans++;
          freedPages += span.pages;
          this.freeSpan(span);
        } else if (span.allocCount < span.nelems && span.sizeClass !== 0) {
          span.place = 'partial';
          central.partial.push(span);
        } else {
          span.place = 'full';
          central.full.push(span);
        }
      }
    }
    return { freedObjects, freedBytes, sweptSpans, freedSpans, freedPages, unswept };
  }

  /**
   * The scavenger: returns free, still-backed pages to the OS (MADV_DONTNEED), highest addresses
   * first as the scavenger index searches. `maxBytes` undefined releases everything (like
   * debug.FreeOSMemory after its GC).
   */
  scavenge(maxBytes?: number): { releasedPages: number } {
    let budget = maxBytes === undefined ? Infinity : Math.ceil(maxBytes / PAGE_SIZE);
    let released = 0;
    const state = this.pageState;
    for (let i = this.mappedPages - 1; i >= 0 && budget > 0; i--) {
      if (state[i] === PAGE_IDLE) {
        state[i] = PAGE_RELEASED;
        released++;
        budget--;
      }
    }
    this.pagesIdle -= released;
    this.pagesReleased += released;
    return { releasedPages: released };
  }

  memStats(): MemStats {
    const heapSys = this.mappedPages * PAGE_SIZE;
    return {
      HeapAlloc: this.heapAlloc,
      HeapInuse: this.pagesInUse * PAGE_SIZE,
      HeapIdle: (this.pagesIdle + this.pagesReleased) * PAGE_SIZE,
      HeapReleased: this.pagesReleased * PAGE_SIZE,
      HeapSys: heapSys,
      // Only heap memory is modelled: the real Sys also counts stacks, GC metadata, mspans, ...
      Sys: heapSys,
      Mallocs: this.mallocs + this.tinyAllocs,
      Frees: this.frees + this.tinyAllocs,
      HeapObjects: this.mallocs - this.frees,
      TinyAllocs: this.tinyAllocs,
      NumGC: this.numGC,
    };
  }

  fragmentation(): Fragmentation {
    let tail = 0;
    let freeSlots = 0;
    for (const span of this.spans.values()) {
      if (span.sizeClass === 0) continue;
      tail += span.pages * PAGE_SIZE - span.nelems * span.elemSize;
      freeSlots += (span.nelems - span.allocCount) * span.elemSize;
    }
    const inuse = this.pagesInUse * PAGE_SIZE;
    return {
      requestedBytes: this.requestedBytes,
      internalBytes: this.heapAlloc - this.requestedBytes,
      tailWasteBytes: tail,
      freeSlotBytes: freeSlots,
      ratio: inuse === 0 ? 0 : (inuse - this.requestedBytes) / inuse,
    };
  }

  /** The tiny block P is currently filling, if any. */
  tinyBlock(p: number): { span: Span; slot: number; offset: number } | undefined {
    const c = this.mcaches[p];
    return c.tinySpan === null ? undefined : { span: c.tinySpan, slot: c.tinySlot, offset: c.tinyOffset };
  }

  /** Spans cached by P's mcache, by span class. */
  cachedSpans(p: number): Span[] {
    return this.mcaches[p].alloc.filter((s): s is Span => s !== null);
  }

  /** Virtual address of a slot (first arena at 0xc000000000, as on linux/amd64). */
  static address(span: Span, slot: number, offset = 0): number {
    return ARENA_BASE_ADDRESS + span.startPage * PAGE_SIZE + slot * span.elemSize + offset;
  }

  /**
   * Recomputes everything from scratch and returns the broken invariants (empty when consistent).
   * Used by the tests; cheap enough to call after every op of a small scenario.
   */
  check(): string[] {
    const problems: string[] = [];
    let inuse = 0, idle = 0, released = 0;
    for (let i = 0; i < MAX_PAGES; i++) {
      const s = this.pageState[i];
      if (i >= this.mappedPages) { if (s !== PAGE_UNMAPPED) problems.push(`page ${i} beyond the mapped heap is not unmapped`); continue; }
      if (s === PAGE_INUSE) inuse++; else if (s === PAGE_IDLE) idle++; else if (s === PAGE_RELEASED) released++; else problems.push(`mapped page ${i} is unmapped`);
    }
    if (inuse !== this.pagesInUse) problems.push(`pagesInUse ${this.pagesInUse} != ${inuse}`);
    if (idle !== this.pagesIdle) problems.push(`pagesIdle ${this.pagesIdle} != ${idle}`);
    if (released !== this.pagesReleased) problems.push(`pagesReleased ${this.pagesReleased} != ${released}`);
    if (this.mappedPages > this.arenas * PAGES_PER_ARENA) problems.push('mapped beyond the reserved arenas');
    const owner = new Int32Array(this.mappedPages);
    let heapAlloc = 0, objects = 0, requested = 0, spanPages = 0;
    const seen = new Set<number>();
    for (const span of this.spans.values()) {
      spanPages += span.pages;
      for (let i = span.startPage; i < span.startPage + span.pages; i++) {
        if (this.pageState[i] !== PAGE_INUSE) problems.push(`span ${span.id} page ${i} not in use`);
        if (owner[i] !== 0) problems.push(`page ${i} in spans ${owner[i]} and ${span.id}`);
        owner[i] = span.id;
      }
      let count = 0;
      for (let i = 0; i < span.nelems; i++) {
        if (span.alloc[i] === 1) { count++; requested += span.req[i]; }
        else if (span.dead[i] === 1) problems.push(`span ${span.id} slot ${i} dead but free`);
      }
      for (let i = 0; i < span.freeIndex && i < span.nelems; i++) if (span.alloc[i] !== 1) problems.push(`span ${span.id} slot ${i} below freeindex is free`);
      if (count !== span.allocCount) problems.push(`span ${span.id} allocCount ${span.allocCount} != ${count}`);
      heapAlloc += count * span.elemSize;
      objects += count;
    }
    if (spanPages !== inuse) problems.push(`span pages ${spanPages} != in-use pages ${inuse}`);
    // Each span is in exactly one place.
    const note = (span: Span, where: string): void => {
      if (seen.has(span.id)) problems.push(`span ${span.id} is listed twice (${where})`);
      seen.add(span.id);
      if (this.spans.get(span.id) !== span) problems.push(`span ${span.id} in ${where} is not in use`);
    };
    this.mcaches.forEach((c, p) => c.alloc.forEach((s, sc) => {
      if (s === null) return;
      note(s, `mcache ${p}`);
      if (s.place !== 'mcache' || s.owner !== p || s.spanClass !== sc) problems.push(`span ${s.id} cached by P${p} has place ${s.place}/${s.owner}`);
    }));
    this.centrals.forEach((central, sc) => {
      for (const s of central.partial) { note(s, `mcentral ${sc} partial`); if (s.place !== 'partial' || s.allocCount >= s.nelems || s.spanClass !== sc) problems.push(`span ${s.id} misfiled in partial`); }
      for (const s of central.full) { note(s, `mcentral ${sc} full`); if (s.place !== 'full' || s.spanClass !== sc) problems.push(`span ${s.id} misfiled in full`); }
    });
    if (seen.size !== this.spans.size) problems.push(`${this.spans.size - seen.size} spans are in no list`);
    if (heapAlloc !== this.heapAlloc) problems.push(`HeapAlloc ${this.heapAlloc} != ${heapAlloc}`);
    if (objects !== this.mallocs - this.frees) problems.push(`live objects ${objects} != Mallocs-Frees ${this.mallocs - this.frees}`);
    if (Math.abs(requested - this.requestedBytes) > 0.5) problems.push(`requested ${this.requestedBytes} != ${requested}`);
    const m = this.memStats();
    if (m.HeapInuse + m.HeapIdle !== m.HeapSys) problems.push('HeapInuse + HeapIdle != HeapSys');
    if (m.HeapReleased > m.HeapIdle) problems.push('HeapReleased > HeapIdle');
    if (m.HeapAlloc > m.HeapInuse) problems.push('HeapAlloc > HeapInuse');
    if (m.Sys < m.HeapInuse) problems.push('Sys < HeapInuse');
    if (m.Mallocs < m.Frees) problems.push('Frees > Mallocs');
    return problems;
  }
}

