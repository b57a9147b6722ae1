import * as vscode from 'vscode';
import type { Command } from '../notes/commands';
import { isSimulatorKind, MAX_SCENARIO_CHARS, type SimulatorKind } from '../sim/protocol';
import type { SimulatorPanels } from './simPanels';
import { isRecord } from '../shared/isRecord';

/** Palette command ids, one per simulator. */
export const SIMULATOR_COMMANDS: Readonly<Record<SimulatorKind, string>> = {
  raft: 'interviewPrep.openRaftSimulator',
  chan: 'interviewPrep.openChannelSimulator',
  alloc: 'interviewPrep.openAllocatorSimulator',
  mvcc: 'interviewPrep.openMvccSimulator',
};

/** A preset id from a command argument: `"partition"` or `{ "preset": "partition" }` (note links use either). */
function presetArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (isRecord(arg) && typeof arg.preset === 'string') return arg.preset;
  return undefined;
}

export function openSimulatorCommands(panels: SimulatorPanels): Command[] {
  return (Object.entries(SIMULATOR_COMMANDS) as [SimulatorKind, string][]).map(([kind, id]) => ({
    id,
    execute: (arg?: unknown) => panels.show(kind, { preset: presetArgument(arg) }),
  }));
}

/** From the Topics tree (a topic with a simulator) or with a kind: opens that topic's simulator. */
export function openTopicSimulatorCommand(panels: SimulatorPanels): Command {
  return {
    id: 'interviewPrep.openSimulator',
    execute(arg?: unknown, preset?: unknown) {
      const kind = isRecord(arg) && isRecord(arg.topic) ? arg.topic.simulator : arg;
      if (!isSimulatorKind(kind)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('There is no simulator called "{0}".', String(kind)));
        return;
      }
      panels.show(kind, { preset: presetArgument(preset) });
    },
  };
}

/** "Visualize channels": the selection, else the whole Go file, runs in the channel simulator. */
export function visualizeChannelsCommand(panels: SimulatorPanels): Command {
  return {
    id: 'interviewPrep.visualizeChannels',
    execute(uriArg?: unknown) {
      const editor = vscode.window.activeTextEditor;
      const document = uriArg instanceof vscode.Uri
        ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriArg.toString())
        : editor?.document;
      if (!document || document.languageId !== 'go') {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a Go file to visualize its channels.'));
        return;
      }
      const selection = editor && editor.document === document && !editor.selection.isEmpty ? editor.selection : undefined;
      const text = document.getText(selection);
      if (text.length > MAX_SCENARIO_CHARS) {
        void vscode.window.showErrorMessage(vscode.l10n.t('This program is too large for the channel simulator ({0} KB; the limit is {1} KB).', Math.ceil(text.length / 1024), MAX_SCENARIO_CHARS / 1024));
        return;
      }
      panels.show('chan', { scenario: { text, fileName: document.uri.path.split('/').pop() ?? 'main.go' } });
    },
  };
}
