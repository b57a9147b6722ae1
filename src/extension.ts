import * as vscode from 'vscode';
import { GO_SELECTOR, GoHoverProvider } from './hover/goHover';
import { openNoteCommand, refreshNotesCommand, searchNotesCommand, type Command } from './notes/commands';
import type { Catalogue } from './notes/model';
import { NoteStore } from './notes/noteStore';
import { TopicsTreeProvider, type TopicsNode } from './notes/topicsTree';
import { NotePanels } from './panels/notePanels';
import { ChannelCodeLensProvider, openSimulatorCommands, openTopicSimulatorCommand, visualizeChannelsCommand } from './panels/simCommands';
import { ScenarioEditorProvider } from './panels/scenarioEditors';
import { SimulatorPanels } from './panels/simPanels';
import { SIMULATOR_KINDS, type SimulatorKind } from './sim/protocol';
import {
  exportQuizProgressCommand,
  importQuizProgressCommand,
  quizStatsCommand,
  resetQuizProgressCommand,
  reviewDueCommand,
  startQuizCommand,
} from './quiz/commands';
import { QuizService } from './quiz/quizService';
import { StatsPanel } from './quiz/statsPanel';
import type { Progress } from './quiz/types';

/** What the extension exposes to its own in-host tests. */
export interface InterviewPrepApi {
  catalogue(): Promise<Catalogue>;
  openNoteIds(): string[];
  readonly topicsTree: vscode.TreeDataProvider<TopicsNode>;
  quizProgress(): Promise<Progress>;
  /** Drops the in-memory progress and reads `globalState` again, as a reload would. */
  reloadQuizProgress(): Promise<void>;
  openSimulators(): SimulatorKind[];
}

/** Wiring only: every part is built lazily enough that nothing reads disk here. */
export function activate(context: vscode.ExtensionContext): InterviewPrepApi {
  const log = vscode.window.createOutputChannel('Interview Prep', { log: true });
  const store = new NoteStore(context.extensionUri, log);
  const panels = new NotePanels(context.extensionUri, store, log);
  const quiz = new QuizService(context, store, log);
  const stats = new StatsPanel(context.extensionUri, quiz);
  const tree = new TopicsTreeProvider(store, () => quiz.dueCounts);
  const treeView = vscode.window.createTreeView('interviewPrep.topics', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = vscode.window.createStatusBarItem('interviewPrep.due', vscode.StatusBarAlignment.Right, 50);
  statusBar.name = 'Interview Prep';
  statusBar.command = 'interviewPrep.reviewDue';
  context.subscriptions.push(log, store, panels, quiz, stats, treeView, statusBar);
  const simServices = { openNote: (topicId: string, slug?: string) => panels.show(topicId, slug) };
  const simulators = new SimulatorPanels(context.extensionUri, simServices, log);
  for (const kind of SIMULATOR_KINDS) context.subscriptions.push(ScenarioEditorProvider.register(kind, context.extensionUri, simServices, log));
  const goHover = new GoHoverProvider(store);
  const channelLens = new ChannelCodeLensProvider();
  context.subscriptions.push(
    simulators,
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

  const commands: Command[] = [
    openNoteCommand(store, panels),
    searchNotesCommand(store, panels),
    refreshNotesCommand(store),
    startQuizCommand(store, quiz, context.extensionUri),
    reviewDueCommand(store, quiz, context.extensionUri),
    quizStatsCommand(stats),
    resetQuizProgressCommand(quiz),
    exportQuizProgressCommand(quiz),
    importQuizProgressCommand(quiz),
    ...openSimulatorCommands(simulators),
    openTopicSimulatorCommand(simulators),
    visualizeChannelsCommand(simulators),
  ];
  for (const command of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
  }
  return {
    catalogue: () => store.catalogue(),
    openNoteIds: () => panels.openTopicIds(),
    topicsTree: tree,
    quizProgress: () => quiz.progress(),
    reloadQuizProgress: () => quiz.reloadFromStorage(),
    openSimulators: () => simulators.openKinds(),
  };
}

export function deactivate(): void {}
