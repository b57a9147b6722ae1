import * as vscode from 'vscode';
import { openNoteCommand, refreshNotesCommand, searchNotesCommand, type Command } from './notes/commands';
import type { Catalogue } from './notes/model';
import { NoteStore } from './notes/noteStore';
import { TopicsTreeProvider, type TopicsNode } from './notes/topicsTree';
import { GO_SELECTOR, GoHoverProvider } from './hover/goHover';
import { NotePanels } from './panels/notePanels';

/** What the extension exposes to its own in-host tests. */
export interface InterviewPrepApi {
  catalogue(): Promise<Catalogue>;
  openNoteIds(): string[];
  readonly topicsTree: vscode.TreeDataProvider<TopicsNode>;
}

/** Wiring only: every part is built lazily enough that nothing reads disk here. */
export function activate(context: vscode.ExtensionContext): InterviewPrepApi {
  const log = vscode.window.createOutputChannel('Interview Prep', { log: true });
  const store = new NoteStore(context.extensionUri, log);
  const panels = new NotePanels(context.extensionUri, store, log);
  const tree = new TopicsTreeProvider(store);
  const treeView = vscode.window.createTreeView('interviewPrep.topics', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(log, store, panels, treeView);
  context.subscriptions.push(vscode.languages.registerHoverProvider(GO_SELECTOR, new GoHoverProvider(store)));

  const commands: Command[] = [openNoteCommand(store, panels), searchNotesCommand(store, panels), refreshNotesCommand(store)];
  for (const command of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
  }
  return { catalogue: () => store.catalogue(), openNoteIds: () => panels.openTopicIds(), topicsTree: tree };
}

export function deactivate(): void {}
