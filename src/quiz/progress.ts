import { PROGRESS_VERSION, type CardPhase, type CardState, type Grade, type Progress, type ReviewRecord } from './types';
import { isRecord } from '../shared/isRecord';

/** Stored quiz progress: creation, recording, validation/migration, pruning, export/import, merge. Pure: no `vscode`. */

/** The log keeps only the most recent records so the synced state stays small. */
export const MAX_LOG_RECORDS = 20_000;
export const EXPORT_KIND = 'interview-prep-progress';

const PHASES: readonly CardPhase[] = ['new', 'learning', 'review', 'relearning'];
const GRADES: readonly Grade[] = ['again', 'hard', 'good', 'easy'];
/** At most this many individual problems are spelled out in a message. */
const MAX_DETAILS = 5;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, cards: {}, log: [] };
}

/** A new state with the card replaced and the record appended (oldest records dropped beyond the bound). */
export function recordReview(progress: Progress, record: ReviewRecord, card: CardState): Progress {
  return {
    version: PROGRESS_VERSION,
    cards: { ...progress.cards, [record.questionId]: card },
    log: boundLog([...progress.log, record]),
  };
}

function boundLog(log: readonly ReviewRecord[]): readonly ReviewRecord[] {
  return log.length > MAX_LOG_RECORDS ? log.slice(log.length - MAX_LOG_RECORDS) : log;
}

// ---------------------------------------------------------------------------------------------
// Loading: validation and migration

/**
 * Version 1, written by an earlier release: ts-fsrs numbers as they were.
 * `{ version: 1, cards: { [id]: { due: epochMs, stability, difficulty, reps, lapses, state: 0|1|2|3, last?: epochMs } },
 *    history?: [{ id, t: epochMs, g: 1|2|3|4 }] }`
 */
export interface ProgressV1 {
  readonly version: 1;
  readonly cards: Readonly<Record<string, { due: number; stability: number; difficulty: number; reps: number; lapses: number; state: 0 | 1 | 2 | 3; last?: number }>>;
  readonly history?: ReadonlyArray<{ id: string; t: number; g: 1 | 2 | 3 | 4 }>;
}

/**
 * Reads a stored state of any known version. Never throws. `undefined`/`null` is a fresh start.
 * Unreadable state → a fresh state and `problem`; individually bad cards or log records are
 * dropped (the rest kept) and reported in `problem`.
 */
export function loadProgress(raw: unknown): { progress: Progress; problem?: string } {
  if (raw === undefined || raw === null) return { progress: emptyProgress() };
  try {
    if (!isRecord(raw)) return fresh('it is not an object');
    if (raw.version === PROGRESS_VERSION) return loadCurrent(raw);
    if (raw.version === 1) return loadV1(raw);
    return fresh(`unknown version ${describe(raw.version)}`);
  } catch (err) {
    // Defensive only: validation does not throw on JSON-like input.
    return fresh(`it could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

function fresh(reason: string): { progress: Progress; problem: string } {
  return { progress: emptyProgress(), problem: `The saved quiz progress was reset because ${reason}.` };
}

function loadCurrent(raw: Record<string, unknown>): { progress: Progress; problem?: string } {
  if (!isRecord(raw.cards)) return fresh('"cards" is not an object');
  if (raw.log !== undefined && !Array.isArray(raw.log)) return fresh('"log" is not a list');
  const issues = new Issues();
  const cards: [string, CardState][] = [];
  for (const [id, value] of Object.entries(raw.cards)) {
    const checked = checkCard(value);
    if (typeof checked === 'string') issues.card(id, checked);
    else cards.push([id, checked]);
  }
  const log: ReviewRecord[] = [];
  ((raw.log as unknown[] | undefined) ?? []).forEach((value, index) => {
    const checked = checkRecord(value);
    if (typeof checked === 'string') issues.record(index, checked);
    else log.push(checked);
  });
  return withIssues({ version: PROGRESS_VERSION, cards: Object.fromEntries(cards), log: boundLog(log) }, issues);
}

function checkCard(value: unknown): CardState | string {
  if (!isRecord(value)) return 'not an object';
  const due = isoDate(value.due);
  if (due === undefined) return '"due" is not a valid date';
  if (!isNonNegative(value.stability)) return '"stability" must be a non-negative number';
  if (!isNonNegative(value.difficulty)) return '"difficulty" must be a non-negative number';
  if (!isNonNegative(value.elapsedDays)) return '"elapsedDays" must be a non-negative number';
  if (!isNonNegative(value.scheduledDays)) return '"scheduledDays" must be a non-negative number';
  if (!isCount(value.learningSteps)) return '"learningSteps" must be a whole number ≥ 0';
  if (!isCount(value.reps)) return '"reps" must be a whole number ≥ 0';
  if (!isCount(value.lapses)) return '"lapses" must be a whole number ≥ 0';
  if (!PHASES.includes(value.phase as CardPhase)) return `"phase" must be one of ${PHASES.join(', ')}`;
  const lastReview = value.lastReview === undefined ? undefined : isoDate(value.lastReview);
  if (value.lastReview !== undefined && lastReview === undefined) return '"lastReview" is not a valid date';
  return {
    due,
    stability: value.stability + 0,
    difficulty: value.difficulty + 0,
    elapsedDays: value.elapsedDays + 0,
    scheduledDays: value.scheduledDays + 0,
    learningSteps: value.learningSteps + 0,
    reps: value.reps + 0,
    lapses: value.lapses + 0,
    phase: value.phase as CardPhase,
    ...(lastReview === undefined ? {} : { lastReview }),
  };
}

function checkRecord(value: unknown): ReviewRecord | string {
  if (!isRecord(value)) return 'not an object';
  if (typeof value.questionId !== 'string' || value.questionId === '') return '"questionId" must be non-empty text';
  const at = isoDate(value.at);
  if (at === undefined) return '"at" is not a valid date';
  if (!GRADES.includes(value.grade as Grade)) return `"grade" must be one of ${GRADES.join(', ')}`;
  if (value.correct !== undefined && typeof value.correct !== 'boolean') return '"correct" must be true or false';
  if (value.elapsedMs !== undefined && !isNonNegative(value.elapsedMs)) return '"elapsedMs" must be a non-negative number';
  return {
    questionId: value.questionId,
    at,
    grade: value.grade as Grade,
    ...(value.correct === undefined ? {} : { correct: value.correct }),
    ...(value.elapsedMs === undefined ? {} : { elapsedMs: value.elapsedMs }),
  };
}

const DAY_MS = 86_400_000;

function loadV1(raw: Record<string, unknown>): { progress: Progress; problem?: string } {
  if (!isRecord(raw.cards)) return fresh('"cards" is not an object');
  if (raw.history !== undefined && !Array.isArray(raw.history)) return fresh('"history" is not a list');
  const issues = new Issues();
  const cards: [string, CardState][] = [];
  for (const [id, value] of Object.entries(raw.cards)) {
    const migrated = migrateCardV1(value);
    if (typeof migrated === 'string') issues.card(id, migrated);
    else cards.push([id, migrated]);
  }
  const log: ReviewRecord[] = [];
  ((raw.history as unknown[] | undefined) ?? []).forEach((value, index) => {
    const at = isRecord(value) ? epochToIso(value.t) : undefined;
    if (!isRecord(value)) issues.record(index, 'not an object');
    else if (typeof value.id !== 'string' || value.id === '') issues.record(index, '"id" must be non-empty text');
    else if (at === undefined) issues.record(index, '"t" is not a valid time');
    else if (!isCount(value.g) || value.g < 1 || value.g > 4) issues.record(index, '"g" must be 1, 2, 3 or 4');
    else log.push({ questionId: value.id, at, grade: GRADES[value.g - 1] /* g = 1..4 */ });
  });
  log.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return withIssues({ version: PROGRESS_VERSION, cards: Object.fromEntries(cards), log: boundLog(log) }, issues);
}

function migrateCardV1(value: unknown): CardState | string {
  if (!isRecord(value)) return 'not an object';
  const due = epochToIso(value.due);
  if (due === undefined) return '"due" is not a valid time';
  if (!isNonNegative(value.stability)) return '"stability" must be a non-negative number';
  if (!isNonNegative(value.difficulty)) return '"difficulty" must be a non-negative number';
  if (!isCount(value.reps)) return '"reps" must be a whole number ≥ 0';
  if (!isCount(value.lapses)) return '"lapses" must be a whole number ≥ 0';
  if (!isCount(value.state) || value.state > 3) return '"state" must be 0, 1, 2 or 3';
  const lastReview = value.last === undefined ? undefined : epochToIso(value.last);
  if (value.last !== undefined && lastReview === undefined) return '"last" is not a valid time';
  // v1 did not store the interval: derive it from the last review and the due time.
  const scheduledDays = lastReview === undefined ? 0 : Math.max(0, Math.round((value.due as number - (value.last as number)) / DAY_MS));
  return {
    due,
    stability: value.stability + 0,
    difficulty: value.difficulty + 0,
    elapsedDays: 0,
    scheduledDays,
    learningSteps: 0,
    reps: value.reps + 0,
    lapses: value.lapses + 0,
    phase: PHASES[value.state] /* state = 0..3, the ts-fsrs order */,
    ...(lastReview === undefined ? {} : { lastReview }),
  };
}

/** Collects dropped cards and log records for one message. */
class Issues {
  private readonly details: string[] = [];
  private cards = 0;
  private records = 0;
  card(id: string, reason: string): void {
    this.cards++;
    this.details.push(`card "${id}": ${reason}`);
  }
  record(index: number, reason: string): void {
    this.records++;
    this.details.push(`log record #${index + 1}: ${reason}`);
  }
  message(): string | undefined {
    if (this.details.length === 0) return undefined;
    const counts = [
      this.cards > 0 ? `${this.cards} invalid card${this.cards === 1 ? '' : 's'}` : '',
      this.records > 0 ? `${this.records} invalid log record${this.records === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    const more = this.details.length > MAX_DETAILS ? `; and ${this.details.length - MAX_DETAILS} more` : '';
    return `Dropped ${counts.join(' and ')} from the saved quiz progress (${this.details.slice(0, MAX_DETAILS).join('; ')}${more}).`;
  }
}

function withIssues(progress: Progress, issues: Issues): { progress: Progress; problem?: string } {
  const problem = issues.message();
  return problem === undefined ? { progress } : { progress, problem };
}

/** Numbers pass as `x + 0` so that a stored -0 loads as 0, as a JSON round trip would give. */
function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const ISO_DATE_TIME = /^[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** The canonical ISO form of an ISO-8601 date-time string, or undefined when it is not one. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function epochToIso(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// Pruning, export/import, merge

/** Drops the cards of questions no longer in the bank (the log is kept). Returns the same object when nothing changes. */
export function pruneProgress(progress: Progress, knownQuestionIds: ReadonlySet<string>): Progress {
  const ids = Object.keys(progress.cards);
  if (ids.every((id) => knownQuestionIds.has(id))) return progress;
  const cards = Object.fromEntries(Object.entries(progress.cards).filter(([id]) => knownQuestionIds.has(id)));
  return { version: PROGRESS_VERSION, cards, log: progress.log };
}

/** The export file: `{ kind, exportedAt, progress }` as indented JSON. */
export function exportProgress(progress: Progress, now: Date): string {
  return `${JSON.stringify({ kind: EXPORT_KIND, exportedAt: now.toISOString(), progress }, null, 2)}\n`;
}

/** Reads an export file; anything that would lose or invent data is an error. Never throws. */
export function importProgress(text: string): { progress: Progress } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { error: `The file is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isRecord(data) || data.kind !== EXPORT_KIND) return { error: 'The file is not an Interview Prep progress export.' };
  if (data.progress === undefined || data.progress === null) return { error: 'The export file contains no progress.' };
  const { progress, problem } = loadProgress(data.progress);
  if (problem !== undefined) return { error: `The export file is damaged: ${problem}` };
  return { progress };
}

/** Per question the card reviewed last wins (current on a tie); logs are united by (question, time), oldest first, bounded. */
export function mergeProgress(current: Progress, imported: Progress): Progress {
  const cards = new Map(Object.entries(current.cards));
  for (const [id, card] of Object.entries(imported.cards)) {
    const mine = cards.get(id);
    if (mine === undefined || reviewTime(card) > reviewTime(mine)) cards.set(id, card);
  }
  const seen = new Set<string>();
  const log: ReviewRecord[] = [];
  for (const record of [...current.log, ...imported.log]) {
    const key = `${record.questionId}\u0000${Date.parse(record.at)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    log.push(record);
  }
  const timed = log.map((record, index) => ({ record, index, time: Date.parse(record.at) }));
  timed.sort((a, b) => a.time - b.time || a.index - b.index);
  return { version: PROGRESS_VERSION, cards: Object.fromEntries(cards), log: boundLog(timed.map((t) => t.record)) };
}

function reviewTime(card: CardState): number {
  const time = card.lastReview === undefined ? NaN : Date.parse(card.lastReview);
  return Number.isFinite(time) ? time : -Infinity;
}
