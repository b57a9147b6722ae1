import * as vscode from 'vscode';
import { MAX_SCENARIO_CHARS } from '../sim/protocol';

const MAIN_FUNC = /^func\s+main\s*\(\s*\)/gm;

/** A "Visualize channels" lens above `func main()` in Go files that use channels. */
export class ChannelCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly configListener = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('interviewPrep.channels.codeLens') && this.changed.fire());

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('interviewPrep.channels').get<boolean>('codeLens', true)) return [];
    const text = document.getText();
    if (text.length > MAX_SCENARIO_CHARS || !/\bchan\b/.test(text)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const match of text.matchAll(MAIN_FUNC)) {
      const position = document.positionAt(match.index ?? 0);
      lenses.push(new vscode.CodeLens(new vscode.Range(position, position), {
        title: vscode.l10n.t('$(debug-alt) Visualize channels'),
        tooltip: vscode.l10n.t('Run this program in the channel simulator and watch hchan step by step'),
        command: 'interviewPrep.visualizeChannels',
        arguments: [document.uri],
      }));
    }
    return lenses;
  }
}
