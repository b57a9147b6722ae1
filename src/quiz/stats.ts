import type { Question } from './bank';
import { cardOf, DAY_MS, utcDayStart } from './session';
import type { Progress, ReviewRecord } from './types';

/** Statistics for the stats panel and the Topics tree. Pure: no `vscode`. Days are UTC days. */

export interface TopicStats {
  readonly topicId: string;
  /** Questions in the bank. */
  readonly total: number;
  /** Questions with a card (answered at least once). */
  readonly seen: number;
  /** Questions due now. */
  readonly due: number;
  /** Share (0–1) of successful reviews in the last 30 days; null without reviews. */
  readonly retention: number | null;
  /** Consecutive days with at least one review, counted back from today (or from yesterday while today has none yet). */
  readonly streak: number;
}

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly count: number;
}

export const RETENTION_WINDOW_DAYS = 30;

/** Per topic, in the order topics first appear in `questions`. */
export function topicStats(questions: readonly Question[], progress: Progress, now: Date): TopicStats[] {
  const nowMs = now.getTime();
  const today = utcDayStart(nowMs);
  const windowStart = nowMs - RETENTION_WINDOW_DAYS * DAY_MS;
  const topicOf = new Map<string, string>();
  const stats = new Map<string, { total: number; seen: number; due: number; reviews: number; successes: number; days: Set<number> }>();
  for (const question of questions) {
    if (topicOf.has(question.id)) continue;
    topicOf.set(question.id, question.topicId);
    let topic = stats.get(question.topicId);
    if (!topic) stats.set(question.topicId, (topic = { total: 0, seen: 0, due: 0, reviews: 0, successes: 0, days: new Set() }));
    topic.total++;
    const card = cardOf(progress, question.id);
    if (card) {
      topic.seen++;
      if (Date.parse(card.due) <= nowMs) topic.due++;
    }
  }
  for (const record of progress.log) {
    const topicId = topicOf.get(record.questionId);
    if (topicId === undefined) continue;
    const topic = stats.get(topicId)!;
    const at = Date.parse(record.at);
    if (at > nowMs) continue;
    topic.days.add(utcDayStart(at));
    if (at >= windowStart) {
      topic.reviews++;
      if (isSuccess(record)) topic.successes++;
    }
  }
  return [...stats].map(([topicId, s]) => ({
    topicId,
    total: s.total,
    seen: s.seen,
    due: s.due,
    retention: s.reviews === 0 ? null : s.successes / s.reviews,
    streak: streak(s.days, today),
  }));
}

/** A review counts as remembered when the choice was correct, or (recall cards) was graded good or easy. */
export function isSuccess(record: ReviewRecord): boolean {
  return record.correct ?? (record.grade === 'good' || record.grade === 'easy');
}

function streak(days: ReadonlySet<number>, today: number): number {
  let day = days.has(today) ? today : today - DAY_MS;
  let count = 0;
  while (days.has(day)) {
    count++;
    day -= DAY_MS;
  }
  return count;
}

/** Reviews per UTC day for the last `days` days, oldest first, ending today. */
export function reviewsPerDay(progress: Progress, now: Date, days = 30): DayCount[] {
  const today = utcDayStart(now.getTime());
  const first = today - (days - 1) * DAY_MS;
  const counts = new Array<number>(Math.max(0, days)).fill(0);
  for (const record of progress.log) {
    const index = Math.floor((Date.parse(record.at) - first) / DAY_MS);
    if (index >= 0 && index < counts.length) counts[index]++;
  }
  return counts.map((count, i) => ({ day: dayKey(first + i * DAY_MS), count }));
}

/** Cards coming due per UTC day for the next `days` days; day 0 is today and includes everything overdue. */
export function dueForecast(progress: Progress, now: Date, days = 14): DayCount[] {
  const today = utcDayStart(now.getTime());
  const counts = new Array<number>(Math.max(0, days)).fill(0);
  for (const card of Object.values(progress.cards)) {
    const dueMs = Date.parse(card.due);
    if (!Number.isFinite(dueMs)) continue;
    const index = Math.max(0, Math.floor((dueMs - today) / DAY_MS));
    if (index < counts.length) counts[index]++;
  }
  return counts.map((count, i) => ({ day: dayKey(today + i * DAY_MS), count }));
}

/** Questions due now per topic; every topic of `questions` is present (0 when nothing is due). O(n). */
export function dueCounts(questions: readonly Question[], progress: Progress, now: Date): Map<string, number> {
  const nowMs = now.getTime();
  const counts = new Map<string, number>();
  const counted = new Set<string>();
  for (const question of questions) {
    if (!counts.has(question.topicId)) counts.set(question.topicId, 0);
    if (counted.has(question.id)) continue;
    counted.add(question.id);
    const card = cardOf(progress, question.id);
    if (card && Date.parse(card.due) <= nowMs) counts.set(question.topicId, counts.get(question.topicId)! + 1);
  }
  return counts;
}

function dayKey(dayStartMs: number): string {
  return new Date(dayStartMs).toISOString().slice(0, 10);
}
