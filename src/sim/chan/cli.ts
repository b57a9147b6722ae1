/**
 * `chan PROGRAM.go [--seed N] [--runs K] [--max-steps S]`: runs a Go program in the simulator and
 * prints JSON. outcome is "exit", "panic", "deadlock", or "fatal" for other fatal runtime errors
 * (e.g. "sync: unlock of unlocked mutex"), which are not panics and cannot be recovered. One run: {"stdout","outcome","exitCode","message","events"}; with --runs K:
 * {"outcomes":[{"stdout","outcome","exitCode","message","count","seed"}]}. Unsupported or invalid
 * programs exit with status 2 and `line:col` messages on stderr. English only.
 */
import { readInput, type SimCli } from '../cliTypes';
import { narrate } from './strings';
import { runParsed, tryParseProgram, whatCanItPrint } from './run';

const USAGE = 'usage: chan PROGRAM.go [--seed N] [--runs K] [--max-steps S]\n';
const MAX_RUNS = 100_000;
const MAX_EVENTS = 10_000;

function intFlag(name: string, value: string | undefined, min: number, max: number, io: { err(s: string): void }): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) { io.err(`chan: ${name} needs an integer\n${USAGE}`); return undefined; }
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) { io.err(`chan: ${name} must be between ${min} and ${max}\n`); return undefined; }
  return n;
}

export const runChanCli: SimCli = (args, io) => {
  let file: string | undefined;
  let seed = 1;
  let runs: number | undefined;
  let maxSteps = 2_000_000;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--seed' || a === '--runs' || a === '--max-steps') {
      const v = intFlag(a, args[++i], a === '--seed' ? 0 : 1, a === '--seed' ? 0xffffffff : a === '--runs' ? MAX_RUNS : 100_000_000, io);
      if (v === undefined) return 2;
      if (a === '--seed') seed = v; else if (a === '--runs') runs = v; else maxSteps = v;
    } else if (a === '-h' || a === '--help') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      io.err(`chan: unknown option ${a}\n${USAGE}`);
      return 2;
    } else if (file === undefined) file = a;
    else { io.err(`chan: unexpected argument ${a}\n${USAGE}`); return 2; }
  }
  if (file === undefined) { io.err(`chan: missing PROGRAM.go\n${USAGE}`); return 2; }
  const source = readInput(io, file, 'chan');
  if (source === undefined) return 2;
  const parsed = tryParseProgram(source);
  if (!parsed.ok) { io.err(`${file}:${parsed.error}\n`); return 2; }
  if (runs !== undefined) {
    const outcomes = whatCanItPrint(parsed.program, runs, seed, maxSteps);
    const bad = outcomes.find((o) => o.outcome === 'error' || o.outcome === 'budget');
    if (bad) { io.err(`${bad.outcome === 'error' ? `${file}:` : `${file}: `}${bad.message} (seed ${bad.seed})\n`); return 2; }
    io.out(JSON.stringify({ outcomes: outcomes.map((o) => ({ stdout: o.stdout, outcome: o.outcome, exitCode: o.exitCode, message: o.message, count: o.count, seed: o.seed })) }) + '\n');
    return 0;
  }
  const r = runParsed(parsed.program, { seed, maxSteps, trace: true, maxEvents: MAX_EVENTS });
  if (r.outcome === 'error') { io.err(`${file}:${r.message}\n`); return 2; }
  if (r.outcome === 'budget') { io.err(`${file}: ${r.message}\n`); return 2; }
  io.out(JSON.stringify({
    stdout: r.stdout, outcome: r.outcome, exitCode: r.exitCode, message: r.message,
    events: r.events.map((e) => ({ step: e.step, g: e.g, line: e.line, kind: e.kind, ch: e.ch, args: e.args, text: narrate('en', e) })),
  }) + '\n');
  return 0;
};
