import type { Question } from './bank';
import { createScheduler } from './scheduler';
import type { Progress } from './types';

/** Choosing the questions of a session. Pure: no `vscode`. Days are UTC days. */

export interface SessionInput {
  readonly questions: readonly Question[];
  readonly progress: Progress;
  readonly now: Date;
  /** Most questions in the session. */
  readonly size: number;
  /** review: only due cards; quiz: due cards, then new ones, then the weakest of the rest. */
  readonly mode: 'quiz' | 'review';
  /** Most questions introduced (first reviewed) per UTC day. */
  readonly newPerDay: number;
  /** Random numbers in [0, 1), e.g. `mulberry32(seed)`. */
  readonly rng: () => number;
}

/**
 * The questions of a session, without duplicates. Due cards come first, most overdue first (then
 * by id). In quiz mode new questions follow, in random order, up to what is left of today's
 * allowance; then, if still short, seen questions that are not due, least likely remembered first.
 * O(q log q) in questions plus one pass over the log.
 */
export function buildSession(input: SessionInput): Question[] {
  const size = Math.max(0, Math.floor(input.size));
  if (size === 0) return [];
  const nowMs = input.now.getTime();
  const due: { question: Question; dueMs: number }[] = [];
  const fresh: Question[] = [];
  const notDue: Question[] = [];
  const taken = new Set<string>();
  for (const question of input.questions) {
    if (taken.has(question.id)) continue;
    taken.add(question.id);
    const card = cardOf(input.progress, question.id);
    if (card === undefined) fresh.push(question);
    else {
      const dueMs = Date.parse(card.due);
      if (dueMs <= nowMs) due.push({ question, dueMs });
      else notDue.push(question);
    }
  }
  due.sort((a, b) => a.dueMs - b.dueMs || compareIds(a.question, b.question));
  const session = due.slice(0, size).map((d) => d.question);
  if (input.mode === 'review' || session.length >= size) return session;

  const allowance = Math.max(0, Math.floor(input.newPerDay) - newToday(input.progress, input.now));
  shuffle(fresh, input.rng);
  session.push(...fresh.slice(0, Math.min(allowance, size - session.length)));
  if (session.length >= size) return session;

  const scheduler = createScheduler();
  const weakest = notDue
    .map((question) => ({ question, recall: scheduler.retrievability(cardOf(input.progress, question.id)!, input.now) }))
    .sort((a, b) => a.recall - b.recall || compareIds(a.question, b.question));
  session.push(...weakest.slice(0, size - session.length).map((w) => w.question));
  return session;
}

/** Questions whose first logged review falls on the UTC day of `now`. */
export function newToday(progress: Progress, now: Date): number {
  const dayStart = utcDayStart(now.getTime());
  const dayEnd = dayStart + DAY_MS;
  const firstSeen = new Map<string, number>();
  for (const record of progress.log) {
    const at = Date.parse(record.at);
    const first = firstSeen.get(record.questionId);
    if (first === undefined || at < first) firstSeen.set(record.questionId, at);
  }
  let count = 0;
  for (const at of firstSeen.values()) if (at >= dayStart && at < dayEnd) count++;
  return count;
}

/** A random order of a choice question's options (Fisher–Yates); [] for true/false and recall cards. */
export function shuffledOptions(question: Question, rng: () => number): number[] {
  if (question.type !== 'single' && question.type !== 'multiple') return [];
  const count = Object.values(question.text).reduce((most, text) => Math.max(most, text?.options?.length ?? 0), 0);
  return shuffle(Array.from({ length: count }, (_, i) => i), rng);
}

export { mulberry32 } from '../shared/random';

export const DAY_MS = 86_400_000;

export function utcDayStart(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS;
}

/** The card of a question, if seen (own properties only: ids are data). */
export function cardOf(progress: Progress, id: string): Progress['cards'][string] | undefined {
  return Object.prototype.hasOwnProperty.call(progress.cards, id) ? progress.cards[id] : undefined;
}

function compareIds(a: Question, b: Question): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** In-place Fisher–Yates shuffle. */
function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(rng() * (i + 1)));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
