import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { runAllocCli, sizeClassTable } from '../../src/sim/alloc/cli';
import { Heap, PAGE_IDLE, PAGE_RELEASED } from '../../src/sim/alloc/heap';
import { NOTE_SLUGS, PRESETS, growingSliceOps, presetScenarioText, replayScenarioText } from '../../src/sim/alloc/presets';
import { benchMallocs, parseScenario, runScenario, Simulation, type MallocEvent } from '../../src/sim/alloc/scenario';
import {
  CLASS_TO_ALLOCNPAGES, CLASS_TO_SIZE, MAX_SMALL_SIZE, PAGE_SIZE, SIZE_CLASSES, SIZE_TO_CLASS128, SIZE_TO_CLASS8, TINY_SPAN_CLASS,
  decideSize, roundupsize, sizeToClass, spanClassOf, tinyAlign,
} from '../../src/sim/alloc/sizeclasses';
import { STRINGS, narrate, t } from '../../src/sim/alloc/strings';
import { SIMULATOR_PRESET_IDS } from './simPresets';

function fixture(name: string): string {
  for (const base of [process.cwd(), path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..', '..', '..')]) {
    const file = path.join(base, 'test', 'fixtures', 'alloc', name);
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  throw new Error(`fixture ${name} not found`);
}

/** Independent of Go's lookup tables: the smallest class whose object size is at least n. */
function smallestClassAtLeast(n: number): number {
  for (let c = 1; c < CLASS_TO_SIZE.length; c++) if (CLASS_TO_SIZE[c] >= n) return c;
  return 0;
}

function fakeIo(files: Record<string, string> = {}) {
  const io = { stdout: '', stderr: '', out: (s: string) => { io.stdout += s; }, err: (s: string) => { io.stderr += s; },
    readText: (p: string) => { if (p in files) return files[p]; throw new Error(`cannot read ${p}`); } };
  return io;
}

function run(text: string) {
  const parsed = parseScenario(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  const sim = new Simulation(parsed.scenario);
  while (!sim.done) {
    const r = sim.step();
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(sim.heap.check(), []);
  }
  return sim;
}

describe('alloc: size classes (Go 1.22 sizeclasses.go)', () => {
  it('has 67 small classes plus class 0, and the table matches the generated comment in sizeclasses.go', () => {
    assert.equal(CLASS_TO_SIZE.length, 68);
    assert.equal(CLASS_TO_ALLOCNPAGES.length, 68);
    assert.equal(SIZE_TO_CLASS8.length, 1024 / 8 + 1);
    assert.equal(SIZE_TO_CLASS128.length, (32768 - 1024) / 128 + 1);
    const rows = fixture('sizeclasses-table.txt').split('\n').filter((l) => /^\s*\d/.test(l)).map((l) => l.trim().split(/\s+/));
    assert.equal(rows.length, 67);
    assert.equal(SIZE_CLASSES.length, 67);
    rows.forEach((cols, i) => {
      const r = SIZE_CLASSES[i];
      assert.deepEqual([r.class, r.size, r.spanBytes, r.objects, r.tailWaste], cols.slice(0, 5).map(Number), `class ${i + 1}`);
      assert.equal(r.maxWaste.toFixed(2) + '%', cols[5], `max waste of class ${i + 1}`);
      assert.equal(r.pages, r.spanBytes / PAGE_SIZE);
    });
    const table = sizeClassTable();
    assert.deepEqual(table[0], { class: 1, size: 8, pages: 1, objects: 1024, spanBytes: 8192, tailWaste: 0, maxWaste: 87.5 });
    assert.deepEqual(table[2], { class: 3, size: 24, pages: 1, objects: 341, spanBytes: 8192, tailWaste: 8, maxWaste: 29.24 });
  });

  it('maps every size 1..32768 to a class with Go\'s lookup, agreeing with a plain search', () => {
    for (let n = 1; n <= MAX_SMALL_SIZE; n++) {
      const viaGo = n <= 1024 - 8 ? SIZE_TO_CLASS8[Math.ceil(n / 8)] : SIZE_TO_CLASS128[Math.ceil((n - 1024) / 128)];
      assert.equal(sizeToClass(n), viaGo, `size ${n}`);
      assert.equal(viaGo, smallestClassAtLeast(n), `size ${n}`);
    }
    assert.equal(sizeToClass(32769), 0);
  });

  it('decides tiny/small/large, header and span class for every size, with and without pointers', () => {
    for (let n = 1; n <= MAX_SMALL_SIZE + 100; n++) {
      const noscan = decideSize(n, true);
      const scan = decideSize(n, false);
      if (n > 32760) {
        assert.equal(noscan.kind, 'large', `noscan ${n}`);
        assert.equal(scan.kind, 'large', `scan ${n}`);
        assert.equal(scan.sizeClass, 0);
        assert.equal(scan.spanClass, 0);
        assert.equal(noscan.spanClass, 1);
        assert.equal(scan.pages, Math.ceil(n / 8192));
        continue;
      }
      if (n < 16) {
        assert.equal(noscan.kind, 'tiny');
        assert.equal(noscan.spanClass, TINY_SPAN_CLASS);
      } else {
        assert.equal(noscan.sizeClass, smallestClassAtLeast(n), `noscan ${n}`);
        assert.equal(noscan.spanClass, noscan.sizeClass * 2 + 1);
        assert.equal(noscan.header, false);
      }
      const want = n > 512 ? n + 8 : n;
      assert.equal(scan.header, n > 512, `header ${n}`);
      assert.equal(scan.sizeClass, smallestClassAtLeast(want), `scan ${n}`);
      assert.equal(scan.spanClass, scan.sizeClass * 2);
      assert.equal(scan.elemSize, CLASS_TO_SIZE[scan.sizeClass]);
      assert.ok(scan.elemSize >= want);
    }
  });

  it('puts the malloc header threshold exactly above 512 bytes', () => {
    assert.equal(decideSize(512, false).sizeClass, 26);
    assert.equal(decideSize(512, false).elemSize, 512);
    assert.equal(decideSize(513, false).header, true);
    assert.equal(decideSize(513, false).elemSize, 576);
    assert.equal(decideSize(576, false).elemSize, 640, 'a pointerful 576 B object jumps a class because of its header');
    assert.equal(decideSize(576, true).elemSize, 576);
    assert.equal(decideSize(1024, false).elemSize, 1152);
    assert.equal(decideSize(32760, false).elemSize, 32768);
    assert.equal(decideSize(32768, true).kind, 'large', 'maxSmallSize-mallocHeaderSize < size is large even without pointers');
    assert.equal(spanClassOf(3, true), 7);
    assert.equal(roundupsize(8, true), 8, 'roundupsize ignores the tiny allocator');
    assert.equal(roundupsize(600, false), 632, 'the header is not capacity');
    assert.equal(roundupsize(40000, true), 40960);
  });
});

describe('alloc: allocation paths', () => {
  it('packs tiny objects into 16-byte blocks with Go\'s alignment', () => {
    assert.equal(tinyAlign(5, 8), 8);
    assert.equal(tinyAlign(5, 4), 8);
    assert.equal(tinyAlign(5, 12), 8);
    assert.equal(tinyAlign(5, 2), 6);
    assert.equal(tinyAlign(5, 3), 5);
    const heap = new Heap(1);
    const offsets: [number, number, boolean][] = [];
    for (const size of [5, 3, 8, 2, 12, 4, 15, 1]) {
      heap.malloc(size, true, 0);
      offsets.push([heap.last.slot, heap.last.offset, heap.last.newBlock]);
    }
    assert.deepEqual(offsets, [[0, 0, true], [0, 5, false], [0, 8, false], [1, 0, true], [1, 4, false], [2, 0, true], [3, 0, true], [2, 4, false]]);
    const m = heap.memStats();
    assert.equal(m.TinyAllocs, 4);
    assert.equal(m.Mallocs, 8, 'tiny allocations count as mallocs');
    assert.equal(m.Frees, 4, '... and as frees (mstats.go)');
    assert.equal(m.HeapAlloc, 4 * 16);
    assert.deepEqual(heap.check(), []);
  });

  it('refills the mcache after exactly `objects` allocations from one span, for every class', () => {
    for (const row of SIZE_CLASSES) {
      for (const noscan of [false, true]) {
        const size = noscan && row.size < 16 ? 16 : row.size - (!noscan && row.size > 512 ? 8 : 0);
        if (size < 1 || (size < 16 && noscan)) continue;
        if (decideSize(size, noscan).sizeClass !== row.class) continue;
        const heap = new Heap(1);
        heap.malloc(size, noscan, 0);
        const first = heap.last.span;
        assert.equal(heap.last.refillEmpty, true);
        for (let i = 1; i < row.objects; i++) {
          heap.malloc(size, noscan, 0);
          assert.equal(heap.last.source, 'mcache', `class ${row.class} alloc ${i}`);
          assert.equal(heap.last.slot, i);
          assert.equal(heap.last.span, first);
        }
        heap.malloc(size, noscan, 0);
        assert.notEqual(heap.last.source, 'mcache', `class ${row.class}: refill after ${row.objects}`);
        assert.equal(heap.last.returnedSpan, first.id);
        assert.equal(first.place, 'full');
        assert.equal(heap.last.span.pages, row.pages);
        assert.deepEqual(heap.check(), []);
      }
    }
  });

  it('takes large objects as whole page runs, first fit by address', () => {
    const heap = new Heap(1);
    for (const n of [32761, 40000, 8192 * 10, 8192 * 10 + 1, 1 << 20]) {
      heap.malloc(n, false, 0);
      assert.equal(heap.last.decision.sizeClass, 0);
      assert.equal(heap.last.span.pages, Math.ceil(n / 8192));
      assert.equal(heap.last.span.elemSize, Math.ceil(n / 8192) * 8192);
    }
    const spans = [...heap.spans.values()];
    assert.deepEqual(spans.map((s) => s.startPage), [0, 4, 9, 19, 30]);
    heap.markFree(spans[1], 0, false);
    heap.markFree(spans[3], 0, false);
    heap.gc();
    heap.malloc(3 * 8192, true, 0);
    assert.equal(heap.last.span.startPage, 4, 'the lowest free run that fits');
    heap.malloc(10 * 8192, true, 0);
    assert.equal(heap.last.span.startPage, 19);
    heap.malloc(3 * 8192, true, 0);
    assert.equal(heap.last.span.startPage, 158, 'the holes left (2 pages, 1 page) are too small');
    assert.deepEqual(heap.check(), []);
  });

  it('maps 4 MB chunks and reserves 64 MB arenas on demand', () => {
    const heap = new Heap(1);
    heap.malloc(24, true, 0);
    assert.equal(heap.last.source, 'os');
    assert.deepEqual(heap.last.grow, { pages: 512, newArenas: 1, arena: 0 });
    let m = heap.memStats();
    assert.equal(m.HeapSys, 4 << 20);
    assert.equal(m.HeapInuse, 8192);
    assert.equal(m.HeapReleased, (4 << 20) - 8192, 'fresh memory counts as released until used');
    heap.malloc(70 << 20, true, 0);
    assert.equal(heap.last.grow?.newArenas, 2, 'sysAlloc rounds 72 MB up to two arenas');
    assert.equal(heap.arenas, 3);
    m = heap.memStats();
    assert.equal(m.HeapSys, (4 << 20) + (72 << 20));
    assert.deepEqual(heap.check(), []);
  });

  it('sweeps unreachable objects, returns empty spans to the heap and scavenges idle pages', () => {
    const sim = run(JSON.stringify({ ops: [
      { malloc: 48, count: 340, as: 'a' }, { malloc: 1024, count: 16, as: 'b' }, { free: 'a', every: 2 }, { free: 'b' }, { gc: true }, { scavenge: true },
    ] }));
    const [, , , , gc, scav] = sim.events;
    // 340 × 48 B fill two spans of 170; 16 × 1152 B (1024 + 8 B header) take three spans of 7.
    assert.deepEqual(gc, { op: 'gc', freedObjects: 170 + 16, freedBytes: 170 * 48 + 16 * 1152, sweptSpans: 5, freedSpans: 3, freedPages: 3 });
    assert.deepEqual(scav, { op: 'scavenge', releasedPages: 3, releasedBytes: 3 * 8192 });
    const m = sim.heap.memStats();
    assert.equal(m.HeapInuse, 2 * 8192);
    assert.equal(m.HeapAlloc, 170 * 48);
    assert.equal(m.Mallocs - m.Frees, 170);
    assert.equal(m.HeapIdle + m.HeapInuse, m.HeapSys);
    assert.equal(m.HeapReleased, m.HeapIdle);
    const again = sim.applyExtra({ kind: 'malloc', size: 48, noscan: false, p: 0, count: 1 });
    assert.ok(again.ok);
    assert.equal((again.event as MallocEvent).source, 'mcentral', 'a half-empty swept span is reused');
  });

  it('never frees a tiny block while one of its objects is reachable', () => {
    const sim = run(JSON.stringify({ ops: [{ malloc: 4, noscan: true, as: 'x' }, { malloc: 4, noscan: true, as: 'y' }, { free: 'x' }, { gc: true }, { free: 'y' }, { gc: true }] }));
    assert.equal((sim.events[3] as { freedObjects: number }).freedObjects, 0);
    assert.equal((sim.events[5] as { freedObjects: number }).freedObjects, 1);
    assert.equal(sim.heap.memStats().HeapAlloc, 0);
  });

  it('gives each P its own span, so two Ps never share a slot or a lock on the fast path', () => {
    const preset = PRESETS.find((p) => p.id === 'two-ps')!;
    const sim = run(presetScenarioText(preset));
    const [p0, p1] = sim.events as MallocEvent[];
    assert.notEqual(p0.span.id, p1.span.id);
    assert.equal(p0.spanClass, 7);
    assert.equal(p1.spanClass, 7);
    const p0last = sim.events[3] as MallocEvent;
    assert.equal(p0last.source, 'mcache');
    assert.equal(p0last.slot, 340);
    assert.equal((sim.events[4] as MallocEvent).refill, 'full');
  });

  it('keeps every counter consistent and never hands out a slot twice under random ops', () => {
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('malloc' as const), size: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 200000 })), noscan: fc.boolean(), p: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 40 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat(), every: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'gc' as const }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('scavenge' as const), bytes: fc.option(fc.integer({ min: 1, max: 1 << 22 }), { nil: undefined }) }) },
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const heap = new Heap(3);
      const live = new Map<string, { spanId: number; slot: number; tiny: boolean }>();
      const groups: { span: ReturnType<Heap['spans']['get']>; slot: number; tiny: boolean; freed: boolean }[][] = [];
      let prevSys = 0;
      for (const o of ops) {
        if (o.kind === 'malloc') {
          const group = [];
          for (let i = 0; i < o.count; i++) {
            const slot = heap.malloc(o.size, o.noscan, o.p);
            const span = heap.last.span;
            const tiny = heap.last.decision.kind === 'tiny';
            const key = `${span.id}:${slot}`;
            if (!tiny || heap.last.newBlock) {
              assert.ok(!live.has(key), `slot ${key} handed out twice`);
              live.set(key, { spanId: span.id, slot, tiny });
            }
            group.push({ span, slot, tiny, freed: false });
          }
          groups.push(group);
        } else if (o.kind === 'free') {
          if (groups.length === 0) continue;
          const group = groups[o.pick % groups.length];
          for (let i = 0; i < group.length; i += o.every) {
            const g = group[i];
            if (g.freed) continue;
            heap.markFree(g.span!, g.slot, g.tiny);
            g.freed = true;
          }
        } else if (o.kind === 'gc') {
          heap.gc();
          for (const [key, v] of live) {
            const span = heap.spans.get(v.spanId);
            if (!span || span.alloc[v.slot] !== 1) live.delete(key);
          }
        } else {
          heap.scavenge(o.bytes);
        }
        assert.deepEqual(heap.check(), []);
        const m = heap.memStats();
        assert.ok(m.Sys >= m.HeapInuse);
        assert.ok(m.Sys >= prevSys, 'the heap never unmaps, so Sys never drops');
        prevSys = m.Sys;
      }
    }), { numRuns: 150 });
  });

  it('runs the benchmark kernel fast (lead target: ≥ 2 million small mallocs/s)', () => {
    benchMallocs(200000);
    const n = 1000000;
    const t0 = process.hrtime.bigint();
    const heap = benchMallocs(n);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    assert.equal(heap.memStats().Mallocs, n);
    assert.deepEqual(heap.check(), []);
    const rate = n / secs;
    console.log(`      ${Math.round(rate).toLocaleString('en')} small mallocs/s`);
    assert.ok(rate > 500000, `only ${Math.round(rate)} mallocs/s`);
  });
});

describe('alloc: scenarios, presets and CLI', () => {
  it('has the preset ids the notes link to, each tied to a note heading, and each runs cleanly', () => {
    assert.deepEqual(PRESETS.map((p) => p.id), [...SIMULATOR_PRESET_IDS.alloc]);
    for (const preset of PRESETS) {
      assert.ok((NOTE_SLUGS as readonly string[]).includes(preset.slug));
      const sim = run(presetScenarioText(preset));
      for (const lang of ['en', 'zh-cn'] as const) {
        for (const e of sim.events) {
          const lines = narrate(lang, e);
          assert.ok(lines.length > 0 && lines.every((l) => l.length > 0 && !/\{\d\}/.test(l)), `${preset.id} ${e.op}`);
        }
      }
    }
  });

  it('shows fragmentation: GC halves HeapAlloc but not HeapInuse when every other node dies', () => {
    const sim = new Simulation((parseScenario(presetScenarioText(PRESETS.find((p) => p.id === 'fragmentation-gc')!)) as { ok: true; scenario: never }).scenario);
    for (let i = 0; i < 2; i++) sim.step();
    const before = sim.heap.memStats();
    for (let i = 0; i < 3; i++) sim.step();
    const after = sim.heap.memStats();
    const nodeSpans = Math.ceil(2000 / 170);
    assert.equal(after.HeapInuse, nodeSpans * 8192);
    assert.ok(before.HeapInuse > after.HeapInuse);
    assert.equal(after.HeapAlloc, 1000 * 48);
    assert.ok(sim.heap.fragmentation().freeSlotBytes >= 1000 * 48);
    const next = sim.step();
    assert.ok(next.ok && next.event.op === 'malloc' && next.event.sources!.mheap === 0 && next.event.sources!.mcentral > 0);
  });

  it('follows growslice in the growing-slice preset', () => {
    const sizes = growingSliceOps(2000).filter((o) => 'malloc' in o).map((o) => o.malloc);
    assert.deepEqual(sizes.slice(0, 10), [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
    assert.equal(sizes[10], 6656, '512 + (512 + 768) / 4 = 832 elements');
    assert.equal(sizes[11], (848 + ((848 + 768) >> 2)) * 8, 'capacity rounded up to the 6784 B class first');
  });

  it('validates scenarios and names the op at fault', () => {
    const bad: [unknown, RegExp][] = [
      [[], /object/], [{ ops: 1 }, /"ops"/], [{ procs: 9, ops: [] }, /procs/],
      [{ ops: [{ malloc: 0 }] }, /op 0 \(malloc\): size/], [{ ops: [{ malloc: 8 }, { malloc: 8, p: 1 }] }, /op 1 \(malloc\): "p"/],
      [{ ops: [{ free: 'x' }] }, /op 0 \(free\)/], [{ ops: [{ gc: true, malloc: 3 }] }, /op 0: needs exactly one/],
      [{ ops: [{ malloc: 8, as: 'a' }, { malloc: 8, as: 'a' }] }, /op 1 \(malloc\): the name "a"/], [{ ops: [{ malloc: 8, colour: 1 }] }, /unknown field "colour"/],
      [{ ops: [{ scavenge: 'all' }] }, /op 0 \(scavenge\)/], [{ ops: [{ malloc: 8, count: 100001 }] }, /count/],
    ];
    for (const [value, re] of bad) {
      const r = parseScenario(JSON.stringify(value));
      assert.ok(!r.ok && re.test(r.error), `${JSON.stringify(value)} → ${r.ok ? 'ok' : r.error}`);
    }
    assert.ok(!parseScenario('{').ok);
    assert.ok(!parseScenario(' '.repeat(300000)).ok);
    const twice = runScenario((parseScenario(JSON.stringify({ ops: [{ malloc: 8, as: 'a' }, { free: 'a' }, { free: 'a' }] })) as { ok: true; scenario: never }).scenario);
    assert.ok(!twice.ok && /^op 2 \(free\): "a" was already freed/.test(twice.error));
    const tooBig = runScenario((parseScenario(JSON.stringify({ ops: [{ malloc: 500 << 20 }, { malloc: 500 << 20 }, { malloc: 500 << 20 }] })) as { ok: true; scenario: never }).scenario);
    assert.ok(!tooBig.ok && /^op 2 \(malloc\): out of simulated address space/.test(tooBig.error));
  });

  it('prints the issue\'s example trace and the size-class table', () => {
    const io = fakeIo({ 's.json': fixture('issue-example.alloc.json') });
    assert.equal(runAllocCli(['s.json'], io), 0);
    const trace = JSON.parse(io.stdout);
    assert.equal(trace.go, 'Go 1.22 linux/amd64');
    assert.deepEqual(trace.events.map((e: { op: string }) => e.op), ['malloc', 'malloc', 'free', 'gc', 'scavenge']);
    assert.deepEqual({ ...trace.events[0], grow: undefined }, {
      op: 'malloc', as: 'a', size: 24, noscan: true, p: 0, class: 3, elemSize: 24, spanClass: 7, header: false, tiny: false, source: 'os',
      span: { id: 1, startPage: 0, pages: 1, objects: 341 }, slot: 0, address: '0xc000000000', refill: 'empty', grow: undefined,
    });
    assert.equal(trace.events[1].class, 0);
    assert.equal(trace.events[1].pages, 5);
    assert.equal(trace.events[1].spanClass, 0);
    assert.deepEqual(Object.keys(trace).slice(-2), ['memStats', 'fragmentation']);
    assert.equal(trace.memStats.HeapInuse, 5 * 8192);
    assert.equal(trace.memStats.Mallocs, 2);
    assert.equal(trace.memStats.Frees, 1);

    const table = fakeIo();
    assert.equal(runAllocCli(['--size-classes'], table), 0);
    const rows = JSON.parse(table.stdout);
    assert.equal(rows.length, 67);
    assert.deepEqual(Object.keys(rows[0]).slice(0, 4), ['class', 'size', 'pages', 'objects']);

    const preset = fakeIo();
    assert.equal(runAllocCli(['--preset', 'two-ps'], preset), 0);
    assert.equal(JSON.parse(preset.stdout).procs, 2);
  });

  it('exits 2 with a message naming the problem', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[], {}, /missing scenario/], [['nope.json'], {}, /cannot read nope.json/], [['--bogus'], {}, /unknown option/],
      [['x.json'], { 'x.json': '{"ops":[{"malloc":24},{"free":"b"}]}' }, /x\.json: op 1 \(free\)/], [['--preset', 'nope'], {}, /--preset needs/],
      [['--size-classes', 'x'], {}, /unexpected argument/],
    ];
    for (const [args, files, re] of cases) {
      const io = fakeIo(files);
      assert.equal(runAllocCli(args, io), 2, args.join(' '));
      assert.match(io.stderr, re);
      assert.equal(io.stdout, '');
    }
  });

  it('builds a 100 000-allocation replay scenario that runs within the limits', () => {
    const text = replayScenarioText(100000);
    const parsed = parseScenario(text);
    assert.ok(parsed.ok);
    const total = parsed.scenario.ops.reduce((n, o) => n + (o.kind === 'malloc' ? o.count : 0), 0);
    assert.equal(total, 100000);
    const sim = new Simulation(parsed.scenario);
    let frames = 0;
    while (!sim.done) {
      const r = sim.advance(2000);
      assert.ok(r.ok);
      frames++;
    }
    assert.ok(frames >= 50);
    assert.deepEqual(sim.heap.check(), []);
  });
});

describe('alloc: narration', () => {
  it('narrates the fast path, a refill, a new span and a new arena as the issue describes', () => {
    const sim = run(JSON.stringify({ ops: [{ malloc: 24, noscan: true }, { malloc: 24, noscan: true, count: 16 }, { malloc: 24, noscan: true }, { malloc: 24, noscan: true, count: 323 }, { malloc: 24, noscan: true }] }));
    const fast = narrate('en', sim.events[2]);
    assert.deepEqual(fast.slice(0, 2), ['24 B noscan → class 3 (24 B), span class 7', 'P0\'s mcache span 1 has a free slot #17 — no lock taken']);
    const first = narrate('en', sim.events[0]).join('\n');
    assert.match(first, /mcache has no span for span class 7 yet → refill from mcentral\[7\]/);
    assert.match(first, /reserve 1 new 64 MB arena\(s\) from the OS/);
    const refill = narrate('en', sim.events[4]).join('\n');
    assert.match(refill, /span for span class 7 is full → refill from mcentral\[7\]/);
    assert.match(refill, /mcentral\[7\] has no span with free slots → mheap \(takes mheap.lock\) allocates a 1-page span 2 at page 1/);
    assert.match(narrate('zh-cn', sim.events[2]).join(), /无需加锁/);
    const header = narrate('en', (run(JSON.stringify({ ops: [{ malloc: 1024 }] })).events[0]))[0];
    assert.equal(header, '1024 B with pointers > 512 B → + 8 B malloc header = 1032 B → class 33 (1152 B), span class 66');
  });
});

describe('alloc: strings', () => {
  it('has the same keys in both languages and no empty strings', () => {
    assert.deepEqual(Object.keys(STRINGS['zh-cn']).sort(), Object.keys(STRINGS.en).sort());
    for (const table of [STRINGS.en, STRINGS['zh-cn']]) for (const [k, v] of Object.entries(table)) assert.ok(v.trim().length > 0, k);
    for (const k of Object.keys(STRINGS.en) as (keyof typeof STRINGS.en)[]) {
      const holes = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join();
      assert.equal(holes(STRINGS['zh-cn'][k]), holes(STRINGS.en[k]), `placeholders of ${k}`);
    }
    assert.equal(t('en', 'pLabel', 3), 'P3');
    for (const p of PRESETS) assert.ok(t('zh-cn', `preset.${p.id}.title` as keyof typeof STRINGS.en).length > 0);
  });

  it('states pages as idle or released consistently with the page map', () => {
    const heap = new Heap(1);
    heap.malloc(100000, true, 0);
    heap.markFree(heap.last.span, 0, false);
    heap.gc();
    let idle = 0, released = 0;
    for (let i = 0; i < heap.mappedPages; i++) { if (heap.pageState[i] === PAGE_IDLE) idle++; if (heap.pageState[i] === PAGE_RELEASED) released++; }
    assert.equal(idle, 13);
    assert.equal(released, 512 - 13);
    heap.scavenge(8192 * 5);
    assert.equal(heap.memStats().HeapReleased, (512 - 8) * 8192);
  });
});
