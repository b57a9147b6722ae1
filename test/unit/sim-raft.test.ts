import * as assert from 'node:assert/strict';
import { RaftSim, type TraceEvent } from '../../src/sim/raft/engine';
import { runRaftCli } from '../../src/sim/raft/cli';
import { narrate } from '../../src/sim/raft/narrate';
import { PRESETS, PRESET_IDS, presetById } from '../../src/sim/raft/presets';
import { ScenarioRunner, hasStableLeader, runLoad, simulate, type Trace } from '../../src/sim/raft/runner';
import { DEFAULT_CONFIG, parseScenario, scenarioToText, validateScenario, type Scenario, type Step } from '../../src/sim/raft/scenario';
import { STRINGS } from '../../src/sim/raft/strings';
import { SIMULATOR_PRESET_IDS } from './simPresets';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, whether this file runs from out/test/unit or from a bundle elsewhere. */
const ROOT = [path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../..'), process.cwd()].find((p) => fs.existsSync(path.join(p, 'notes/en/raft.md'))) ?? process.cwd();

const scenario = (steps: Step[], extra: Partial<Scenario> = {}): Scenario => ({ ...DEFAULT_CONFIG, ...extra, steps });
const of = <K extends TraceEvent['type']>(tr: Trace, type: K) => tr.events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);
const preset = (id: string, extra: Partial<Scenario> = {}): Trace => simulate({ ...presetById(id)!.scenario, ...extra });

function runCli(args: string[], files: Record<string, string> = {}) {
  let out = '', err = '';
  const status = runRaftCli(args, {
    out: (s) => { out += s; },
    err: (s) => { err += s; },
    readText: (p) => {
      if (p in files) return files[p];
      throw new Error(`cannot read ${p}`);
    },
  });
  return { status, out, err };
}

/** Rebuilds every node's log from the trace's append/truncate events. */
function rebuildLogs(tr: Trace, n: number): { term: number; value: string | null }[][] {
  const logs: { term: number; value: string | null }[][] = Array.from({ length: n + 1 }, () => []);
  for (const e of tr.events) {
    if (e.type === 'append') {
      assert.equal(e.index, logs[e.node].length + 1, `append at ${e.t} to n${e.node} is not at the end`);
      logs[e.node].push({ term: e.term, value: e.value });
    } else if (e.type === 'truncate') logs[e.node].length = e.fromIndex - 1;
  }
  return logs;
}

/** Election Safety and one-vote-per-term, checked from a trace. */
function assertTraceSafety(tr: Trace): void {
  const leaders = new Map<number, number>();
  for (const e of of(tr, 'leader')) {
    assert.ok(!leaders.has(e.term) || leaders.get(e.term) === e.node, `two leaders in term ${e.term}`);
    leaders.set(e.term, e.node);
  }
  const votes = new Map<string, number>();
  for (const e of of(tr, 'vote')) {
    if (!e.granted || e.pre) continue;
    const key = `${e.node}:${e.term}`;
    assert.ok(!votes.has(key) || votes.get(key) === e.candidate, `n${e.node} voted twice in term ${e.term}`);
    votes.set(key, e.candidate);
  }
  assert.deepEqual(tr.final.violations, []);
}

describe('raft: scenario parsing', () => {
  it('accepts the documented example with defaults filled in', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/raft/basic.raft.json'), 'utf8');
    const r = parseScenario(text);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.scenario.steps.length, 11);
    const minimal = validateScenario({ steps: [] });
    assert.ok(minimal.ok);
    assert.deepEqual({ ...minimal.scenario, steps: undefined }, { ...DEFAULT_CONFIG, steps: undefined });
  });

  const bad: [unknown, RegExp][] = [
    [[], /scenario: must be a JSON object/],
    [{}, /steps: must be an array/],
    [{ steps: [], nodes: 2 }, /nodes: must be between 3 and 9/],
    [{ steps: [], nodes: 4.5 }, /nodes: must be an integer/],
    [{ steps: [], electionTimeoutMs: [300, 150] }, /electionTimeoutMs: min 300 is greater than max 150/],
    [{ steps: [], heartbeatMs: 200 }, /heartbeatMs: must be smaller than the minimum election timeout/],
    [{ steps: [], lossRate: 2 }, /lossRate: must be between 0 and 1/],
    [{ steps: [], preVote: 'yes' }, /preVote: must be true or false/],
    [{ steps: [], bogus: 1 }, /bogus: unknown field/],
    [{ steps: [{ run: 10 }, { crash: 7 }] }, /steps\[1\]\.crash: must be a node id 1\.\.5/],
    [{ steps: [{ run: 10, crash: 1 }] }, /steps\[0\]: must have exactly one of/],
    [{ steps: [{ until: 'forever' }] }, /steps\[0\]\.until: must be "leader" or "committed"/],
    [{ steps: [{ request: 'x', to: 0 }] }, /steps\[0\]\.to: must be a node id/],
    [{ steps: [{ crash: 1, to: 2 }] }, /steps\[0\]\.to: not allowed with "crash"/],
    [{ steps: [{ partition: [[1, 2], [2, 3]] }] }, /steps\[0\]\.partition\[1\]\[0\]: node 2 is in two groups/],
    [{ steps: [{ partition: [[1, 2, 3, 4, 5]] }] }, /steps\[0\]\.partition: must be at least two groups/],
    [{ steps: [{ dropLink: [1, 1] }] }, /steps\[0\]\.dropLink: the two nodes must differ/],
    [{ steps: [{ heal: false }] }, /steps\[0\]\.heal: must be true/],
    [{ steps: [{ run: 400_000 }, { run: 400_000 }] }, /steps\[1\]: the scenario asks for more than/],
  ];
  for (const [value, pattern] of bad) {
    it(`rejects ${JSON.stringify(value).slice(0, 60)}`, () => {
      const r = validateScenario(value);
      assert.ok(!r.ok);
      assert.match(r.error, pattern);
    });
  }

  it('round-trips through scenarioToText', () => {
    for (const p of PRESETS) {
      const r = parseScenario(scenarioToText(p.scenario));
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(r.scenario, p.scenario);
    }
  });

  it('refuses oversized text and broken JSON', () => {
    assert.match((parseScenario('x'.repeat(300_000)) as { error: string }).error, /larger than/);
    assert.match((parseScenario('{"steps": [') as { error: string }).error, /not valid JSON/);
  });
});

describe('raft: §5 rules', () => {
  it('is deterministic: same scenario and seed give the same trace, another seed a different one', () => {
    const s = presetById('partition')!.scenario;
    assert.equal(JSON.stringify(simulate(s)), JSON.stringify(simulate(s)));
    assert.notEqual(JSON.stringify(simulate({ ...s, seed: 8 })), JSON.stringify(simulate(s)));
  });

  it('elects one leader with a majority of votes; every node grants at most one vote per term', () => {
    const tr = simulate(scenario([{ until: 'leader', maxMs: 5000 }, { run: 500 }]));
    assertTraceSafety(tr);
    const leader = of(tr, 'leader')[0];
    const granted = of(tr, 'vote').filter((v) => v.granted && v.candidate === leader.node && v.term === leader.term);
    assert.ok(granted.length + 1 >= 3, 'leader needs 3 of 5 votes (its own included)');
    assert.equal(tr.final.nodes.filter((n) => n.role === 'leader').length, 1);
    assert.ok(tr.final.nodes.every((n) => n.term === leader.term));
  });

  it('randomized timeouts fall inside the configured range', () => {
    const sim = new RaftSim({ ...DEFAULT_CONFIG, electionTimeoutMs: [400, 500] });
    for (const n of sim.nodes) assert.ok(n.electionDeadline >= 400 && n.electionDeadline <= 500, String(n.electionDeadline));
    sim.runUntil(399);
    assert.ok(sim.nodes.every((n) => n.role === 'follower' && n.term === 0));
  });

  it('vote granting: a candidate whose log is behind is rejected (up-to-date check)', () => {
    // n5 misses two committed entries, then times out: the others refuse because their logs are newer.
    const tr = simulate(scenario([
      { until: 'leader', maxMs: 5000 }, { partition: [[1, 2, 3, 4], [5]] }, { request: 'a' }, { request: 'b' },
      { run: 100 }, { crash: 1 }, { heal: true }, { timeout: 5 }, { run: 60 },
    ]));
    const fromN5 = of(tr, 'vote').filter((v) => v.candidate === 5 && v.t > of(tr, 'heal')[0].t && !v.pre);
    assert.ok(fromN5.length >= 3);
    assert.ok(fromN5.every((v) => !v.granted && v.reason === 'log'), JSON.stringify(fromN5));
    assert.ok(!of(tr, 'leader').some((e) => e.node === 5));
    assertTraceSafety(tr);
  });

  it('a request to a follower is rejected with a hint naming the leader', () => {
    const tr = preset('replication');
    const rejected = of(tr, 'request').find((r) => !r.accepted);
    assert.deepEqual({ ...rejected, t: 0 }, { t: 0, type: 'request', node: 2, value: 'w=4', accepted: false, reason: 'not-leader', leaderHint: 1 });
  });

  it('log matching: a follower with a conflicting suffix truncates it and copies the leader’s entries', () => {
    const tr = preset('partition');
    const trunc = of(tr, 'truncate');
    assert.deepEqual(trunc.map((e) => [e.node, e.fromIndex]).sort(), [[1, 3], [2, 3]]);
    const logs = tr.final.nodes.map((n) => JSON.stringify(n.log));
    assert.equal(new Set(logs).size, 1);
  });

  it('fast back-off: a long divergent tail is repaired with a few rejections, not one per entry', () => {
    const steps: Step[] = [{ until: 'leader', maxMs: 5000 }, { request: 'x' }, { until: 'committed', maxMs: 2000 }, { partition: [[1, 2], [3, 4, 5]] }];
    for (let i = 0; i < 40; i++) steps.push({ request: `stale${i}`, to: 1 });
    steps.push({ run: 1000 }, { request: 'fresh' }, { run: 200 }, { heal: true }, { run: 1000 });
    const tr = simulate(scenario(steps));
    const rejects = of(tr, 'send').filter((e) => e.msg === 'AppendResp' && e.detail.startsWith('reject') && (e.from === 1 || e.from === 2));
    assert.ok(rejects.length <= 6, `${rejects.length} rejections`);
    const logs = new Set(tr.final.nodes.map((n) => JSON.stringify(n.log)));
    assert.equal(logs.size, 1);
    assert.ok(!tr.final.nodes[0].log.some((e) => e.value?.startsWith('stale')));
    assertTraceSafety(tr);
  });

  it('commit rule: an old-term entry on a majority is not committed by counting (Figure 8)', () => {
    const tr = preset('figure8');
    const withheld = of(tr, 'withheld');
    assert.ok(withheld.some((w) => w.node === 1 && w.index === 1 && w.term === 1 && w.currentTerm === 3), JSON.stringify(withheld));
    // n1 never commits "a" although it reached n2, n3 and n4; n5 later overwrites it.
    assert.ok(!of(tr, 'commit').some((c) => c.index >= 1 && c.t < of(tr, 'leader').find((l) => l.node === 5 && l.term === 4)!.t));
    for (const id of [2, 3, 4]) assert.ok(of(tr, 'truncate').some((e) => e.node === id && e.fromIndex === 1));
    for (const n of tr.final.nodes.filter((x) => x.up)) assert.deepEqual(n.log, [{ term: 2, value: 'b' }]);
    assertTraceSafety(tr);
  });

  it('commit rule: with the no-op entry, the new leader commits earlier entries right away', () => {
    const tr = preset('figure8', { noopOnElection: true });
    assertTraceSafety(tr);
    const commits = of(tr, 'commit').filter((c) => c.by);
    assert.ok(commits.length > 0);
  });

  it('step-down on a higher term: a stale leader becomes a follower when it sees the new term', () => {
    const tr = preset('partition');
    const stepDown = of(tr, 'follower').find((f) => f.node === 1 && f.t > of(tr, 'heal')[0].t);
    assert.ok(stepDown && stepDown.term === 2 && stepDown.reason === 'term');
    // while partitioned the stale leader accepted y=2 but could not commit it
    assert.ok(of(tr, 'request').some((r) => r.value === 'y=2' && r.accepted && r.node === 1));
    assert.ok(!of(tr, 'commit').some((c) => c.node === 1 && c.index >= 3 && c.t < of(tr, 'heal')[0].t));
  });

  it('persistent state survives a crash; the volatile commit index does not', () => {
    const runner = new ScenarioRunner(scenario([{ until: 'leader', maxMs: 5000 }, { request: 'x' }, { until: 'committed', maxMs: 2000 }, { run: 100 }]));
    runner.advanceTo(Infinity, true);
    const sim = runner.sim;
    const n3 = sim.node(3);
    const before = { term: n3.term, votedFor: n3.votedFor, log: [...n3.log] };
    assert.ok(n3.commitIndex > 0);
    sim.crash(3);
    sim.restart(3);
    assert.deepEqual({ term: n3.term, votedFor: n3.votedFor, log: n3.log }, before);
    assert.equal(n3.commitIndex, 0);
    assert.equal(n3.role, 'follower');
    sim.runUntil(sim.now + 200);
    assert.equal(n3.commitIndex, sim.leader()!.commitIndex);
  });

  it('a stopped node receives nothing and a restarted leader does not keep leading', () => {
    const tr = preset('leader-crash');
    assertTraceSafety(tr);
    const leaders = of(tr, 'leader');
    assert.equal(leaders[0].node, 1);
    assert.ok(leaders.some((l) => l.node !== 1 && l.term > leaders[0].term));
    const n1 = tr.final.nodes[0];
    assert.equal(n1.role, 'follower');
    assert.ok(n1.up);
    assert.deepEqual(n1.log, tr.final.nodes[1].log);
    assert.ok(of(tr, 'drop').some((d) => d.to === 1 && d.reason === 'down'));
  });

  it('PreVote: an isolated node does not inflate its term; without it, it disrupts the leader on return', () => {
    const off = preset('prevote');
    const on = preset('prevote', { preVote: true });
    const heal = (tr: Trace) => of(tr, 'heal')[0].t;
    assert.ok(off.final.nodes[4].term >= 5, 'n5 inflated its term');
    assert.ok(of(off, 'leader').some((l) => l.t > heal(off)), 'a new election followed the rejoin');
    assert.equal(on.final.nodes[4].term, 1);
    assert.ok(!of(on, 'leader').some((l) => l.t > heal(on)), 'no election after the rejoin');
    assert.ok(of(on, 'candidate').some((c) => c.node === 5 && c.pre));
    assert.equal(on.final.nodes[0].role, 'leader');
    assertTraceSafety(off);
    assertTraceSafety(on);
  });

  it('CheckQuorum: a leader cut off from the majority steps down; followers in a lease ignore vote requests', () => {
    const tr = simulate(scenario([{ until: 'leader', maxMs: 5000 }, { partition: [[1, 2], [3, 4, 5]] }, { run: 600 }], { checkQuorum: true }));
    assert.ok(of(tr, 'follower').some((f) => f.node === 1 && f.reason === 'quorum'));
    const lease = simulate(scenario([{ until: 'leader', maxMs: 5000 }, { run: 100 }, { timeout: 4 }, { run: 100 }], { checkQuorum: true }));
    assert.ok(of(lease, 'vote').filter((v) => v.candidate === 4).every((v) => v.reason === 'lease'));
    assert.ok(of(lease, 'vote').some((v) => v.candidate === 4));
    // etcd (raft.go, Step): with CheckQuorum alone the candidate answers the leader's append with its
    // higher term and the leader steps down anyway; with PreVote too the term never rises.
    const both = simulate(scenario([{ until: 'leader', maxMs: 5000 }, { run: 100 }, { timeout: 4 }, { run: 300 }], { checkQuorum: true, preVote: true }));
    assert.ok(of(both, 'vote').filter((v) => v.candidate === 4).every((v) => v.reason === 'lease' && v.pre));
    assert.equal(both.final.nodes[0].role, 'leader');
    assert.ok(both.final.nodes.every((n) => n.term === both.final.nodes[0].term));
    const noLease = simulate(scenario([{ until: 'leader', maxMs: 5000 }, { run: 100 }, { timeout: 4 }, { run: 100 }]));
    assert.notEqual(noLease.final.nodes[0].role, 'leader', 'without CheckQuorum the forced election deposes n1');
  });

  it('the invariant monitor reports violations (it can fail)', () => {
    const runner = new ScenarioRunner(scenario([{ until: 'leader', maxMs: 5000 }, { request: 'x' }, { until: 'committed', maxMs: 2000 }]));
    runner.advanceTo(Infinity, true);
    const sim = runner.sim as unknown as { becomeLeader(n: unknown): void; appendEntry(n: unknown, e: unknown): void; truncate(n: unknown, i: number): void; setCommit(n: unknown, i: number): void; violations: { invariant: string }[]; node(id: number): { term: number; log: unknown[] } };
    sim.becomeLeader(sim.node(2));
    assert.ok(sim.violations.some((v) => v.invariant === 'ElectionSafety'));
    const n3 = sim.node(3);
    sim.truncate(n3, 2);
    sim.appendEntry(n3, { term: 1, value: 'forged', id: 9999 });
    assert.ok(sim.violations.some((v) => v.invariant === 'LogMatching'));
    (n3 as unknown as { commitIndex: number }).commitIndex = 1;
    sim.setCommit(n3, 2);
    assert.ok(sim.violations.some((v) => v.invariant === 'StateMachineSafety'));
  });

  it('until fails the scenario after maxMs with a clear reason', () => {
    const tr = simulate(scenario([{ partition: [[1, 2], [3, 4], [5]] }, { until: 'leader', maxMs: 1000 }, { crash: 1 }]));
    assert.deepEqual(tr.failed?.step, 1);
    assert.match(tr.failed!.reason, /no leader/);
    assert.equal(of(tr, 'crash').length, 0, 'later steps do not run');
  });

  it('hasStableLeader needs a majority of live nodes in the leader’s term', () => {
    const sim = new RaftSim(DEFAULT_CONFIG);
    assert.equal(hasStableLeader(sim), false);
    sim.runUntil(1000);
    assert.equal(hasStableLeader(sim), true);
  });

  it('runs the benchmark load with no violations and keeps committing', () => {
    const sim = runLoad(5000, 100);
    const leader = sim.leader()!;
    assert.deepEqual(sim.violations, []);
    assert.ok(leader.commitIndex > 450, String(leader.commitIndex));
  });
});

describe('raft: presets', () => {
  it('has exactly the agreed preset ids', () => {
    assert.deepEqual([...PRESET_IDS], SIMULATOR_PRESET_IDS.raft);
    assert.deepEqual(PRESETS.map((p) => p.id), [...PRESET_IDS]);
  });

  it('every preset runs to completion, satisfies safety, and links a real note heading', () => {
    const note = fs.readFileSync(path.join(ROOT, 'notes/en/raft.md'), 'utf8');
    for (const p of PRESETS) {
      const tr = simulate(p.scenario);
      assert.equal(tr.failed, undefined, `${p.id}: ${tr.failed?.reason}`);
      assertTraceSafety(tr);
      assert.ok(note.includes(`{#${p.slug}}`), `${p.id}: slug ${p.slug}`);
    }
  });

  it('election: one leader, everybody in its term', () => {
    const tr = preset('election');
    assert.equal(tr.final.nodes.filter((n) => n.role === 'leader').length, 1);
    assert.equal(new Set(tr.final.nodes.map((n) => n.term)).size, 1);
  });

  it('split-vote: nobody wins the first term; a later term elects a leader', () => {
    const tr = preset('split-vote');
    const firstTerm = of(tr, 'candidate').filter((c) => c.term === 1);
    assert.equal(firstTerm.length, 3);
    assert.ok(!of(tr, 'leader').some((l) => l.term === 1));
    assert.ok(of(tr, 'follower').some((f) => f.reason === 'lost' || f.term > 1));
    const leader = of(tr, 'leader')[0];
    assert.ok(leader.term >= 2);
  });

  it('replication: every node holds the same committed log with all accepted requests', () => {
    const tr = preset('replication');
    const values = of(tr, 'request').filter((r) => r.accepted).map((r) => r.value);
    assert.deepEqual(values, ['x=1', 'y=2', 'z=3']);
    for (const n of tr.final.nodes) {
      assert.deepEqual(n.log.map((e) => e.value), [null, 'x=1', 'y=2', 'z=3']);
      assert.equal(n.commitIndex, 4);
    }
  });

  it('leader-crash: the write committed before the crash survives under the new leader', () => {
    const tr = preset('leader-crash');
    const leader = tr.final.nodes.find((n) => n.role === 'leader')!;
    assert.notEqual(leader.id, 1);
    assert.ok(leader.log.some((e) => e.value === 'x=1') && leader.log.some((e) => e.value === 'y=2'));
    assert.ok(tr.final.nodes.every((n) => n.commitIndex === leader.commitIndex));
  });

  it('partition: the majority commits, the minority cannot, healing converges', () => {
    const tr = preset('partition');
    const heal = of(tr, 'heal')[0].t;
    const newLeader = of(tr, 'leader').find((l) => l.node !== 1)!;
    assert.ok([3, 4, 5].includes(newLeader.node) && newLeader.t < heal);
    assert.ok(of(tr, 'commit').some((c) => c.by && c.node === newLeader.node && c.t < heal));
    for (const n of tr.final.nodes) {
      assert.deepEqual(n.log.map((e) => e.value), [null, 'x=1', null, 'z=3']);
      assert.equal(n.commitIndex, 4);
    }
  });

  it('figure8 and prevote are covered by the §5 rule tests above', () => {
    assert.equal(preset('figure8').failed, undefined);
    assert.equal(preset('prevote', { preVote: true, checkQuorum: true }).failed, undefined);
  });
});

describe('raft: strings and narration', () => {
  it('both languages have the same keys and no empty strings', () => {
    assert.deepEqual(Object.keys(STRINGS['zh-cn']).sort(), Object.keys(STRINGS.en).sort());
    for (const lang of ['en', 'zh-cn'] as const) for (const [k, v] of Object.entries(STRINGS[lang])) assert.ok(v.trim().length > 0, `${lang}.${k}`);
    for (const id of PRESET_IDS) assert.ok(`preset.${id}.title` in STRINGS.en && `preset.${id}.body` in STRINGS.en, id);
  });

  it('narrates the events of every preset in both languages without placeholders', () => {
    for (const p of PRESETS) {
      const tr = simulate(p.scenario);
      for (const lang of ['en', 'zh-cn'] as const) {
        for (const e of tr.events) {
          const text = narrate(lang, e);
          if (e.type === 'send' || e.type === 'deliver' || e.type === 'drop') assert.equal(text, undefined);
          else if (text !== undefined) assert.doesNotMatch(text, /\{\d\}|undefined|NaN/, text);
        }
      }
    }
    const sample = simulate(scenario([{ until: 'leader', maxMs: 5000 }]));
    const c = of(sample, 'candidate')[0];
    assert.equal(narrate('en', c), `n${c.node}’s election timer fired: term ${c.term}, asks for votes`);
    assert.match(narrate('en', { t: 0, type: 'commit', node: 1, index: 7, by: [1, 2, 4] })!, /entry 7 committed on a majority \(n1, n2, n4\)/);
    assert.equal(narrate('en', { t: 0, type: 'vote', node: 1, candidate: 5, term: 3, granted: false, reason: 'log' }), 'n1 rejects n5: its own log is more up to date');
  });
});

describe('raft: CLI', () => {
  it('prints a trace whose logs can be rebuilt from append/truncate events and match final', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/raft/basic.raft.json'), 'utf8');
    const { status, out, err } = runCli(['s.json'], { 's.json': text });
    assert.equal(status, 0, err);
    const tr = JSON.parse(out) as Trace;
    const logs = rebuildLogs(tr, 5);
    for (const n of tr.final.nodes) assert.deepEqual(logs[n.id], n.log, `n${n.id}`);
    for (const type of ['candidate', 'leader', 'append', 'commit', 'request', 'follower', 'vote', 'crash', 'restart', 'partition', 'heal', 'send', 'deliver', 'drop']) {
      assert.ok(tr.events.some((e) => e.type === type), type);
    }
    for (let i = 1; i < tr.events.length; i++) assert.ok(tr.events[i].t >= tr.events[i - 1].t, 'events are in time order');
    const n1 = tr.final.nodes[0];
    assert.deepEqual(Object.keys(n1).sort(), ['commitIndex', 'id', 'log', 'role', 'term', 'up', 'votedFor']);
  });

  it('rebuilds logs for every preset too (truncations included)', () => {
    for (const p of PRESETS) {
      const { status, out } = runCli(['-'], { '-': scenarioToText(p.scenario) });
      assert.equal(status, 0, p.id);
      const tr = JSON.parse(out) as Trace;
      const logs = rebuildLogs(tr, p.scenario.nodes);
      for (const n of tr.final.nodes) assert.deepEqual(logs[n.id], n.log, `${p.id} n${n.id}`);
    }
  });

  it('exits 2 naming the field or step on invalid input, printing nothing on stdout', () => {
    const cases: [string, RegExp][] = [
      ['{"steps": [{"run": 10}, {"crash": 9}]}', /steps\[1\]\.crash/],
      ['{"nodes": 12, "steps": []}', /nodes/],
      ['{"steps": [{"jump": 1}]}', /steps\[0\]: must have exactly one of/],
      ['not json', /not valid JSON/],
    ];
    for (const [text, pattern] of cases) {
      const r = runCli(['x.json'], { 'x.json': text });
      assert.equal(r.status, 2, text);
      assert.equal(r.out, '');
      assert.match(r.err, pattern);
    }
    const missing = runCli(['nope.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.err, /cannot read nope\.json/);
    assert.equal(runCli([]).status, 2);
    assert.equal(runCli(['a', 'b']).status, 2);
  });

  it('exits 1 with the trace and a reason when an until step fails', () => {
    const r = runCli(['x'], { x: '{"steps": [{"partition": [[1,2],[3,4],[5]]}, {"until": "leader", "maxMs": 500}]}' });
    assert.equal(r.status, 1);
    const tr = JSON.parse(r.out) as Trace;
    assert.equal(tr.failed?.step, 1);
    assert.match(r.err, /steps\[1\] failed/);
  });
});
