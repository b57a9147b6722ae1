import * as vscode from 'vscode';
import type { NoteLanguage } from '../notes/model';
import type { Question } from './bank';
import { optionLetter, QuizCard } from './quizCard';
import { quizEngine, type QuizService } from './quizService';
import type { Grade } from './types';

export interface SessionResult {
  readonly answered: number;
  readonly correct: number;
  readonly elapsedMs: number;
  /** Questions answered wrong or rated Again/Hard: what to revisit. */
  readonly revisit: readonly Question[];
}

interface ChoiceItem extends vscode.QuickPickItem {
  readonly index?: number;
  readonly grade?: Grade;
  readonly action?: 'continue' | 'note' | 'end' | 'reveal';
}

/**
 * Runs one quiz session: a quick pick per question ("Raft 3/10"), the full question on a card
 * beside it, feedback with the explanation and a way to the note, then a summary. Escape ends
 * the session at once; every answer given so far is already saved.
 */
export async function runQuizSession(
  service: QuizService,
  extensionUri: vscode.Uri,
  lang: NoteLanguage,
  questions: readonly Question[],
  settings: { desiredRetention: number },
): Promise<SessionResult> {
  const engine = quizEngine();
  const scheduler = engine.createScheduler({ desiredRetention: settings.desiredRetention });
  const rng = engine.mulberry32(Date.now() >>> 0);
  const card = new QuizCard(extensionUri, lang);
  const started = Date.now();
  let answered = 0;
  let correctCount = 0;
  const revisit: Question[] = [];
  try {
    for (const [i, question] of questions.entries()) {
      const text = engine.questionText(question, lang);
      const heading = `${service.topicTitle(question.topicId)} ${i + 1}/${questions.length}`;
      const order = engine.shuffledOptions(question, rng);
      card.show({ heading, text, order });
      const askedAt = Date.now();
      const outcome = await ask(question, heading, text.question, order.map((index) => text.options![index]), order);
      if (!outcome) break;
      const elapsedMs = Date.now() - askedAt;
      let grade: Grade;
      let correct: boolean | undefined;
      if (outcome.kind === 'recall') {
        card.show({ heading, text, order, result: { correctOptions: [], showAnswer: true } });
        const rating = await rate(heading);
        if (!rating) break;
        grade = rating;
      } else {
        correct = outcome.correct;
        grade = engine.gradeChoice(correct, elapsedMs, { question: text.question, options: text.options ?? [] });
      }
      const progress = await service.progress();
      const next = scheduler.review(progress.cards[question.id], grade, new Date());
      await service.save(engine.recordReview(progress, { questionId: question.id, at: new Date().toISOString(), grade, correct, elapsedMs }, next));
      answered++;
      if (correct) correctCount++;
      if (correct === false || grade === 'again' || grade === 'hard') revisit.push(question);
      card.show({ heading, text, order, result: { correct, correctOptions: correctOptions(question), showAnswer: outcome.kind === 'recall' } });
      const action = await feedback(heading, correct, text.explanation, i + 1 === questions.length);
      if (action === 'note') await vscode.commands.executeCommand('interviewPrep.openNote', question.topicId, question.section);
      if (action === 'end' || action === undefined) break;
    }
  } finally {
    card.dispose();
  }
  return { answered, correct: correctCount, elapsedMs: Date.now() - started, revisit };
}

function correctOptions(question: Question): number[] {
  if (question.type === 'single') return [question.correct as number];
  if (question.type === 'multiple') return [...(question.correct as number[])];
  return [];
}

type Outcome = { kind: 'choice'; correct: boolean } | { kind: 'recall' };

/** One quick pick for the question; resolves undefined when the user pressed Escape. */
async function ask(question: Question, title: string, questionText: string, shown: string[], order: readonly number[]): Promise<Outcome | undefined> {
  const placeholder = oneLine(questionText);
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const items: ChoiceItem[] = shown.map((label, position) => ({ label: `${optionLetter(position)}. ${oneLine(label)}`, index: order[position] }));
      const picked = await pick(items, {
        title,
        placeholder: question.type === 'multiple' ? `${placeholder} — ${vscode.l10n.t('select all that apply')}` : placeholder,
        canPickMany: question.type === 'multiple',
      });
      if (!picked) return undefined;
      const chosen = picked.map((item) => item.index!).sort();
      const expected = correctOptions(question).sort();
      return { kind: 'choice', correct: chosen.length === expected.length && chosen.every((c, k) => c === expected[k]) };
    }
    case 'truefalse': {
      const picked = await pick<ChoiceItem>(
        [
          { label: `$(check) ${vscode.l10n.t('True')}`, index: 1 },
          { label: `$(x) ${vscode.l10n.t('False')}`, index: 0 },
        ],
        { title, placeholder },
      );
      if (!picked) return undefined;
      return { kind: 'choice', correct: (picked[0].index === 1) === question.correct };
    }
    case 'recall': {
      const picked = await pick<ChoiceItem>([{ label: `$(eye) ${vscode.l10n.t('Show answer')}`, action: 'reveal' }], { title, placeholder });
      return picked ? { kind: 'recall' } : undefined;
    }
  }
}

async function rate(title: string): Promise<Grade | undefined> {
  const items: ChoiceItem[] = [
    { label: `$(debug-restart) ${vscode.l10n.t('Again')}`, description: vscode.l10n.t('I did not remember it'), grade: 'again' },
    { label: `$(warning) ${vscode.l10n.t('Hard')}`, description: vscode.l10n.t('Remembered with difficulty'), grade: 'hard' },
    { label: `$(check) ${vscode.l10n.t('Good')}`, description: vscode.l10n.t('Remembered'), grade: 'good' },
    { label: `$(star-full) ${vscode.l10n.t('Easy')}`, description: vscode.l10n.t('Remembered at once'), grade: 'easy' },
  ];
  const picked = await pick(items, { title, placeholder: vscode.l10n.t('How well did you remember the answer? (see the card beside)') });
  return picked?.[0].grade;
}

async function feedback(title: string, correct: boolean | undefined, explanation: string, last: boolean): Promise<ChoiceItem['action']> {
  // Quick pick titles show no codicons: plain marks.
  const verdict = correct === undefined ? '' : correct ? `✓ ${vscode.l10n.t('Correct')} — ` : `✗ ${vscode.l10n.t('Not quite')} — `;
  const items: ChoiceItem[] = [
    { label: last ? `$(check-all) ${vscode.l10n.t('Finish')}` : `$(arrow-right) ${vscode.l10n.t('Next question')}`, detail: oneLine(explanation), action: last ? 'end' : 'continue' },
    { label: `$(book) ${vscode.l10n.t('Open the note at this section')}`, action: 'note' },
  ];
  if (!last) items.push({ label: `$(close) ${vscode.l10n.t('End session')}`, action: 'end' });
  const picked = await pick(items, { title: `${verdict}${title}`, placeholder: vscode.l10n.t('The explanation is on the card beside') });
  return picked?.[0].action;
}

/** A quick pick that keeps focus when the card beside updates; undefined on Escape. */
function pick<T extends vscode.QuickPickItem>(items: T[], options: { title: string; placeholder: string; canPickMany?: boolean }): Promise<readonly T[] | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<T>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.canSelectMany = options.canPickMany ?? false;
    quickPick.items = items;
    // Focus the first row in multi-selects too, so the keyboard lands on the options at once.
    if (quickPick.canSelectMany) quickPick.activeItems = items.slice(0, 1);
    quickPick.ignoreFocusOut = true;
    quickPick.matchOnDetail = true;
    let done = false;
    quickPick.onDidAccept(() => {
      // Enter with nothing ticked in a multi-select picks the focused item, as a single pick would.
      const ticked = quickPick.canSelectMany ? quickPick.selectedItems : [];
      const chosen = ticked.length ? ticked : quickPick.activeItems.slice(0, 1);
      if (chosen.length === 0) return;
      done = true;
      resolve(chosen);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!done) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

function oneLine(text: string, max = 180): string {
  const flat = text.replace(/```[\s\S]*?```/g, '[code]').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
