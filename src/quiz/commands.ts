import * as vscode from 'vscode';
import type { Command } from '../notes/commands';
import { categoryLabel } from '../notes/labels';
import type { NoteStore } from '../notes/noteStore';
import type { Question } from './bank';
import { runQuizSession, type SessionResult } from './quizFlow';
import { quizEngine, type QuizService } from './quizService';
import type { StatsPanel } from './statsPanel';

interface ScopePick extends vscode.QuickPickItem {
  readonly topicIds: readonly string[];
}

function settings() {
  const config = vscode.workspace.getConfiguration('interviewPrep.quiz');
  return {
    sessionLength: Math.max(1, Math.min(100, config.get<number>('sessionLength', 10))),
    desiredRetention: Math.max(0.7, Math.min(0.99, config.get<number>('desiredRetention', 0.9))),
    newPerDay: Math.max(0, config.get<number>('newPerDay', 20)),
  };
}

/** `Start Quiz`: pick topics or categories (or everything), then a session. A topic id argument skips the pick. */
export function startQuizCommand(store: NoteStore, service: QuizService, extensionUri: vscode.Uri): Command {
  return {
    id: 'interviewPrep.startQuiz',
    async execute(arg?: unknown) {
      const topicId = typeof arg === 'string' ? arg : isTopicNode(arg) ? arg.topic.id : undefined;
      const questions = await service.questions();
      const scope = topicId ? [topicId] : await pickScope(store, questions);
      if (!scope) return undefined;
      return runAndSummarise(store, service, extensionUri, questions, new Set(scope), 'quiz');
    },
  };
}

export function reviewDueCommand(store: NoteStore, service: QuizService, extensionUri: vscode.Uri): Command {
  return {
    id: 'interviewPrep.reviewDue',
    async execute() {
      const questions = await service.questions();
      return runAndSummarise(store, service, extensionUri, questions, new Set(questions.map((q) => q.topicId)), 'review');
    },
  };
}

async function runAndSummarise(
  store: NoteStore,
  service: QuizService,
  extensionUri: vscode.Uri,
  bank: readonly Question[],
  topics: ReadonlySet<string>,
  mode: 'quiz' | 'review',
): Promise<SessionResult | undefined> {
  const engine = quizEngine();
  const { sessionLength, newPerDay, desiredRetention } = settings();
  const progress = await service.progress();
  const session = engine.buildSession({
    questions: bank.filter((q) => topics.has(q.topicId)),
    progress,
    now: new Date(),
    size: sessionLength,
    mode,
    newPerDay,
    rng: engine.mulberry32(Date.now() >>> 0),
  });
  if (session.length === 0) {
    void vscode.window.showInformationMessage(
      mode === 'review' ? vscode.l10n.t('Nothing is due for review. Well done!') : vscode.l10n.t('No questions to ask right now: everything is scheduled for later.'),
    );
    return undefined;
  }
  await store.catalogue(); // topic titles for the quick pick titles
  const result = await runQuizSession(service, extensionUri, store.language, session, { desiredRetention });
  if (result.answered > 0) void showSummary(service, result);
  return result;
}

async function showSummary(service: QuizService, result: SessionResult): Promise<void> {
  const minutes = Math.floor(result.elapsedMs / 60000);
  const seconds = Math.round((result.elapsedMs % 60000) / 1000);
  const choiceCount = result.answered;
  const revisitTopics = [...new Set(result.revisit.map((q) => service.topicTitle(q.topicId)))];
  const message = vscode.l10n.t(
    'Session done: {0} answered, {1} correct, in {2}:{3}.',
    choiceCount,
    result.correct,
    minutes,
    String(seconds).padStart(2, '0'),
  );
  const revisit = revisitTopics.length ? ' ' + vscode.l10n.t('Worth revisiting: {0}.', revisitTopics.join(', ')) : '';
  const first = result.revisit[0];
  const open = first ? vscode.l10n.t('Open {0}', service.topicTitle(first.topicId)) : undefined;
  const choice = await vscode.window.showInformationMessage(message + revisit, ...(open ? [open] : []));
  if (choice && first) await vscode.commands.executeCommand('interviewPrep.openNote', first.topicId, first.section);
}

async function pickScope(store: NoteStore, questions: readonly Question[]): Promise<string[] | undefined> {
  const catalogue = await store.catalogue();
  const counts = new Map<string, number>();
  for (const q of questions) counts.set(q.topicId, (counts.get(q.topicId) ?? 0) + 1);
  const withQuestions = catalogue.topics.filter((t) => counts.has(t.id));
  const items: ScopePick[] = [
    { label: `$(globe) ${vscode.l10n.t('Everything')}`, description: vscode.l10n.t('{0} questions', questions.length), topicIds: withQuestions.map((t) => t.id) },
  ];
  let category: string | undefined;
  for (const topic of withQuestions) {
    if (topic.category !== category) {
      category = topic.category;
      const ids = withQuestions.filter((t) => t.category === category).map((t) => t.id);
      items.push({ label: categoryLabel(category, store.language), kind: vscode.QuickPickItemKind.Separator, topicIds: [] });
      items.push({ label: `$(folder) ${categoryLabel(category, store.language)}`, description: vscode.l10n.t('whole category'), topicIds: ids });
    }
    items.push({ label: topic.title, description: vscode.l10n.t('{0} questions', counts.get(topic.id) ?? 0), topicIds: [topic.id] });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Start Quiz'),
    placeHolder: vscode.l10n.t('Pick topics or categories to be quizzed on'),
    canPickMany: true,
    ignoreFocusOut: true, // a multi-select should not vanish when a panel repaints and takes focus
  });
  if (!picked || picked.length === 0) return undefined;
  return [...new Set(picked.flatMap((p) => p.topicIds))];
}

function isTopicNode(value: unknown): value is { kind: 'topic'; topic: { id: string } } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'topic';
}

export function quizStatsCommand(panel: StatsPanel): Command {
  return { id: 'interviewPrep.quizStats', execute: () => panel.show() };
}

export function resetQuizProgressCommand(service: QuizService): Command {
  return {
    id: 'interviewPrep.resetQuizProgress',
    async execute() {
      const reset = vscode.l10n.t('Reset Progress');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset all quiz progress? Every review and schedule is forgotten. Export it first if you may want it back.'),
        { modal: true },
        reset,
      );
      if (choice !== reset) return false;
      await service.save(quizEngine().emptyProgress());
      return true;
    },
  };
}

export function exportQuizProgressCommand(service: QuizService): Command {
  return {
    id: 'interviewPrep.exportQuizProgress',
    async execute(target?: unknown) {
      const uri =
        target instanceof vscode.Uri
          ? target
          : await vscode.window.showSaveDialog({
              title: vscode.l10n.t('Export Quiz Progress'),
              filters: { JSON: ['json'] },
              defaultUri: vscode.Uri.file(`interview-prep-progress-${new Date().toISOString().slice(0, 10)}.json`),
            });
      if (!uri) return false;
      const text = quizEngine().exportProgress(await service.progress(), new Date());
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      return true;
    },
  };
}

export function importQuizProgressCommand(service: QuizService): Command {
  return {
    id: 'interviewPrep.importQuizProgress',
    async execute(source?: unknown, mode?: unknown) {
      const uri =
        source instanceof vscode.Uri
          ? source
          : (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Import Quiz Progress'), filters: { JSON: ['json'] }, canSelectMany: false }))?.[0];
      if (!uri) return false;
      const engine = quizEngine();
      const bytes = await vscode.workspace.fs.readFile(uri);
      const imported = engine.importProgress(new TextDecoder().decode(bytes));
      if ('error' in imported) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import quiz progress: {0}', imported.error));
        return false;
      }
      const merge = vscode.l10n.t('Merge');
      const replace = vscode.l10n.t('Replace');
      const choice =
        mode === 'merge' || mode === 'replace'
          ? mode === 'merge'
            ? merge
            : replace
          : await vscode.window.showInformationMessage(
              vscode.l10n.t('Merge the imported progress with yours (newer review wins), or replace yours?'),
              { modal: true },
              merge,
              replace,
            );
      if (!choice) return false;
      const current = await service.progress();
      await service.save(choice === merge ? engine.mergeProgress(current, imported.progress) : imported.progress);
      return true;
    },
  };
}
