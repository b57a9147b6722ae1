/**
 * `node dist/cli.js raft SCENARIO.json` (or `-` for stdin): runs the scenario and prints one JSON
 * trace. Exit 0 when every step succeeded, 1 when a step failed (an `until` that did not hold, or
 * an invariant violation — the trace is still printed), 2 on invalid input (nothing printed).
 */
import { readInput, type SimCli } from '../cliTypes';
import { parseScenario } from './scenario';
import { simulate } from './runner';

const USAGE = 'usage: raft SCENARIO.json   (or - for stdin)\n';

export const runRaftCli: SimCli = (args, io) => {
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    io.err(USAGE);
    return 2;
  }
  const text = readInput(io, args[0], 'raft');
  if (text === undefined) return 2;
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    io.err(`raft: invalid scenario: ${parsed.error}\n`);
    return 2;
  }
  const trace = simulate(parsed.scenario);
  io.out(JSON.stringify(trace) + '\n');
  if (trace.failed) io.err(`raft: steps[${trace.failed.step}] failed: ${trace.failed.reason}\n`);
  for (const v of trace.final.violations) io.err(`raft: INVARIANT VIOLATED at ${v.t} ms: ${v.invariant}: ${v.detail}\n`);
  return trace.failed || trace.final.violations.length ? 1 : 0;
};
