/**
 * Runs a scenario's steps against a RaftSim as virtual time passes, plus extra actions the panel
 * user took at given times. Everything is deterministic: the same scenario, seed and actions give
 * the same run, so the panel scrubs the timeline by re-running up to the wanted time.
 */
import { RaftSim, type TraceEvent, type TraceLevel } from './engine';
import { DEFAULT_CONFIG, type RaftConfig, type Scenario, type Step } from './scenario';

/** An instantaneous step the user took in the panel at virtual time `at`. */
export interface TimedAction {
  readonly at: number;
  readonly step: Step;
}

export interface RunnerOptions {
  trace?: TraceLevel;
  onEvent?: (e: TraceEvent) => void;
  actions?: readonly TimedAction[];
}

export interface StepFailure {
  readonly step: number;
  readonly reason: string;
}

interface AcceptedRequest { index: number; term: number; value: string }

/** Events processed per advance call at most (keeps one call bounded even with absurd settings). */
const EVENT_BUDGET = 5_000_000;

export class ScenarioRunner {
  readonly sim: RaftSim;
  readonly scenario: Scenario;
  readonly actions: TimedAction[];
  /** Index of the next scenario step. */
  cursor = 0;
  failed: StepFailure | undefined;
  /** Where each executed step happened (for writing the session back as a scenario). */
  readonly executed: TimedAction[] = [];
  readonly accepted: AcceptedRequest[] = [];
  private actionCursor = 0;
  private runTarget: number | undefined;
  private untilDeadline: number | undefined;
  private dirty = true;

  constructor(scenario: Scenario, options: RunnerOptions = {}) {
    this.scenario = scenario;
    this.actions = [...(options.actions ?? [])].sort((a, b) => a.at - b.at);
    const onEvent = options.onEvent;
    this.sim = new RaftSim(scenario, {
      trace: options.trace,
      onEvent: (e) => {
        if (e.type !== 'send' && e.type !== 'deliver' && e.type !== 'drop') this.dirty = true;
        onEvent?.(e);
      },
    });
  }

  get now(): number { return this.sim.now; }
  get scriptDone(): boolean { return this.cursor >= this.scenario.steps.length; }

  /** Applies one instantaneous step now. */
  apply(step: Step): void {
    const sim = this.sim;
    this.executed.push({ at: sim.now, step });
    if ('request' in step) {
      const e = sim.request(step.request, step.to);
      if (e.accepted && e.index !== undefined && e.term !== undefined) this.accepted.push({ index: e.index, term: e.term, value: e.value });
    } else if ('crash' in step) sim.crash(step.crash);
    else if ('restart' in step) sim.restart(step.restart);
    else if ('partition' in step) sim.partition(step.partition);
    else if ('heal' in step) sim.heal();
    else if ('timeout' in step) sim.timeout(step.timeout);
    else if ('dropLink' in step) sim.dropLink(step.dropLink[0], step.dropLink[1]);
  }

  /** Forgets the user actions after the current time (before acting at an earlier moment). */
  discardFutureActions(): void {
    this.actions.length = this.actionCursor;
  }

  /** Adds a user action at the current time and applies it. */
  act(step: Step): void {
    const action = { at: this.sim.now, step };
    this.actions.splice(this.actionCursor, 0, action);
    this.actionCursor++;
    this.apply(step);
  }

  /** Runs scenario steps and the sim until virtual time `t` (or, with `scriptOnly`, until the script ends). */
  advanceTo(t: number, scriptOnly = false): void {
    const sim = this.sim;
    let budget = EVENT_BUDGET;
    for (;;) {
      // instantaneous scripted steps first, then user actions due now
      while (!this.scriptDone && this.runTarget === undefined && this.untilDeadline === undefined) {
        const step = this.scenario.steps[this.cursor];
        if ('run' in step) this.runTarget = sim.now + step.run;
        else if ('until' in step) this.untilDeadline = sim.now + step.maxMs;
        else {
          this.apply(step);
          this.cursor++;
        }
      }
      while (this.actionCursor < this.actions.length && this.actions[this.actionCursor].at <= sim.now) this.apply(this.actions[this.actionCursor++].step);
      if (scriptOnly && this.scriptDone) return;
      const nextAction = this.actionCursor < this.actions.length ? this.actions[this.actionCursor].at : Infinity;
      const boundary = Math.min(t, this.runTarget ?? Infinity, this.untilDeadline ?? Infinity, nextAction);
      if (this.untilDeadline !== undefined) {
        const step = this.scenario.steps[this.cursor] as { until: 'leader' | 'committed' };
        let done = this.checkUntil(step.until);
        while (!done && budget-- > 0 && sim.step(boundary)) done = this.checkUntil(step.until);
        if (budget <= 0) return this.fail('the event budget ran out');
        if (done) {
          this.untilDeadline = undefined;
          this.cursor++;
          continue;
        }
        if (boundary > sim.now) sim.now = boundary;
        if (sim.now >= this.untilDeadline) {
          this.untilDeadline = undefined;
          return this.fail(this.untilReason(step.until));
        }
      } else {
        const before = sim.processed;
        sim.runUntil(boundary, budget);
        budget -= sim.processed - before;
        if (budget <= 0) return this.fail('the event budget ran out');
        if (this.runTarget !== undefined && sim.now >= this.runTarget) {
          this.runTarget = undefined;
          this.cursor++;
          continue;
        }
      }
      if (boundary >= t && (this.actionCursor >= this.actions.length || this.actions[this.actionCursor].at > sim.now)) return;
      if (scriptOnly && this.scriptDone) return;
    }
  }

  private fail(reason: string): void {
    this.failed = { step: this.cursor, reason };
    this.cursor = this.scenario.steps.length;
    this.runTarget = undefined;
  }

  private checkUntil(cond: 'leader' | 'committed'): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    return cond === 'leader' ? hasStableLeader(this.sim) : this.allCommitted();
  }

  private allCommitted(): boolean {
    for (const n of this.sim.nodes) {
      if (!n.up) continue;
      for (const r of this.accepted) if (n.commitIndex < r.index || this.sim.termAt(n, r.index) !== r.term) return false;
    }
    return true;
  }

  private untilReason(cond: 'leader' | 'committed'): string {
    const step = this.scenario.steps[this.cursor] as { maxMs: number };
    if (cond === 'leader') return `until "leader": no leader followed by a majority of live nodes within ${step.maxMs} ms`;
    const lost = this.accepted.filter((r) => {
      const l = this.sim.leader();
      return l && this.sim.termAt(l, r.index) !== r.term;
    });
    const lostText = lost.length ? `; the leader's log no longer holds ${lost.map((r) => `"${r.value}" (index ${r.index}, term ${r.term})`).join(', ')}` : '';
    return `until "committed": not every accepted request was committed on every live node within ${step.maxMs} ms${lostText}`;
  }
}

/** `until: leader`: some live node is leader and a majority of live nodes are in its term (not campaigning). */
export function hasStableLeader(sim: RaftSim): boolean {
  const leader = sim.leader();
  if (!leader) return false;
  let live = 0, following = 0;
  for (const n of sim.nodes) {
    if (!n.up) continue;
    live++;
    if (n.term === leader.term && (n.role === 'follower' || n.role === 'leader')) following++;
  }
  return following * 2 > live;
}

export interface FinalNode {
  id: number;
  role: 'follower' | 'candidate' | 'leader';
  pre?: true;
  up: boolean;
  term: number;
  votedFor: number | null;
  commitIndex: number;
  log: { term: number; value: string | null }[];
}

export interface Trace {
  events: TraceEvent[];
  final: { t: number; nodes: FinalNode[]; violations: { t: number; invariant: string; detail: string }[] };
  failed?: StepFailure;
}

export function finalState(sim: RaftSim): Trace['final'] {
  return {
    t: sim.now,
    nodes: sim.nodes.map((n) => ({
      id: n.id,
      role: n.role === 'precandidate' ? 'candidate' : n.role,
      ...(n.role === 'precandidate' ? { pre: true as const } : {}),
      up: n.up,
      term: n.term,
      votedFor: n.votedFor,
      commitIndex: n.commitIndex,
      log: n.log.map((e) => ({ term: e.term, value: e.value })),
    })),
    violations: sim.violations.map((v) => ({ ...v })),
  };
}

/** Runs a whole scenario (steps only, no free running afterwards) and returns its trace. */
export function simulate(scenario: Scenario, trace: TraceLevel = 'full'): Trace {
  const runner = new ScenarioRunner(scenario, { trace });
  try {
    runner.advanceTo(Infinity, true);
  } catch (e) {
    runner.failed = { step: runner.cursor, reason: e instanceof Error ? e.message : String(e) };
  }
  return { events: runner.sim.events, final: finalState(runner.sim), ...(runner.failed ? { failed: runner.failed } : {}) };
}

/**
 * Benchmark load: a cluster (default 5 nodes) with client requests at `requestsPerSecond` to the
 * current leader for `virtualMs` of virtual time. Returns the sim (check `violations`, `processed`).
 */
export function runLoad(virtualMs: number, requestsPerSecond = 100, config: Partial<RaftConfig> = {}, trace: TraceLevel = 'none'): RaftSim {
  const sim = new RaftSim({ ...DEFAULT_CONFIG, ...config }, { trace });
  const gap = 1000 / requestsPerSecond;
  let k = 0;
  for (let t = gap; t <= virtualMs; t += gap) {
    sim.runUntil(t);
    sim.request(`k${k++}`);
  }
  sim.runUntil(virtualMs);
  return sim;
}
