/**
 * The scenario format shared by the CLI (`node dist/cli.js raft FILE`), `*.raft.json` files and the
 * panel: a cluster configuration plus steps. Parsing never throws: it returns an error naming the
 * field or step at fault. Matches schemas/raft-scenario.schema.json.
 */
import { isRecord } from '../../shared/isRecord';

export const MIN_NODES = 3;
export const MAX_NODES = 9;
export const MAX_STEPS = 10_000;
/** Total virtual time a scenario may ask for (run + until maxMs), in ms: keeps traces bounded. */
export const MAX_SCENARIO_MS = 600_000;
export const MAX_SCENARIO_TEXT = 256 * 1024;
export const MAX_REQUEST_CHARS = 200;

export type Step =
  | { readonly run: number }
  | { readonly until: 'leader' | 'committed'; readonly maxMs: number }
  | { readonly request: string; readonly to?: number }
  | { readonly crash: number }
  | { readonly restart: number }
  | { readonly partition: readonly (readonly number[])[] }
  | { readonly heal: true }
  | { readonly timeout: number }
  | { readonly dropLink: readonly [number, number] };

export interface RaftConfig {
  readonly nodes: number;
  readonly seed: number;
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
  readonly latencyMs: readonly [number, number];
  readonly lossRate: number;
  readonly noopOnElection: boolean;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
}

export interface Scenario extends RaftConfig {
  readonly title?: string;
  readonly description?: string;
  readonly steps: readonly Step[];
}

export const DEFAULT_CONFIG: RaftConfig = {
  nodes: 5,
  seed: 7,
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  latencyMs: [10, 15],
  lossRate: 0,
  noopOnElection: true,
  preVote: false,
  checkQuorum: false,
};

export const DEFAULT_UNTIL_MS = 10_000;

export type ParseResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: string };

const TOP_FIELDS = new Set(['$schema', 'title', 'description', 'nodes', 'seed', 'electionTimeoutMs', 'heartbeatMs', 'latencyMs', 'lossRate', 'noopOnElection', 'preVote', 'checkQuorum', 'steps']);
const ACTIONS = ['run', 'until', 'request', 'crash', 'restart', 'partition', 'heal', 'timeout', 'dropLink'] as const;

class ScenarioError extends Error {}
const fail = (message: string): never => {
  throw new ScenarioError(message);
};

function finite(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`${field}: must be a number (got ${describe(v)})`);
  if (v < min || v > max) return fail(`${field}: must be between ${min} and ${max} (got ${v})`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function range(v: unknown, field: string, min: number, max: number): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) return fail(`${field}: must be [min, max] (got ${describe(v)})`);
  const lo = finite(v[0], `${field}[0]`, min, max);
  const hi = finite(v[1], `${field}[1]`, min, max);
  if (lo > hi) return fail(`${field}: min ${lo} is greater than max ${hi}`);
  return [lo, hi];
}

function bool(v: unknown, field: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') return fail(`${field}: must be true or false (got ${describe(v)})`);
  return v;
}

function nodeId(v: unknown, field: string, n: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > n) return fail(`${field}: must be a node id 1..${n} (got ${describe(v)})`);
  return v;
}

/** Validates a parsed JSON value as a scenario. */
export function validateScenario(value: unknown): ParseResult {
  try {
    return { ok: true, scenario: checkScenario(value) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: e.message };
    return { ok: false, error: `invalid scenario: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** Parses scenario text (JSON). */
export function parseScenario(text: string): ParseResult {
  if (text.length > MAX_SCENARIO_TEXT) return { ok: false, error: `scenario: larger than ${MAX_SCENARIO_TEXT} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `scenario: not valid JSON (${(e as Error).message})` };
  }
  return validateScenario(value);
}

function checkScenario(v: unknown): Scenario {
  if (!isRecord(v)) return fail(`scenario: must be a JSON object with "steps" (got ${describe(v)})`);
  for (const key of Object.keys(v)) if (!TOP_FIELDS.has(key)) fail(`${key}: unknown field (expected one of ${[...TOP_FIELDS].join(', ')})`);
  const d = DEFAULT_CONFIG;
  const nodes = v.nodes === undefined ? d.nodes : finite(v.nodes, 'nodes', MIN_NODES, MAX_NODES);
  if (!Number.isInteger(nodes)) fail(`nodes: must be an integer 3..9 (got ${nodes})`);
  const seed = v.seed === undefined ? d.seed : finite(v.seed, 'seed', -(2 ** 31), 2 ** 32 - 1);
  if (!Number.isInteger(seed)) fail(`seed: must be an integer (got ${seed})`);
  const electionTimeoutMs = v.electionTimeoutMs === undefined ? d.electionTimeoutMs : range(v.electionTimeoutMs, 'electionTimeoutMs', 1, 60_000);
  const heartbeatMs = v.heartbeatMs === undefined ? d.heartbeatMs : finite(v.heartbeatMs, 'heartbeatMs', 1, 60_000);
  if (heartbeatMs >= electionTimeoutMs[0]) fail(`heartbeatMs: must be smaller than the minimum election timeout ${electionTimeoutMs[0]} (got ${heartbeatMs})`);
  const latencyMs = v.latencyMs === undefined ? d.latencyMs : range(v.latencyMs, 'latencyMs', 0, 60_000);
  const lossRate = v.lossRate === undefined ? d.lossRate : finite(v.lossRate, 'lossRate', 0, 1);
  const title = v.title === undefined ? undefined : typeof v.title === 'string' && v.title.length <= 200 ? v.title : fail('title: must be a string of at most 200 characters');
  const description = v.description === undefined ? undefined : typeof v.description === 'string' && v.description.length <= 4000 ? v.description : fail('description: must be a string of at most 4000 characters');
  if (!Array.isArray(v.steps)) return fail(`steps: must be an array of steps (got ${describe(v.steps)})`);
  if (v.steps.length > MAX_STEPS) fail(`steps: at most ${MAX_STEPS} steps (got ${v.steps.length})`);
  let totalMs = 0;
  const steps = v.steps.map((s, i) => {
    const step = checkStep(s, `steps[${i}]`, nodes);
    if ('run' in step) totalMs += step.run;
    if ('until' in step) totalMs += step.maxMs;
    if (totalMs > MAX_SCENARIO_MS) fail(`steps[${i}]: the scenario asks for more than ${MAX_SCENARIO_MS} ms of virtual time in total`);
    return step;
  });
  return {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    nodes, seed, electionTimeoutMs, heartbeatMs, latencyMs, lossRate,
    noopOnElection: bool(v.noopOnElection, 'noopOnElection', d.noopOnElection),
    preVote: bool(v.preVote, 'preVote', d.preVote),
    checkQuorum: bool(v.checkQuorum, 'checkQuorum', d.checkQuorum),
    steps,
  };
}

function checkStep(s: unknown, at: string, n: number): Step {
  if (!isRecord(s)) return fail(`${at}: must be an object like {"run": 1000} (got ${describe(s)})`);
  const actions = ACTIONS.filter((a) => a in s);
  if (actions.length !== 1) return fail(`${at}: must have exactly one of ${ACTIONS.join(', ')} (got ${describe(Object.keys(s))})`);
  const action = actions[0];
  const allowed = new Set<string>([action, ...(action === 'until' ? ['maxMs'] : action === 'request' ? ['to'] : [])]);
  for (const key of Object.keys(s)) if (!allowed.has(key)) fail(`${at}.${key}: not allowed with "${action}"`);
  switch (action) {
    case 'run':
      return { run: finite(s.run, `${at}.run`, 0, MAX_SCENARIO_MS) };
    case 'until': {
      if (s.until !== 'leader' && s.until !== 'committed') return fail(`${at}.until: must be "leader" or "committed" (got ${describe(s.until)})`);
      const maxMs = s.maxMs === undefined ? DEFAULT_UNTIL_MS : finite(s.maxMs, `${at}.maxMs`, 0, MAX_SCENARIO_MS);
      if (maxMs <= 0) fail(`${at}.maxMs: must be greater than 0`);
      return { until: s.until, maxMs };
    }
    case 'request': {
      if (typeof s.request !== 'string' || s.request.length > MAX_REQUEST_CHARS) return fail(`${at}.request: must be a string of at most ${MAX_REQUEST_CHARS} characters`);
      return s.to === undefined ? { request: s.request } : { request: s.request, to: nodeId(s.to, `${at}.to`, n) };
    }
    case 'crash':
      return { crash: nodeId(s.crash, `${at}.crash`, n) };
    case 'restart':
      return { restart: nodeId(s.restart, `${at}.restart`, n) };
    case 'timeout':
      return { timeout: nodeId(s.timeout, `${at}.timeout`, n) };
    case 'heal':
      if (s.heal !== true) fail(`${at}.heal: must be true`);
      return { heal: true };
    case 'dropLink': {
      const v = s.dropLink;
      if (!Array.isArray(v) || v.length !== 2) return fail(`${at}.dropLink: must be two node ids [a, b]`);
      const a = nodeId(v[0], `${at}.dropLink[0]`, n);
      const b = nodeId(v[1], `${at}.dropLink[1]`, n);
      if (a === b) fail(`${at}.dropLink: the two nodes must differ`);
      return { dropLink: [a, b] };
    }
    case 'partition': {
      const v = s.partition;
      if (!Array.isArray(v) || v.length < 2) return fail(`${at}.partition: must be at least two groups of node ids, e.g. [[1,2,3],[4,5]]`);
      const seen = new Set<number>();
      const groups = v.map((g, gi) => {
        if (!Array.isArray(g) || g.length === 0) return fail(`${at}.partition[${gi}]: must be a non-empty array of node ids`);
        return g.map((id, k) => {
          const x = nodeId(id, `${at}.partition[${gi}][${k}]`, n);
          if (seen.has(x)) fail(`${at}.partition[${gi}][${k}]: node ${x} is in two groups`);
          seen.add(x);
          return x;
        });
      });
      return { partition: groups };
    }
  }
  return fail(`${at}: unknown step`);
}

/** The scenario as pretty JSON (defaults written out, so the file is self-describing). */
export function scenarioToText(s: Scenario): string {
  const out: Record<string, unknown> = {};
  if (s.title !== undefined) out.title = s.title;
  if (s.description !== undefined) out.description = s.description;
  Object.assign(out, {
    nodes: s.nodes, seed: s.seed, electionTimeoutMs: s.electionTimeoutMs, heartbeatMs: s.heartbeatMs, latencyMs: s.latencyMs,
    lossRate: s.lossRate, noopOnElection: s.noopOnElection, preVote: s.preVote, checkQuorum: s.checkQuorum,
  });
  const steps = s.steps.map((st) => JSON.stringify(st));
  return JSON.stringify(out, null, 2).replace(/\n}$/, `,\n  "steps": [\n    ${steps.join(',\n    ')}\n  ]\n}\n`);
}
