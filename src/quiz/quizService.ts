import * as vscode from 'vscode';
import { notesEngine } from '../notes/loadEngine';
import type { NoteStore } from '../notes/noteStore';
import type { Question } from './bank';
import type * as QuizEngine from './quizEngine';
import { PROGRESS_KEY, type Progress } from './types';

export type QuizEngineModule = typeof QuizEngine;

let engine: QuizEngineModule | undefined;
/** dist/quiz.js sits next to dist/extension.js; loaded the first time the quiz is used. */
export function quizEngine(): QuizEngineModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('./quiz.js') as QuizEngineModule);
}

/**
 * The question bank (bundled `notes/questions/*.yaml`) and the user's progress in `globalState`,
 * synced with Settings Sync. A corrupted or foreign state is reported once, backed up to a file,
 * and replaced by a fresh one — the extension keeps working.
 */
export class QuizService implements vscode.Disposable {
  private bank: Promise<Question[]> | undefined;
  private progressCache: Progress | undefined;
  private due: ReadonlyMap<string, number> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: NoteStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    context.globalState.setKeysForSync([PROGRESS_KEY]);
  }

  questions(): Promise<Question[]> {
    return (this.bank ??= this.loadBank());
  }

  private async loadBank(): Promise<Question[]> {
    const dir = vscode.Uri.joinPath(this.context.extensionUri, 'notes', 'questions');
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch (err) {
      this.log.error(`Cannot read the question bank: ${(err as Error).message}`);
      return [];
    }
    const { parseQuestionFile } = notesEngine();
    const questions: Question[] = [];
    for (const [name] of entries.filter(([n]) => n.endsWith('.yaml')).sort()) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name));
      const parsed = parseQuestionFile(name, name.replace(/\.yaml$/, ''), new TextDecoder().decode(bytes));
      for (const p of parsed.problems) this.log.warn(`Question bank ${p.file}: ${p.message}`);
      questions.push(...parsed.questions);
    }
    return questions;
  }

  /** The stored progress, validated; problems are handled once (backup + fresh state + one message). */
  async progress(): Promise<Progress> {
    if (this.progressCache) return this.progressCache;
    const raw = this.context.globalState.get<unknown>(PROGRESS_KEY);
    const { progress, problem } = quizEngine().loadProgress(raw);
    if (problem) {
      const backup = await this.backup(raw);
      this.log.error(`Quiz progress could not be read (${problem}); backed up to ${backup?.fsPath ?? '(backup failed)'}`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Your quiz progress could not be read ({0}). A backup was saved and a fresh start was made.', problem),
        ...(backup ? [vscode.l10n.t('Show Backup')] : []),
      ).then((choice) => {
        if (choice && backup) void vscode.commands.executeCommand('revealFileInOS', backup);
      });
      await this.context.globalState.update(PROGRESS_KEY, progress);
    }
    const known = new Set((await this.questions()).map((q) => q.id));
    this.progressCache = quizEngine().pruneProgress(progress, known);
    return this.progressCache;
  }

  async save(progress: Progress): Promise<void> {
    this.progressCache = progress;
    await this.context.globalState.update(PROGRESS_KEY, progress);
    await this.refreshDueCounts();
  }

  /** Questions due now per topic, as last computed (undefined until the first computation). */
  get dueCounts(): ReadonlyMap<string, number> | undefined {
    return this.due;
  }

  async refreshDueCounts(): Promise<void> {
    const [questions, progress] = await Promise.all([this.questions(), this.progress()]);
    this.due = quizEngine().dueCounts(questions, progress, new Date());
    this.changed.fire();
  }

  /** Forgets the cached state (tests use it to read back what was stored, as after a reload). */
  reloadFromStorage(): Promise<void> {
    this.progressCache = undefined;
    return this.refreshDueCounts();
  }

  private async backup(raw: unknown): Promise<vscode.Uri | undefined> {
    try {
      const dir = this.context.globalStorageUri;
      await vscode.workspace.fs.createDirectory(dir);
      const file = vscode.Uri.joinPath(dir, `quiz-progress-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      let text: string;
      try {
        text = JSON.stringify(raw, null, 2) ?? String(raw);
      } catch {
        text = String(raw);
      }
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
      return file;
    } catch (err) {
      this.log.error(`Could not back up quiz progress: ${(err as Error).message}`);
      return undefined;
    }
  }

  topicTitle(topicId: string): string {
    return this.store.loaded?.topics.find((t) => t.id === topicId)?.title ?? topicId;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
