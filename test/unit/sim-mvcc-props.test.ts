import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SimEvent, Value } from '../../src/sim/mvcc/engine';
import { parseScript, runScript, runSteps, type ScriptStep } from '../../src/sim/mvcc/script';
import { ISOLATION_LEVELS, type IsolationLevel } from '../../src/sim/mvcc/sql';

const SETUP = 'CREATE TABLE t (id INT PRIMARY KEY, v INT);\nINSERT INTO t VALUES (1, 0), (3, 0), (5, 0);\n';

type Op = { kind: 'sel'; id: number } | { kind: 'selAll' } | { kind: 'selFU'; id: number } | { kind: 'set'; id: number } | { kind: 'inc'; id: number } | { kind: 'ins'; id: number } | { kind: 'del'; id: number } | { kind: 'range'; lo: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('sel' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('selAll' as const) }),
  fc.record({ kind: fc.constant('selFU' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('inc' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('ins' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('del' as const), id: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('range' as const), lo: fc.integer({ min: 0, max: 6 }) }),
);
const trxArb = fc.record({ ops: fc.array(opArb, { minLength: 1, maxLength: 4 }), end: fc.constantFrom('COMMIT', 'COMMIT', 'ROLLBACK') });
const workloadArb = fc.record({
  trxs: fc.array(trxArb, { minLength: 2, maxLength: 3 }),
  order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
});

/** Builds an interleaved script; every write uses a unique marker value (multiples of 1000, so increments never make one). */
function build(w: { trxs: { ops: Op[]; end: string }[]; order: number[] }): string {
  let marker = 0;
  const queues = w.trxs.map((trx, i) => {
    const s = `S${i + 1}`;
    const lines = [`${s}: BEGIN;`];
    for (const op of trx.ops) {
      switch (op.kind) {
        case 'sel': lines.push(`${s}: SELECT * FROM t WHERE id = ${op.id};`); break;
        case 'selAll': lines.push(`${s}: SELECT * FROM t;`); break;
        case 'selFU': lines.push(`${s}: SELECT * FROM t WHERE id = ${op.id} FOR UPDATE;`); break;
        case 'set': lines.push(`${s}: UPDATE t SET v = ${(marker += 1000)} WHERE id = ${op.id};`); break;
        case 'inc': lines.push(`${s}: UPDATE t SET v = v + 1 WHERE id = ${op.id};`); break;
        case 'ins': lines.push(`${s}: INSERT INTO t VALUES (${op.id}, ${(marker += 1000)});`); break;
        case 'del': lines.push(`${s}: DELETE FROM t WHERE id = ${op.id};`); break;
        case 'range': lines.push(`${s}: SELECT * FROM t WHERE id > ${op.lo};`); break;
      }
    }
    lines.push(`${s}: ${trx.end};`);
    return lines;
  });
  const out: string[] = [];
  let k = 0;
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    const q = live[(w.order[k++ % w.order.length] + k) % live.length];
    out.push(q.shift()!);
  }
  return SETUP + out.join('\n') + '\n';
}

interface Unit { readonly steps: ScriptStep[]; readonly reads: (readonly (readonly Value[])[])[]; readonly trx: boolean; readonly events: SimEvent[] }

/** Groups what actually took effect into units (transactions and autocommit statements) in commit order. */
function committedUnits(steps: readonly ScriptStep[], events: readonly SimEvent[]): Unit[] {
  const byLine = new Map(steps.map((s) => [s.line, s]));
  const open = new Map<string, Unit>();
  const done: Unit[] = [];
  for (const e of events) {
    if (e.session === null || e.status === 'blocked') continue;
    const step = byLine.get(e.line)!;
    const cur = open.get(e.session);
    if (e.status === 'error') {
      if (e.errno === 1213) open.delete(e.session);
      continue;
    }
    switch (step.stmt.kind) {
      case 'begin':
        open.set(e.session, { steps: [], reads: [], trx: true, events: [] });
        break;
      case 'commit':
        if (cur) done.push(cur);
        open.delete(e.session);
        break;
      case 'rollback':
        open.delete(e.session);
        break;
      default: {
        const unit = cur ?? { steps: [], reads: [], trx: false, events: [] };
        unit.steps.push(step);
        unit.events.push(e);
        if (e.rows) unit.reads.push(e.rows);
        if (!cur) done.push(unit);
      }
    }
  }
  return done;
}

function finalRows(events: readonly SimEvent[]): readonly (readonly Value[])[] {
  return events[events.length - 1].rows!;
}

describe('mvcc: property tests', () => {
  it('SERIALIZABLE: every interleaving equals running the committed transactions serially in commit order (or errors)', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const script = build(w) + 'SELECT * FROM t;\n';
        const parsed = parseScript(script);
        assert.ok(parsed.ok);
        const { events } = runSteps(parsed.steps, { isolation: 'SERIALIZABLE' });
        const units = committedUnits(parsed.steps.slice(0, -1), events.slice(0, -1));
        // Serial replay in commit order on a fresh database, one session.
        const serial: ScriptStep[] = parseScript(SETUP).ok ? [...(parseScript(SETUP) as unknown as { steps: ScriptStep[] }).steps] : [];
        const begin = (parseScript('X: BEGIN;') as unknown as { steps: ScriptStep[] }).steps[0];
        const commit = (parseScript('X: COMMIT;') as unknown as { steps: ScriptStep[] }).steps[0];
        for (const u of units) {
          if (u.trx) serial.push(begin);
          for (const s of u.steps) serial.push({ ...s, session: 'X' });
          if (u.trx) serial.push(commit);
        }
        serial.push({ ...parsed.steps[parsed.steps.length - 1], session: null });
        const replay = runSteps(serial, { isolation: 'SERIALIZABLE' }).events;
        assert.ok(replay.every((e) => e.status === 'ok' || e.errno === 1062), `serial replay failed:\n${script}`);
        const replayReads = replay.filter((e) => e.session === 'X' && e.rows).map((e) => e.rows);
        assert.deepEqual(replayReads, units.flatMap((u) => u.reads), `reads differ from the serial order:\n${script}`);
        assert.deepEqual(finalRows(events), finalRows(replay), `final state differs:\n${script}`);
      }),
      { numRuns: 150 },
    );
  });

  for (const level of ISOLATION_LEVELS) {
    it(`${level}: committed writes are never lost and rolled-back writes are never visible`, () => {
      fc.assert(
        fc.property(workloadArb, (w) => {
          const script = build(w) + 'SELECT * FROM t;\n';
          const parsed = parseScript(script);
          assert.ok(parsed.ok);
          const { events } = runSteps(parsed.steps, { isolation: level as IsolationLevel });
          const units = committedUnits(parsed.steps.slice(0, -1), events.slice(0, -1));
          const committedMarkers = new Set<number>();
          for (const u of units) for (const s of u.steps) for (const m of s.sql.matchAll(/\b([1-9]\d*000)\b/g)) committedMarkers.add(Number(m[1]));
          const allMarkers = new Set<number>();
          for (const m of script.matchAll(/\b([1-9]\d*000)\b/g)) allMarkers.add(Number(m[1]));
          const final = finalRows(events);
          // No value in the final table comes from a write that did not commit.
          for (const row of final) {
            const v = row[1] as number;
            if (v >= 1000) assert.ok(committedMarkers.has(v) || !allMarkers.has(v), `uncommitted marker ${v} in final state:\n${script}`);
          }
          // Each row ends with the last committed write that took effect on it (writes to one row are
          // serialized by X locks held to commit), unless an increment makes the value derived.
          const byLine = new Map(parsed.steps.map((st) => [st.line, st]));
          const last = new Map<number, { seq: number; value: number | null; inc: boolean }>();
          for (const u of units) {
            for (const e of u.events) {
              const st = byLine.get(e.line)!;
              const m = /^(UPDATE t SET v = (v \+ 1|\d+)|DELETE FROM t|INSERT INTO t VALUES \((\d+), (\d+)\))(?: WHERE id = (\d+))?/.exec(st.sql);
              if (!m || !(e.affected! > 0)) continue;
              const id = Number(m[3] ?? m[5]);
              const value = m[0].startsWith('DELETE') ? null : m[4] !== undefined ? Number(m[4]) : m[2] === 'v + 1' ? -1 : Number(m[2]);
              const prev = last.get(id);
              if (!prev || prev.seq < e.seq) last.set(id, { seq: e.seq, value, inc: value === -1 || (prev?.inc ?? false) });
            }
          }
          for (const [id, w] of last) {
            if (w.inc) continue;
            const row = final.find((r) => r[0] === id);
            if (w.value === null) assert.equal(row, undefined, `row ${id} should be deleted:\n${script}`);
            else assert.equal(row?.[1], w.value, `row ${id} lost its committed write ${w.value}:\n${script}`);
          }
          // Except at READ UNCOMMITTED, no session reads another's uncommitted or rolled-back marker.
          if (level !== 'READ UNCOMMITTED') {
            for (const e of events) {
              if (!e.rows || e.session === null) continue;
              for (const row of e.rows) {
                const v = row[1] as number;
                if (v >= 1000 && allMarkers.has(v) && !committedMarkers.has(v)) {
                  const own = parsed.steps.some((s) => s.session === e.session && s.sql.includes(String(v)));
                  assert.ok(own, `${e.session} read uncommitted marker ${v} (line ${e.line}):\n${script}`);
                }
              }
            }
          }
        }),
        { numRuns: 100 },
      );
    });
  }

  it('never throws on arbitrary text: a script is parsed or refused with a line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseScript(text);
        if (!r.ok) assert.ok(r.line >= 1 && r.col >= 1 && r.message.length > 0);
        else runScript(text);
      }),
      { numRuns: 300 },
    );
  });
});
