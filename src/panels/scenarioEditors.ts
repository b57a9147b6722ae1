import * as vscode from 'vscode';
import { noteLanguage } from '../notes/noteStore';
import { MAX_SCENARIO_CHARS, parseSimViewMessage, type SimHostMessage, type SimulatorKind } from '../sim/protocol';
import { handleSimMessage, simulatorHtml, simulatorWebviewOptions, type SimHostServices } from './simPanels';

/**
 * Opens a scenario file (`*.raft.json`, `*.alloc.json`, `*.mvcc.sql`, a Go program) in its
 * simulator. The file stays a text document: what the simulator changes is written back as a
 * workspace edit, so undo, dirty state and save are VS Code's own; edits made in a text editor
 * of the same file reach the simulator.
 */
export class ScenarioEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(
    private readonly kind: SimulatorKind,
    private readonly extensionUri: vscode.Uri,
    private readonly services: SimHostServices,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = simulatorWebviewOptions(this.extensionUri);
    webview.html = simulatorHtml(webview, this.extensionUri, this.kind, noteLanguage(), undefined, 'file');
    const fileName = document.uri.path.split('/').pop() ?? '';
    // The text the simulator has: never echo its own edits back to it.
    let simulatorText: string | undefined;
    const sendDocument = () => {
      const text = document.getText();
      if (text === simulatorText) return;
      if (text.length > MAX_SCENARIO_CHARS) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} is too large for a scenario ({1} KB; the limit is {2} KB).', fileName, Math.ceil(text.length / 1024), MAX_SCENARIO_CHARS / 1024));
        return;
      }
      simulatorText = text;
      void webview.postMessage({ type: 'scenario', text, fileName } satisfies SimHostMessage);
    };
    const applyEdit = async (text: string) => {
      simulatorText = text;
      if (text === document.getText()) return;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      if (!(await vscode.workspace.applyEdit(edit))) this.log.warn(`Could not write the ${this.kind} scenario back to ${document.uri.toString()}`);
    };
    const subscriptions = [
      webview.onDidReceiveMessage((raw) => {
        if (parseSimViewMessage(raw)?.type === 'ready') {
          simulatorText = undefined;
          sendDocument();
          return;
        }
        handleSimMessage(raw, this.kind, webview, this.services, this.log, (text) => void applyEdit(text)).catch((err) => this.log.error(`${this.kind} scenario editor: ${String(err)}`));
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === document.uri.toString() && e.contentChanges.length > 0) sendDocument();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // New HTML (see SimulatorPanels): the page asks for the file again when it is ready.
        if (e.affectsConfiguration('interviewPrep.notes.language')) webview.html = simulatorHtml(webview, this.extensionUri, this.kind, noteLanguage(), undefined, 'file');
      }),
    ];
    panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
  }
}
