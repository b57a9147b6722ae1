/** `mvcc SCRIPT.sql [--isolation LEVEL]`: runs a script and prints its events as JSON. */
import { readInput, type SimCli } from '../cliTypes';
import { eventJson, parseScript, runSteps } from './script';
import { parseIsolationLevel, type IsolationLevel } from './sql';

const USAGE = 'usage: mvcc SCRIPT.sql [--isolation READ-UNCOMMITTED|READ-COMMITTED|REPEATABLE-READ|SERIALIZABLE]\n';

export const runMvccCli: SimCli = (args, io) => {
  let file: string | undefined;
  let isolation: IsolationLevel = 'REPEATABLE READ';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    }
    if (a === '--isolation' || a.startsWith('--isolation=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      const level = value === undefined ? undefined : parseIsolationLevel(value);
      if (!level) {
        io.err(`mvcc: --isolation: expected READ-UNCOMMITTED, READ-COMMITTED, REPEATABLE-READ or SERIALIZABLE, got ${value === undefined ? 'nothing' : JSON.stringify(value)}\n`);
        return 2;
      }
      isolation = level;
      continue;
    }
    if (a.startsWith('--')) {
      io.err(`mvcc: unknown option ${a}\n${USAGE}`);
      return 2;
    }
    if (file !== undefined) {
      io.err(`mvcc: only one script file, got ${JSON.stringify(file)} and ${JSON.stringify(a)}\n`);
      return 2;
    }
    file = a;
  }
  if (file === undefined) {
    io.err(`mvcc: missing SCRIPT.sql\n${USAGE}`);
    return 2;
  }
  const text = readInput(io, file, 'mvcc');
  if (text === undefined) return 2;
  const parsed = parseScript(text);
  if (!parsed.ok) {
    io.err(`mvcc: ${file}: line ${parsed.line}:${parsed.col}: ${parsed.message}\n`);
    return 2;
  }
  const { events } = runSteps(parsed.steps, { isolation });
  // One event per line: easy to diff and to read, still one JSON array.
  io.out(events.length === 0 ? '[]\n' : '[\n' + events.map((e) => JSON.stringify(eventJson(e))).join(',\n') + '\n]\n');
  return 0;
};
