/**
 * Everything that runs only once the user opens something — note panels, simulators, scenario
 * editors, quiz sessions and statistics, and the commands behind them. Bundled as dist/ui.js and
 * loaded by activate() on first use, so activation loads only the tree, the hover and the lens.
 */
import type * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { openNoteCommand, refreshNotesCommand, searchNotesCommand, type Command } from './notes/commands';
import type { NoteStore } from './notes/noteStore';
import { NotePanels } from './panels/notePanels';
import { ScenarioEditorProvider } from './panels/scenarioEditors';
import { openSimulatorCommands, openTopicSimulatorCommand, visualizeChannelsCommand } from './panels/simCommands';
import { SimulatorPanels } from './panels/simPanels';
import {
  exportQuizProgressCommand,
  importQuizProgressCommand,
  quizStatsCommand,
  resetQuizProgressCommand,
  reviewDueCommand,
  startQuizCommand,
} from './quiz/commands';
import type { QuizService } from './quiz/quizService';
import { StatsPanel } from './quiz/statsPanel';
import { SIMULATOR_KINDS, type SimulatorKind } from './sim/protocol';

export interface UiDeps {
  readonly extensionUri: vscode.Uri;
  readonly store: NoteStore;
  readonly quiz: QuizService;
  readonly log: vscode.LogOutputChannel;
}

export interface Ui extends vscode.Disposable {
  readonly notePanels: NotePanels;
  readonly simulators: SimulatorPanels;
  run(id: CommandId, args: unknown[]): unknown;
  scenarioEditor(kind: SimulatorKind): vscode.CustomTextEditorProvider;
}

export function createUi({ extensionUri, store, quiz, log }: UiDeps): Ui {
  const notePanels = new NotePanels(extensionUri, store, log);
  const stats = new StatsPanel(extensionUri, quiz);
  const services = { openNote: (topicId: string, slug?: string) => notePanels.show(topicId, slug) };
  const simulators = new SimulatorPanels(extensionUri, services, log);
  const commands = new Map<string, Command>([
    openNoteCommand(store, notePanels),
    searchNotesCommand(store, notePanels),
    refreshNotesCommand(store),
    startQuizCommand(store, quiz, extensionUri),
    reviewDueCommand(store, quiz, extensionUri),
    quizStatsCommand(stats),
    resetQuizProgressCommand(quiz),
    exportQuizProgressCommand(quiz),
    importQuizProgressCommand(quiz),
    ...openSimulatorCommands(simulators),
    openTopicSimulatorCommand(simulators),
    visualizeChannelsCommand(simulators),
  ].map((command) => [command.id, command]));
  const unmatched = [...COMMAND_IDS.filter((id) => !commands.has(id)), ...[...commands.keys()].filter((id) => !(COMMAND_IDS as readonly string[]).includes(id))];
  if (unmatched.length) throw new Error(`COMMAND_IDS and the command implementations differ: ${unmatched.join(', ')}`);
  const editors = new Map(SIMULATOR_KINDS.map((kind) => [kind, new ScenarioEditorProvider(kind, extensionUri, services, log)]));
  return {
    notePanels,
    simulators,
    run: (id, args) => commands.get(id)!.execute(...args),
    scenarioEditor: (kind) => editors.get(kind)!,
    dispose: () => {
      notePanels.dispose();
      stats.dispose();
      simulators.dispose();
    },
  };
}
