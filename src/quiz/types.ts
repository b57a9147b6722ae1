/**
 * Quiz progress as stored in `globalState` (synced with Settings Sync). Pure data: no `vscode`.
 * Dates are ISO-8601 strings so the state survives JSON round trips unchanged.
 */
export const PROGRESS_KEY = 'interviewPrep.quizProgress';
export const PROGRESS_VERSION = 2;

export type Grade = 'again' | 'hard' | 'good' | 'easy';
export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

/** FSRS memory state of one question (ts-fsrs Card, serialised). */
export interface CardState {
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly phase: CardPhase;
  readonly lastReview?: string;
}

export interface ReviewRecord {
  readonly questionId: string;
  readonly at: string;
  readonly grade: Grade;
  /** For choice questions: whether the answer was right. Undefined for recall cards. */
  readonly correct?: boolean;
  readonly elapsedMs?: number;
}

export interface Progress {
  readonly version: typeof PROGRESS_VERSION;
  readonly cards: Readonly<Record<string, CardState>>;
  /** Most recent last; bounded (oldest dropped) so the state stays small. */
  readonly log: readonly ReviewRecord[];
}
