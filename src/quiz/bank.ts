import type { NoteLanguage } from '../notes/model';

/** A quiz question as stored in `notes/questions/<topic>.yaml`. Pure: no `vscode`. */
export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'recall';
export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'truefalse', 'recall'];

export interface QuestionText {
  readonly question: string;
  readonly options?: readonly string[];
  /** Model answer of a recall card. */
  readonly answer?: string;
  readonly explanation: string;
}

export interface Question {
  readonly id: string;
  readonly topicId: string;
  readonly type: QuestionType;
  /** Explicit heading id in the topic's note where the answer is taught. */
  readonly section: string;
  /** single: index; multiple: indexes; truefalse: boolean; recall: undefined. */
  readonly correct?: number | readonly number[] | boolean;
  readonly text: Partial<Record<NoteLanguage, QuestionText>>;
}

export interface BankProblem {
  readonly file: string;
  readonly questionId?: string;
  readonly message: string;
}

/** The text in the wanted language, else the other one (a missing translation is never shown blank). */
export function questionText(question: Question, lang: NoteLanguage): QuestionText {
  return question.text[lang] ?? question.text[lang === 'en' ? 'zh-cn' : 'en']!;
}
