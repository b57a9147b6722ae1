import yaml from 'js-yaml';
import { NOTE_LANGUAGES, type NoteLanguage } from '../notes/model';
import { QUESTION_TYPES, type BankProblem, type Question, type QuestionText, type QuestionType } from './bank';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Parses and checks one question file. Every problem is reported; valid questions are kept. */
export function parseQuestionFile(file: string, topicId: string, text: string): { questions: Question[]; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (err) {
    return { questions: [], problems: [{ file, message: `not valid YAML: ${(err as Error).message}` }] };
  }
  if (!Array.isArray(data)) return { questions: [], problems: [{ file, message: 'must be a list of questions' }] };
  const questions: Question[] = [];
  data.forEach((raw: unknown, index): void => {
    const where = `question #${index + 1}`;
    const fail = (message: string, id?: string): void => {
      problems.push({ file, questionId: id, message: `${id ?? where}: ${message}` });
    };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('must be a mapping');
    const q = raw as Record<string, unknown>;
    const id = typeof q.id === 'string' ? q.id : undefined;
    if (!id || !ID.test(id)) return fail('"id" must be kebab-case text');
    if (!id.startsWith(topicId)) return fail(`"id" must start with the topic id "${topicId}"`, id);
    if (!QUESTION_TYPES.includes(q.type as QuestionType)) return fail(`"type" must be one of ${QUESTION_TYPES.join(', ')}`, id);
    const type = q.type as QuestionType;
    if (typeof q.section !== 'string' || !ID.test(q.section)) return fail('"section" must be a heading id', id);

    const texts: Partial<Record<NoteLanguage, QuestionText>> = {};
    for (const lang of NOTE_LANGUAGES) {
      const t = q[lang];
      if (t === undefined) continue;
      if (typeof t !== 'object' || t === null) return fail(`"${lang}" must be a mapping`, id);
      const r = t as Record<string, unknown>;
      if (!nonEmpty(r.question)) return fail(`"${lang}.question" is missing`, id);
      if (!nonEmpty(r.explanation)) return fail(`"${lang}.explanation" is missing`, id);
      const options = r.options;
      if (type === 'single' || type === 'multiple') {
        if (!Array.isArray(options) || options.length < 2 || options.length > 6 || !options.every(nonEmpty)) {
          return fail(`"${lang}.options" must be 2–6 non-empty texts`, id);
        }
        if (new Set(options).size !== options.length) return fail(`"${lang}.options" has duplicates`, id);
      } else if (options !== undefined) return fail(`a ${type} question has no options`, id);
      if (type === 'recall' && !nonEmpty(r.answer)) return fail(`"${lang}.answer" (the model answer) is missing`, id);
      texts[lang] = {
        question: String(r.question),
        options: Array.isArray(options) ? options.map(String) : undefined,
        answer: nonEmpty(r.answer) ? String(r.answer) : undefined,
        explanation: String(r.explanation),
      };
    }
    const langs = Object.values(texts);
    if (langs.length === 0) return fail('has no text in any language', id);
    const optionCount = langs[0].options?.length ?? 0;
    if (langs.some((t) => (t.options?.length ?? 0) !== optionCount)) return fail('the languages have different numbers of options', id);

    const correct = q.correct;
    switch (type) {
      case 'single':
        if (!Number.isInteger(correct) || (correct as number) < 0 || (correct as number) >= optionCount) {
          return fail('"correct" must be the index of one option', id);
        }
        break;
      case 'multiple':
        if (
          !Array.isArray(correct) ||
          correct.length < 2 ||
          new Set(correct).size !== correct.length ||
          !correct.every((c) => Number.isInteger(c) && c >= 0 && c < optionCount)
        ) {
          return fail('"correct" must list at least two distinct option indexes', id);
        }
        break;
      case 'truefalse':
        if (typeof correct !== 'boolean') return fail('"correct" must be true or false', id);
        break;
      case 'recall':
        if (correct !== undefined) return fail('a recall card has no "correct"', id);
        break;
    }
    questions.push({ id, topicId, type, section: q.section, correct: correct as Question['correct'], text: texts });
  });
  return { questions, problems };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
