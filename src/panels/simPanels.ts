import * as vscode from 'vscode';
import { noteLanguage } from '../notes/noteStore';
import { MAX_SCENARIO_CHARS, parseSimViewMessage, type SimHostMessage, type SimLanguage, type SimulatorKind } from '../sim/protocol';
import { simViewType } from './viewTypes';
import { createNonce, escapeHtml, pageHtml } from './webviewHtml';

/** What the panels need from the rest of the extension. */
export interface SimHostServices {
  openNote(topicId: string, slug?: string): Promise<unknown>;
}

export interface SimulatorInfo {
  readonly kind: SimulatorKind;
  readonly title: () => string;
  /** Scenario file extensions, for the save/open dialogs. */
  readonly fileFilters: () => Record<string, string[]>;
}

export const SIMULATORS: Readonly<Record<SimulatorKind, SimulatorInfo>> = {
  raft: { kind: 'raft', title: () => vscode.l10n.t('Raft Simulator'), fileFilters: () => ({ [vscode.l10n.t('Raft scenario')]: ['raft.json', 'json'] }) },
  chan: { kind: 'chan', title: () => vscode.l10n.t('Channel Simulator'), fileFilters: () => ({ [vscode.l10n.t('Go program')]: ['go'] }) },
  alloc: { kind: 'alloc', title: () => vscode.l10n.t('Allocator Simulator'), fileFilters: () => ({ [vscode.l10n.t('Allocator scenario')]: ['alloc.json', 'json'] }) },
  mvcc: { kind: 'mvcc', title: () => vscode.l10n.t('MVCC Simulator'), fileFilters: () => ({ [vscode.l10n.t('MVCC script')]: ['mvcc.sql', 'sql'] }) },
};

/**
 * The HTML of a simulator page: the shared shell, the simulator's bundle and styles, and its start data.
 * `mode` "file" is a scenario file's editor: the page reports its scenario changes with `edit` messages.
 */
export function simulatorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, kind: SimulatorKind, lang: SimLanguage, preset?: string, mode: 'panel' | 'file' = 'panel'): string {
  return pageHtml({
    webview,
    extensionUri,
    title: SIMULATORS[kind].title(),
    lang,
    styles: ['media/sim.css', `media/${kind}.css`],
    scripts: [`dist/webview/${kind}.js`],
    // data-page identifies this HTML, so the page applies its preset once (not on each rebuild of a hidden panel).
    body: `<main id="sim" data-kind="${kind}" data-mode="${mode}" data-lang="${lang}" data-preset="${escapeHtml(preset ?? '')}" data-page="${createNonce()}"></main>`,
  });
}

export function simulatorWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/** Reads a scenario file the user picked, refusing ones too large to be a scenario. */
export async function readScenarioFile(uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_SCENARIO_CHARS) throw new Error(vscode.l10n.t('{0} is too large for a scenario ({1} KB; the limit is {2} KB).', uri.path.split('/').pop() ?? '', Math.ceil(stat.size / 1024), MAX_SCENARIO_CHARS / 1024));
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Handles what a simulator webview asks of the extension (notes, scenario files). Shared by the
 * simulator panels and the scenario-file editors; unknown messages are logged and ignored.
 */
export async function handleSimMessage(
  raw: unknown,
  kind: SimulatorKind,
  webview: vscode.Webview,
  services: SimHostServices,
  log: vscode.LogOutputChannel,
  onEdit?: (text: string) => void,
): Promise<void> {
  const message = parseSimViewMessage(raw);
  if (!message) {
    log.warn(`Ignored an unknown message from the ${kind} simulator: ${JSON.stringify(raw)?.slice(0, 200)}`);
    return;
  }
  switch (message.type) {
    case 'ready':
      return;
    case 'openNote':
      await services.openNote(message.topicId, message.slug);
      return;
    case 'edit':
      onEdit?.(message.text);
      return;
    case 'saveScenario': {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const fileName = message.fileName.replace(/[\\/:*?"<>|]/g, '_') || `scenario.${kind}`;
      const target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save scenario'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
        filters: SIMULATORS[kind].fileFilters(),
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(message.text));
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved the scenario to {0}.', vscode.workspace.asRelativePath(target)));
      return;
    }
    case 'openScenario': {
      const picked = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Open scenario'),
        canSelectMany: false,
        filters: SIMULATORS[kind].fileFilters(),
      });
      if (!picked?.[0]) return;
      try {
        const text = await readScenarioFile(picked[0]);
        const reply: SimHostMessage = { type: 'scenario', text, fileName: picked[0].path.split('/').pop() ?? '' };
        await webview.postMessage(reply);
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the scenario: {0}', err instanceof Error ? err.message : String(err)));
      }
      return;
    }
  }
}

/** One panel per simulator: opening it again reveals it (and loads the preset asked for); panels survive reloads. */
export class SimulatorPanels implements vscode.Disposable {
  private readonly open = new Map<SimulatorKind, vscode.WebviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: SimHostServices,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('interviewPrep.notes.language')) return;
        // New HTML, not a message: a page without retained context is rebuilt from its HTML each
        // time it is shown, so the language must live there. The page restores its state (setState).
        for (const [kind, panel] of this.open) panel.webview.html = simulatorHtml(panel.webview, this.extensionUri, kind, noteLanguage());
      }),
    );
  }

  /** A panel VS Code brings back after a reload (the serializer activate() registers); a second one of a kind is closed. */
  restore(kind: SimulatorKind, panel: vscode.WebviewPanel): void {
    if (this.open.has(kind)) panel.dispose();
    else this.attach(kind, panel);
  }

  /** Kinds of the open simulator panels (for tests). */
  openKinds(): SimulatorKind[] {
    return [...this.open.keys()];
  }

  /** Opens or reveals the simulator; with a preset id or a scenario, loads it. */
  show(kind: SimulatorKind, options: { preset?: string; scenario?: { text: string; fileName: string } } = {}): void {
    const existing = this.open.get(kind);
    if (existing) {
      const wasVisible = existing.visible;
      existing.reveal(undefined, false);
      if (wasVisible) {
        if (options.preset) void existing.webview.postMessage({ type: 'preset', id: options.preset } satisfies SimHostMessage);
        if (options.scenario) void existing.webview.postMessage({ type: 'scenario', ...options.scenario } satisfies SimHostMessage);
      } else if (options.preset || options.scenario) {
        // A hidden page is rebuilt from its HTML when shown, and a message sent now would be lost.
        existing.webview.html = simulatorHtml(existing.webview, this.extensionUri, kind, noteLanguage(), options.preset);
        if (options.scenario) this.sendWhenReady(existing, options.scenario);
      }
      return;
    }
    const panel = vscode.window.createWebviewPanel(simViewType(kind), SIMULATORS[kind].title(), vscode.ViewColumn.Active, {
      ...simulatorWebviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    this.attach(kind, panel, options.preset);
    if (options.scenario) this.sendWhenReady(panel, options.scenario);
  }

  /** Sends a scenario once the page has loaded its script: messages before that are lost. */
  private sendWhenReady(panel: vscode.WebviewPanel, scenario: { text: string; fileName: string }): void {
    const once = panel.webview.onDidReceiveMessage((raw) => {
      if (parseSimViewMessage(raw)?.type !== 'ready') return;
      once.dispose();
      void panel.webview.postMessage({ type: 'scenario', ...scenario } satisfies SimHostMessage);
    });
    panel.onDidDispose(() => once.dispose());
  }

  private attach(kind: SimulatorKind, panel: vscode.WebviewPanel, preset?: string): void {
    this.open.set(kind, panel);
    panel.title = SIMULATORS[kind].title();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', `sim-${kind}.svg`);
    panel.webview.options = simulatorWebviewOptions(this.extensionUri);
    panel.webview.onDidReceiveMessage((raw) => handleSimMessage(raw, kind, panel.webview, this.services, this.log).catch((err) => this.log.error(`${kind} simulator: ${String(err)}`)), undefined, this.disposables);
    panel.onDidDispose(() => {
      if (this.open.get(kind) === panel) this.open.delete(kind);
    });
    panel.webview.html = simulatorHtml(panel.webview, this.extensionUri, kind, noteLanguage(), preset);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const panel of this.open.values()) panel.dispose();
  }
}
