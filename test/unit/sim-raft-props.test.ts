import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ScenarioRunner, hasStableLeader } from '../../src/sim/raft/runner';
import { DEFAULT_CONFIG, type Step } from '../../src/sim/raft/scenario';

/** A random fault schedule for an n-node cluster: crashes, restarts, partitions, heals, link drops, requests, timeouts. */
const schedule = (n: number) => {
  const id = fc.integer({ min: 1, max: n });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 400 }).map((run) => ({ run })) },
    { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 4 }), fc.option(id, { nil: undefined })).map(([v, to]) => (to === undefined ? { request: v } : { request: v, to })) },
    { weight: 1, arbitrary: id.map((crash) => ({ crash })) },
    { weight: 1, arbitrary: id.map((restart) => ({ restart })) },
    { weight: 1, arbitrary: id.map((timeout) => ({ timeout })) },
    { weight: 1, arbitrary: fc.constant({ heal: true as const }) },
    { weight: 1, arbitrary: fc.tuple(id, id).filter(([a, b]) => a !== b).map(([a, b]) => ({ dropLink: [a, b] as [number, number] })) },
    {
      weight: 1,
      arbitrary: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }).map((g) => {
        const groups: number[][] = [[], [], []];
        g.forEach((k, i) => groups[k].push(i + 1));
        const nonEmpty = groups.filter((x) => x.length > 0);
        return nonEmpty.length >= 2 ? { partition: nonEmpty } : { heal: true as const };
      }),
    },
  );
  return fc.array(step, { minLength: 1, maxLength: 40 });
};

const options = fc.record({
  nodes: fc.integer({ min: 3, max: 7 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  preVote: fc.boolean(),
  checkQuorum: fc.boolean(),
  noopOnElection: fc.boolean(),
});

describe('raft: properties', function () {
  this.timeout(20_000);

  it('under random crashes, restarts, partitions, heals, link drops, loss and requests, the four invariants hold', () => {
    fc.assert(
      fc.property(options.chain((o) => fc.tuple(fc.constant(o), schedule(o.nodes), fc.constantFrom(0, 0.1, 0.3))), ([o, steps, lossRate]) => {
        const runner = new ScenarioRunner({ ...DEFAULT_CONFIG, ...o, lossRate, steps }, { trace: 'none' });
        runner.advanceTo(Infinity, true);
        assert.deepEqual(runner.sim.violations, []);
      }),
      { numRuns: 300 },
    );
  });

  it('after healing with every node restarted, one leader emerges and all nodes converge on the same committed log', () => {
    fc.assert(
      fc.property(options.chain((o) => fc.tuple(fc.constant(o), schedule(o.nodes))), ([o, chaos]) => {
        const restartAll: Step[] = Array.from({ length: o.nodes }, (_, i) => ({ restart: i + 1 }));
        const steps: Step[] = [...chaos, { heal: true }, ...restartAll, { until: 'leader', maxMs: 20_000 }];
        const runner = new ScenarioRunner({ ...DEFAULT_CONFIG, ...o, steps }, { trace: 'none' });
        runner.advanceTo(Infinity, true);
        const sim = runner.sim;
        // A client retries until its write commits (an accepted write can be lost if its leader is
        // deposed before committing it — that is allowed; losing a committed one is not).
        let done = false;
        for (let attempt = 0; attempt < 20 && !done; attempt++) {
          sim.request('final');
          sim.runUntil(sim.now + 500);
          const l = sim.leader();
          done = !!l && l.log.slice(0, l.commitIndex).some((e) => e.value === 'final');
        }
        sim.runUntil(sim.now + 300);
        assert.deepEqual(sim.violations, []);
        assert.equal(runner.failed, undefined, runner.failed?.reason);
        assert.ok(hasStableLeader(sim));
        assert.equal(sim.nodes.filter((n) => n.role === 'leader').length, 1, 'exactly one leader');
        const leader = sim.leader()!;
        const committed = (n: typeof leader) => JSON.stringify(n.log.slice(0, n.commitIndex).map((e) => [e.term, e.value]));
        for (const n of sim.nodes) {
          assert.ok(n.up);
          assert.equal(n.commitIndex, leader.commitIndex, `n${n.id} commit index`);
          assert.equal(committed(n), committed(leader), `n${n.id} committed log`);
        }
        assert.ok(leader.log.slice(0, leader.commitIndex).some((e) => e.value === 'final'));
      }),
      { numRuns: 200 },
    );
  });
});
