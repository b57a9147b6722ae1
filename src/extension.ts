import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';
import { GO_SELECTOR, GoHoverProvider } from './hover/goHover';
import type { Catalogue } from './notes/model';
import { NoteStore } from './notes/noteStore';
import { TopicsTreeProvider, type TopicsNode } from './notes/topicsTree';
import { ChannelCodeLensProvider } from './panels/channelCodeLens';
import { NOTE_VIEW_TYPE, scenarioEditorViewType, simViewType } from './panels/viewTypes';
import { SIMULATOR_KINDS, type SimulatorKind } from './sim/protocol';
import { QuizService } from './quiz/quizService';
import type { Progress } from './quiz/types';
import type * as UiModule from './ui';

/** What the extension exposes to its own in-host tests. */
export interface InterviewPrepApi {
  catalogue(): Promise<Catalogue>;
  openNoteIds(): string[];
  readonly topicsTree: vscode.TreeDataProvider<TopicsNode>;
  quizProgress(): Promise<Progress>;
  /** Drops the in-memory progress and reads `globalState` again, as a reload would. */
  reloadQuizProgress(): Promise<void>;
  openSimulators(): SimulatorKind[];
  /** Whether dist/ui.js has been loaded (it must not be at activation). */
  uiLoaded(): boolean;
}

/**
 * Wiring only: nothing reads disk here, and the code behind commands, panels, simulators and
 * scenario editors (dist/ui.js) loads on first use. What must exist at once is registered here:
 * the tree, the status bar, the Go hover and lens, every command, the panel serializers (so
 * panels come back after a reload) and the scenario editors.
 */
export function activate(context: vscode.ExtensionContext): InterviewPrepApi {
  const log = vscode.window.createOutputChannel('Interview Prep', { log: true });
  const store = new NoteStore(context.extensionUri, log);
  const quiz = new QuizService(context, store, log);
  const tree = new TopicsTreeProvider(store, () => quiz.dueCounts);
  const treeView = vscode.window.createTreeView('interviewPrep.topics', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = vscode.window.createStatusBarItem('interviewPrep.due', vscode.StatusBarAlignment.Right, 50);
  statusBar.name = 'Interview Prep';
  statusBar.command = 'interviewPrep.reviewDue';
  let ui: UiModule.Ui | undefined;
  const loadUi = (): UiModule.Ui => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ui ??= (require('./ui.js') as typeof UiModule).createUi({ extensionUri: context.extensionUri, store, quiz, log });
    return ui;
  };
  context.subscriptions.push(log, store, quiz, treeView, statusBar, { dispose: () => ui?.dispose() });

  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => loadUi().run(id, args)));
  }
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(NOTE_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state) => loadUi().notePanels.restore(panel, state),
  }));
  for (const kind of SIMULATOR_KINDS) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(simViewType(kind), {
        deserializeWebviewPanel: async (panel) => loadUi().simulators.restore(kind, panel),
      }),
      vscode.window.registerCustomEditorProvider(scenarioEditorViewType(kind), {
        resolveCustomTextEditor: (document, panel, token) => loadUi().scenarioEditor(kind).resolveCustomTextEditor(document, panel, token),
      }, { supportsMultipleEditorsPerDocument: false }),
    );
  }
  const goHover = new GoHoverProvider(store);
  const channelLens = new ChannelCodeLensProvider();
  context.subscriptions.push(
    goHover,
    vscode.languages.registerHoverProvider(GO_SELECTOR, goHover),
    channelLens,
    vscode.languages.registerCodeLensProvider(GO_SELECTOR, channelLens),
  );

  let shownCounts = '';
  const showDue = () => {
    const counts = quiz.dueCounts;
    const total = counts ? [...counts.values()].reduce((a, b) => a + b, 0) : 0;
    // Repaint the tree only when a count changed: a refresh re-renders every row under the mouse.
    const key = counts ? JSON.stringify([...counts].filter(([, n]) => n > 0)) : '';
    const treeChanged = key !== shownCounts && !(shownCounts === '' && key === '[]');
    shownCounts = key;
    treeView.description = total > 0 ? vscode.l10n.t('{0} due', total) : undefined;
    statusBar.text = `$(mortar-board) ${vscode.l10n.t('{0} due', total)}`;
    statusBar.tooltip = vscode.l10n.t('Interview Prep: review the questions that are due');
    const wanted = vscode.workspace.getConfiguration('interviewPrep.quiz').get<boolean>('statusBar', true);
    if (wanted && total > 0) statusBar.show();
    else statusBar.hide();
    if (treeChanged) tree.refresh();
  };
  context.subscriptions.push(
    quiz.onDidChange(showDue),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('interviewPrep.quiz') && showDue()),
  );
  // Due counts need the question bank: computed once the Topics view has something on screen.
  const firstShow = treeView.onDidChangeVisibility((e) => {
    if (!e.visible) return;
    firstShow.dispose();
    setTimeout(() => void quiz.refreshDueCounts().catch((err) => log.error(`Due counts: ${String(err)}`)), 0);
  });
  context.subscriptions.push(firstShow);
  if (treeView.visible) setTimeout(() => void quiz.refreshDueCounts().catch((err) => log.error(`Due counts: ${String(err)}`)), 0);

  return {
    catalogue: () => store.catalogue(),
    openNoteIds: () => ui?.notePanels.openTopicIds() ?? [],
    topicsTree: tree,
    quizProgress: () => quiz.progress(),
    reloadQuizProgress: () => quiz.reloadFromStorage(),
    openSimulators: () => ui?.simulators.openKinds() ?? [],
    uiLoaded: () => ui !== undefined,
  };
}

export function deactivate(): void {}
