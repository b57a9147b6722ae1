/**
 * The script format shared by the CLI, the panel and the presets: one statement per line;
 * `T1: <statement>;` runs in session T1 (letters and digits); a line without a prefix runs in its
 * own autocommit session (setup); `--` starts a comment.
 */
import { MvccEngine, type SimEvent, type EngineOptions } from './engine';
import { parseStatement, SqlError, type IsolationLevel, type Statement } from './sql';

export const MAX_SCRIPT_CHARS = 256 * 1024;
export const MAX_SCRIPT_STATEMENTS = 100_000;

export interface ScriptStep {
  readonly line: number;
  readonly session: string | null;
  readonly sql: string;
  readonly stmt: Statement;
}

export type ParseResult = { readonly ok: true; readonly steps: readonly ScriptStep[] } | { readonly ok: false; readonly line: number; readonly col: number; readonly message: string };

const PREFIX = /^([A-Za-z0-9]+)[ \t]*:/;

/** Removes a `--` comment that is not inside a quoted string. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '-' && text[i + 1] === '-') return text.slice(0, i);
    else if (c === '#') return text.slice(0, i);
  }
  return text;
}

export function parseScript(text: string): ParseResult {
  if (text.length > MAX_SCRIPT_CHARS) return { ok: false, line: 1, col: 1, message: `script is larger than ${MAX_SCRIPT_CHARS} characters` };
  const steps: ScriptStep[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const body = stripComment(raw);
    if (body.trim() === '') continue;
    let session: string | null = null;
    let offset = 0;
    const m = PREFIX.exec(body.trimStart());
    const lead = body.length - body.trimStart().length;
    if (m) {
      session = m[1];
      offset = lead + m[0].length;
    } else offset = lead;
    const stmtText = body.slice(offset);
    const trimmedStart = stmtText.length - stmtText.trimStart().length;
    try {
      const stmt = parseStatement(stmtText.trim(), n + 1, offset + trimmedStart + 1);
      const sql = stmtText.trim().replace(/;\s*$/, '').trim();
      steps.push({ line: n + 1, session, sql, stmt });
    } catch (e) {
      if (e instanceof SqlError) return { ok: false, line: e.pos.line, col: e.pos.col, message: e.message };
      throw e;
    }
    if (steps.length > MAX_SCRIPT_STATEMENTS) return { ok: false, line: n + 1, col: 1, message: `more than ${MAX_SCRIPT_STATEMENTS} statements` };
  }
  return { ok: true, steps };
}

export interface RunOptions extends EngineOptions {
  readonly isolation?: IsolationLevel;
  /** Run only the first `limit` steps (the panel's step/undo re-runs to k). */
  readonly limit?: number;
  /** Let blocked statements time out at the end (what the CLI does). Default true. */
  readonly finish?: boolean;
}

export interface RunResult {
  readonly engine: MvccEngine;
  readonly events: readonly SimEvent[];
  /** For each step, the events it caused (the step's own result and any it woke up). */
  readonly perStep: readonly (readonly SimEvent[])[];
}

/** Runs parsed steps on a fresh engine. */
export function runSteps(steps: readonly ScriptStep[], options: RunOptions = {}): RunResult {
  const engine = new MvccEngine({ defaultLevel: options.isolation ?? options.defaultLevel, trace: options.trace });
  const events: SimEvent[] = [];
  const perStep: SimEvent[][] = [];
  const n = Math.min(steps.length, options.limit ?? steps.length);
  for (let i = 0; i < n; i++) {
    const s = steps[i];
    const evs = engine.submit(s.session, s.stmt, { line: s.line, sql: s.sql });
    perStep.push(evs);
    for (const e of evs) events.push(e);
  }
  if (options.finish ?? true) {
    const evs = engine.finish();
    if (evs.length) perStep.push(evs);
    for (const e of evs) events.push(e);
  }
  return { engine, events, perStep };
}

/** Parses and runs a script text (the benchmark entry point). Throws on an invalid script. */
export function runScript(text: string, options: RunOptions = {}): RunResult {
  const parsed = parseScript(text);
  if (!parsed.ok) throw new Error(`line ${parsed.line}:${parsed.col}: ${parsed.message}`);
  return runSteps(parsed.steps, options);
}

/** The CLI's JSON shape of one event. */
export function eventJson(e: SimEvent): Record<string, unknown> {
  const o: Record<string, unknown> = { line: e.line, session: e.session, sql: e.sql, status: e.status };
  if (e.status === 'ok' || e.status === 'resumed') {
    if (e.columns) {
      o.columns = e.columns;
      o.rows = e.rows;
    }
    o.affected = e.affected ?? 0;
  } else if (e.status === 'error') {
    o.errno = e.errno;
    o.error = e.error;
  } else {
    o.waitingFor = e.waitingFor ?? null;
    if (e.waitLock) o.lock = `${e.waitLock.lockMode} on ${e.waitLock.table} (${e.waitLock.lockData})`;
  }
  if (e.time > 0) o.time = e.time;
  return o;
}
