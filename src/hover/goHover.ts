import * as vscode from 'vscode';
import { noteLanguage, type NoteStore } from '../notes/noteStore';
import type { GoFileCache, TipId } from './classify';
import type * as HoverEngine from './hoverEngine';
import { TIP_COMMANDS } from './tipCommands';

const MAX_FILE_CHARS = 2_000_000;
const PREPARE_DELAY_MS = 250;

/**
 * Interview tips on Go keywords. Adds to other hovers (gopls' included), never replaces them.
 * Off or limited to chosen tips through `interviewPrep.hover.*`.
 */
export class GoHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private engine: typeof HoverEngine | undefined;
  private cache: GoFileCache | undefined;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: NoteStore) {
    // Once hovers are in use, re-analyse an edited Go file when typing pauses, so the next hover
    // finds it ready instead of tokenizing the whole file on the spot.
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (!this.cache || e.document.languageId !== 'go' || e.document.getText().length > MAX_FILE_CHARS) return;
      const key = e.document.uri.toString();
      clearTimeout(this.pending.get(key));
      this.pending.set(
        key,
        setTimeout(() => {
          this.pending.delete(key);
          this.cache?.get(key, e.document.version, () => e.document.getText());
        }, PREPARE_DELAY_MS),
      );
    });
  }

  dispose(): void {
    this.subscription.dispose();
    for (const timer of this.pending.values()) clearTimeout(timer);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const config = vscode.workspace.getConfiguration('interviewPrep.hover', document);
    if (!config.get<boolean>('enabled', true)) return undefined;
    const text = document.getText();
    if (text.length > MAX_FILE_CHARS) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = (this.engine ??= require('./hover.js') as typeof HoverEngine);
    this.cache ??= new engine.GoFileCache();
    const file = this.cache.get(document.uri.toString(), document.version, () => text);
    const found = engine.classifyAt(file, document.offsetAt(position));
    if (!found || !allowed(found.tip, config.get<unknown>('tips'))) return undefined;
    const topics = this.store.loaded?.topics;
    if (!topics) void this.store.catalogue(); // tips name bundled notes; a unit test keeps those links valid
    const markdown = new vscode.MarkdownString(
      engine.tipMarkdown(found.tip, noteLanguage(), (topic) => topics?.some((t) => t.id === topic) ?? true),
    );
    markdown.isTrusted = { enabledCommands: [...TIP_COMMANDS] };
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)));
  }
}

/** An empty or missing list means every tip; otherwise only the listed tip ids. */
export function allowed(tip: TipId, setting: unknown): boolean {
  if (!Array.isArray(setting) || setting.length === 0) return true;
  return setting.includes(tip);
}

export const GO_SELECTOR: vscode.DocumentSelector = [{ language: 'go' }, { pattern: '**/*.go' }];
