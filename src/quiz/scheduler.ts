import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade as FsrsGrade } from 'ts-fsrs';
import type { CardPhase, CardState, Grade } from './types';

/** Spaced repetition with FSRS (ts-fsrs), on our JSON-friendly `CardState`. Pure: no `vscode`. */
export interface Scheduler {
  /** The card after answering with `grade` at `now`; `undefined` is a question never seen. */
  review(card: CardState | undefined, grade: Grade, now: Date): CardState;
  /** Probability (0–1) of recalling the card at `now`; 0 for a new card. */
  retrievability(card: CardState, now: Date): number;
}

export interface SchedulerOptions {
  /** Target probability of recall when a card comes due; default 0.9, clamped to 0.7–0.99. */
  readonly desiredRetention?: number;
  /** Randomise intervals slightly so cards learnt together spread out; default false (deterministic). */
  readonly fuzz?: boolean;
}

export const DEFAULT_RETENTION = 0.9;
const MIN_RETENTION = 0.7;
const MAX_RETENTION = 0.99;

export function clampRetention(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_RETENTION;
  return Math.min(MAX_RETENTION, Math.max(MIN_RETENTION, value));
}

const GRADE_TO_RATING: Record<Grade, FsrsGrade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const PHASE_TO_STATE: Record<CardPhase, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };
const STATE_TO_PHASE: Record<State, CardPhase> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const engine = fsrs(generatorParameters({ request_retention: clampRetention(options.desiredRetention), enable_fuzz: options.fuzz ?? false }));
  return {
    review(card, grade, now) {
      const current = card ? toFsrsCard(card) : createEmptyCard(now);
      // A clock behind the last review (another synced machine, a changed clock) would make ts-fsrs
      // throw: review as of the last review instead.
      const at = current.last_review && current.last_review > now ? current.last_review : now;
      return fromFsrsCard(engine.next(current, at, GRADE_TO_RATING[grade]).card);
    },
    retrievability(card, now) {
      if (card.phase === 'new') return 0;
      const value = engine.get_retrievability(toFsrsCard(card), now, false);
      return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    },
  };
}

export function toFsrsCard(card: CardState): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: PHASE_TO_STATE[card.phase],
    last_review: card.lastReview === undefined ? undefined : new Date(card.lastReview),
  };
}

export function fromFsrsCard(card: Card): CardState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    phase: STATE_TO_PHASE[card.state],
    ...(card.last_review ? { lastReview: card.last_review.toISOString() } : {}),
  };
}

/**
 * Grade of a choice question from correctness and answer time. "Fast" is the time to read and
 * answer without hesitating: 4 s plus 40 ms per character of the question and all its options.
 * Wrong → again; correct within fast → easy; within 3× fast → good; slower → hard.
 */
export function gradeChoice(correct: boolean, elapsedMs: number, question: { readonly question: string; readonly options?: readonly string[] }): Grade {
  if (!correct) return 'again';
  const fastMs = fastAnswerMs(question);
  if (elapsedMs <= fastMs) return 'easy';
  if (elapsedMs <= 3 * fastMs) return 'good';
  return 'hard';
}

export function fastAnswerMs(question: { readonly question: string; readonly options?: readonly string[] }): number {
  const characters = question.question.length + (question.options ?? []).reduce((sum, option) => sum + option.length, 0);
  return 4000 + 40 * characters;
}
