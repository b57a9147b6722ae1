import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { notesEngine } from './loadEngine';
import { NOTE_LANGUAGES, type Catalogue, type NoteLanguage, type NoteProblem } from './model';
import type { NoteFile } from './parse';
import { buildSearchIndex, type SearchIndex } from './search';

const NOTE_GLOB = '**/*.{md,markdown,txt}';
const NOTE_EXTENSION = /\.(md|markdown|txt)$/i;
const MAX_USER_FILES = 500;
const MAX_DEPTH = 6;
const RELOAD_DELAY_MS = 150;

/** Where the notes language comes from: the setting, else VS Code's display language. */
export function noteLanguage(): NoteLanguage {
  const setting = vscode.workspace.getConfiguration('interviewPrep.notes').get<string>('language', 'auto');
  if ((NOTE_LANGUAGES as readonly string[]).includes(setting)) return setting as NoteLanguage;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/**
 * Owns the catalogue: loads bundled and user notes lazily through `vscode.workspace.fs`
 * (so it works in the web host too), watches the user's paths, publishes problems as
 * diagnostics, and tells listeners when anything changed.
 */
export class NoteStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('interviewPrep.notes');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private watchers: vscode.Disposable[] = [];
  private loading: Promise<Catalogue> | undefined;
  private index: { catalogue: Catalogue; index: SearchIndex } | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private markdown: MarkdownIt | undefined;
  private current: Catalogue | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('interviewPrep.notes')) this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()),
    );
  }

  get md(): MarkdownIt {
    return (this.markdown ??= notesEngine().createMarkdown());
  }

  get language(): NoteLanguage {
    return noteLanguage();
  }

  /** The catalogue as last loaded, or undefined before the first load finished. */
  get loaded(): Catalogue | undefined {
    return this.current;
  }

  catalogue(): Promise<Catalogue> {
    return (this.loading ??= this.load());
  }

  async searchIndex(): Promise<SearchIndex> {
    const catalogue = await this.catalogue();
    if (this.index?.catalogue !== catalogue) this.index = { catalogue, index: buildSearchIndex(catalogue) };
    return this.index.index;
  }

  /** Drops the catalogue and loads it again. Listeners hear about it once it has loaded. */
  reload(): void {
    this.loading = undefined;
    void this.catalogue().then(() => this.changed.fire());
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), RELOAD_DELAY_MS);
  }

  private async load(): Promise<Catalogue> {
    const started = Date.now();
    const language = this.language;
    const bundledProblems: NoteProblem[] = [];
    const [bundled, user] = await Promise.all([
      this.readBundled().catch((err: Error) => {
        bundledProblems.push({ file: this.extensionUri.toString(), line: 0, message: `Cannot read the bundled notes: ${err.message}`, severity: 'error' });
        return [];
      }),
      this.readUserNotes(),
    ]);
    const unreadable = [...bundledProblems, ...user.problems];
    const catalogue = notesEngine().buildCatalogue(this.md, { bundled, user: user.files, unreadable, language });
    this.publishDiagnostics(catalogue.problems);
    this.current = catalogue;
    this.log.info(
      `Loaded ${catalogue.topics.length} topics (${language}) with ${catalogue.problems.length} problem(s) in ${Date.now() - started} ms`,
    );
    for (const p of catalogue.problems) this.log.warn(`${p.file}:${p.line + 1}: ${p.message}`);
    return catalogue;
  }

  private async readBundled(): Promise<NoteFile[]> {
    const files: NoteFile[] = [];
    await Promise.all(
      NOTE_LANGUAGES.map(async (lang) => {
        const dir = vscode.Uri.joinPath(this.extensionUri, 'notes', lang);
        const entries = await vscode.workspace.fs.readDirectory(dir);
        await Promise.all(
          entries
            .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
            .map(async ([name]) => {
              const uri = vscode.Uri.joinPath(dir, name);
              files.push({ file: uri.toString(), bytes: await vscode.workspace.fs.readFile(uri), origin: 'bundled', lang });
            }),
        );
      }),
    );
    return files.sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Resolves `interviewPrep.notes.extraPaths`, (re)creates the watchers, reads every note file found. */
  private async readUserNotes(): Promise<{ files: NoteFile[]; problems: NoteProblem[] }> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const problems: NoteProblem[] = [];
    const uris: vscode.Uri[] = [];
    const lang = this.language;
    for (const configured of userPaths()) {
      const uri = resolveUserPath(configured);
      if (!uri) {
        problems.push({ file: configured, line: 0, message: `Notes path "${configured}" needs an open workspace folder to resolve against.`, severity: 'warning' });
        continue;
      }
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch {
        problems.push({ file: uri.toString(), line: 0, message: `Notes path "${configured}" does not exist.`, severity: 'warning' });
        this.watch(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.slice(uri.path.lastIndexOf('/') + 1)));
        continue;
      }
      if (stat.type & vscode.FileType.Directory) {
        this.watch(new vscode.RelativePattern(uri, NOTE_GLOB));
        await collectNoteFiles(uri, 0, uris);
      } else {
        this.watch(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.slice(uri.path.lastIndexOf('/') + 1)));
        uris.push(uri);
      }
    }
    if (uris.length > MAX_USER_FILES) {
      problems.push({ file: uris[MAX_USER_FILES].toString(), line: 0, message: `Only the first ${MAX_USER_FILES} note files are read.`, severity: 'warning' });
      uris.length = MAX_USER_FILES;
    }
    const files: NoteFile[] = [];
    const seen = new Set<string>();
    await Promise.all(
      uris.map(async (uri) => {
        if (seen.has(uri.toString())) return;
        seen.add(uri.toString());
        try {
          const tooLarge = notesEngine().sizeProblem(uri.toString(), (await vscode.workspace.fs.stat(uri)).size);
          if (tooLarge) problems.push(tooLarge);
          else files.push({ file: uri.toString(), bytes: await vscode.workspace.fs.readFile(uri), origin: 'user', lang });
        } catch (err) {
          problems.push({ file: uri.toString(), line: 0, message: `Cannot read note: ${(err as Error).message}`, severity: 'error' });
        }
      }),
    );
    files.sort((a, b) => a.file.localeCompare(b.file));
    return { files, problems };
  }

  private watch(pattern: vscode.RelativePattern): void {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onEvent = () => this.scheduleReload();
    this.watchers.push(watcher, watcher.onDidCreate(onEvent), watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
  }

  private publishDiagnostics(problems: readonly NoteProblem[]): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      if (!problem.file.includes(':')) continue; // not a file we can point at
      const range = new vscode.Range(problem.line, 0, problem.line, Number.MAX_SAFE_INTEGER);
      const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
      const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
      diagnostic.source = 'Interview Prep';
      const list = byFile.get(problem.file) ?? [];
      list.push(diagnostic);
      byFile.set(problem.file, list);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.parse(file), list);
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}

function userPaths(): string[] {
  const value = vscode.workspace.getConfiguration('interviewPrep.notes').get<unknown>('extraPaths', []);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}

/**
 * Absolute paths and `~/…` as they are; anything else relative to the first workspace folder.
 * An absolute path lives where the workspace does: on a remote or in the browser (web worker
 * host) that is the workspace folder's scheme and authority, not this process's `file:`.
 */
export function resolveUserPath(configured: string): vscode.Uri | undefined {
  const trimmed = configured.trim();
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(trimmed)) return vscode.Uri.parse(trimmed);
  if (trimmed.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(trimmed)) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder && folder.scheme !== 'file' ? folder.with({ path: vscode.Uri.file(trimmed).path }) : vscode.Uri.file(trimmed);
  }
  if (trimmed.startsWith('~/') && typeof process !== 'undefined' && process.env?.HOME) {
    return vscode.Uri.file(process.env.HOME + trimmed.slice(1));
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, trimmed) : undefined;
}

async function collectNoteFiles(dir: vscode.Uri, depth: number, out: vscode.Uri[]): Promise<void> {
  if (depth > MAX_DEPTH || out.length > MAX_USER_FILES) return;
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return;
  }
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const child = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) await collectNoteFiles(child, depth + 1, out);
    else if (NOTE_EXTENSION.test(name)) out.push(child);
  }
}
