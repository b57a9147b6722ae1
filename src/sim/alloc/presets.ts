/**
 * Bundled scenarios. Titles and explanations live in strings.ts (both languages); each preset names
 * the heading of the `go-memory` note it illustrates.
 */
import { roundupsize } from './sizeclasses';

export const NOTE_TOPIC_ID = 'go-memory';

export const NOTE_SLUGS = [
  'basic-strategy', 'size-classes', 'tiny-allocator', 'large-objects', 'components', 'mcache', 'mcentral', 'mheap',
  'allocation-path', 'memory-layout', 'layout-pre-1-11', 'heap-arenas', 'malloc-header', 'scavenger', 'gc',
] as const;
export type NoteSlug = (typeof NOTE_SLUGS)[number];

export type PresetId = 'tiny-strings' | 'growing-slice' | 'large-objects' | 'fragmentation-gc' | 'two-ps';

interface ScenarioJson {
  procs?: number;
  ops: Record<string, unknown>[];
}

export interface Preset {
  readonly id: PresetId;
  readonly slug: NoteSlug;
  readonly scenario: ScenarioJson;
}

/**
 * Appending to a []int64 until it holds `target` elements: Go's growslice (Go ≥ 1.20 nextslicecap:
 * double below 256 elements, then grow by (cap + 3*256)/4), with the capacity rounded up to the
 * size class (roundupsize). Each new backing array is allocated, the old one dropped.
 */
export function growingSliceOps(target: number): Record<string, unknown>[] {
  const ops: Record<string, unknown>[] = [];
  let cap = 0;
  let n = 0;
  let prev: string | undefined;
  while (cap < target) {
    const newLen = cap + 1;
    let newcap: number;
    const doublecap = cap + cap;
    if (newLen > doublecap) newcap = newLen;
    else if (cap < 256) newcap = doublecap;
    else {
      newcap = cap;
      while (newcap < newLen) newcap += (newcap + 3 * 256) >> 2;
    }
    const bytes = roundupsize(newcap * 8, true);
    cap = Math.floor(bytes / 8);
    const name = `s${n++}`;
    ops.push({ malloc: newcap * 8, noscan: true, as: name });
    if (prev) ops.push({ free: prev });
    prev = name;
  }
  return ops;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'tiny-strings',
    slug: 'tiny-allocator',
    scenario: {
      procs: 1,
      ops: [
        { malloc: 5, noscan: true, as: 'hello' },
        { malloc: 3, noscan: true, as: 'abc' },
        { malloc: 8, noscan: true, as: 'int64' },
        { malloc: 2, noscan: true, as: 'hi' },
        { malloc: 12, noscan: true, as: 'twelve' },
        { malloc: 4, noscan: true, as: 'rune' },
        { malloc: 15, noscan: true, as: 'fifteen' },
        { malloc: 8, noscan: false, as: 'ptr' },
        { malloc: 16, noscan: true, as: 'sixteen' },
        { malloc: 7, noscan: true, count: 300, as: 'words' },
        { free: 'words', every: 2 },
        { free: 'abc' },
        { gc: true },
        { free: 'hello' },
        { free: 'int64' },
        { gc: true },
      ],
    },
  },
  {
    id: 'growing-slice',
    slug: 'size-classes',
    scenario: { procs: 1, ops: [...growingSliceOps(20000), { gc: true }, { scavenge: true }] },
  },
  {
    id: 'large-objects',
    slug: 'large-objects',
    scenario: {
      procs: 1,
      ops: [
        { malloc: 32760, noscan: true, as: 'edge-small' },
        { malloc: 32768, noscan: true, as: 'edge-large' },
        { malloc: 40000, as: 'big' },
        { malloc: 1 << 20, noscan: true, as: 'buffer' },
        { malloc: 100000, as: 'table' },
        { free: 'big' },
        { gc: true },
        { malloc: 24000, noscan: true, as: 'reuse' },
        { malloc: 70 * 1024 * 1024, noscan: true, as: 'huge' },
        { free: 'huge' },
        { gc: true },
        { scavenge: true },
      ],
    },
  },
  {
    id: 'fragmentation-gc',
    slug: 'gc',
    scenario: {
      procs: 1,
      ops: [
        { malloc: 48, as: 'nodes', count: 2000 },
        { malloc: 1024, as: 'temp', count: 1000 },
        { free: 'nodes', every: 2 },
        { free: 'temp' },
        { gc: true },
        { malloc: 48, as: 'more', count: 600 },
        { scavenge: true },
        { malloc: 2048, noscan: true, as: 'later', count: 64 },
      ],
    },
  },
  {
    id: 'two-ps',
    slug: 'mcache',
    scenario: {
      procs: 2,
      ops: [
        { malloc: 24, noscan: true, p: 0, as: 'p0-first' },
        { malloc: 24, noscan: true, p: 1, as: 'p1-first' },
        { malloc: 24, noscan: true, p: 0, count: 339, as: 'p0-fill' },
        { malloc: 24, noscan: true, p: 0, as: 'p0-last' },
        { malloc: 24, noscan: true, p: 0, as: 'p0-refill' },
        { malloc: 24, noscan: true, p: 1, count: 100, as: 'p1-more' },
        { free: 'p0-fill', every: 3 },
        { gc: true },
        { malloc: 24, noscan: true, p: 1, as: 'p1-after-gc' },
        { malloc: 24, noscan: true, p: 0, as: 'p0-after-gc' },
      ],
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function presetScenarioText(preset: Preset): string {
  return JSON.stringify(preset.scenario, null, 2) + '\n';
}

/** A mixed scenario of `n` allocations (sizes from a seeded PRNG) for replay benchmarks. */
export function replayScenarioText(n: number, seed = 1): string {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sizes = [8, 12, 16, 24, 32, 48, 64, 100, 128, 256, 512, 1000, 2048, 4096];
  const ops: Record<string, unknown>[] = [];
  let left = n;
  let g = 0;
  while (left > 0) {
    const count = Math.min(left, 100 + Math.floor(rand() * 900));
    const size = sizes[Math.floor(rand() * sizes.length)];
    ops.push({ malloc: size, noscan: rand() < 0.5, count, as: `g${g}` });
    if (g % 4 === 3) ops.push({ free: `g${g - 2}`, every: 2 });
    if (g % 16 === 15) ops.push({ gc: true });
    left -= count;
    g++;
  }
  return JSON.stringify({ procs: 1, ops });
}
