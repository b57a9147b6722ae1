import * as vscode from 'vscode';
import { contentString } from '../notes/labels';
import { classifyLink, resolveRelative } from '../notes/links';
import type { Topic } from '../notes/model';
import type { NoteStore } from '../notes/noteStore';
import { notesEngine } from '../notes/loadEngine';
import { parseNotePanelState, parseNoteViewMessage, type NoteHostMessage } from '../protocol';
import { NOTE_VIEW_TYPE } from './viewTypes';
import { escapeHtml, pageHtml } from './webviewHtml';

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  topicId: string;
}

/** One webview panel per note: opening an open note reveals it; panels survive reloads (restore). */
export class NotePanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: NoteStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(store.onDidChange(() => void this.refreshAll()));
  }

  /** Topic ids of the open note panels (for tests and commands). */
  openTopicIds(): string[] {
    return [...this.open.keys()];
  }

  /** Opens (or reveals) the note of `topicId`, scrolled to `slug` when given. False when there is no such note. */
  async show(topicId: string, slug?: string): Promise<boolean> {
    const catalogue = await this.store.catalogue();
    const topic = catalogue.topics.find((t) => t.id === topicId);
    if (!topic) {
      void vscode.window.showWarningMessage(vscode.l10n.t('There is no note with the id "{0}".', topicId));
      return false;
    }
    const existing = this.open.get(topicId);
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (slug) void this.post(existing.panel, { type: 'scrollTo', slug });
      return true;
    }
    const panel = vscode.window.createWebviewPanel(NOTE_VIEW_TYPE, topic.title, vscode.ViewColumn.Active, this.webviewOptions());
    this.attach(panel, topic, slug);
    return true;
  }

  /** A panel VS Code brings back after a reload (the serializer activate() registers). */
  async restore(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    panel.webview.options = this.webviewOptions();
    const state = parseNotePanelState(rawState);
    const topic = state && (await this.store.catalogue()).topics.find((t) => t.id === state.topicId);
    if (!state || !topic || this.open.has(topic.id)) {
      if (state && topic) {
        panel.dispose(); // the note is already open in another panel
        return;
      }
      this.log.warn(`Could not restore a note panel from state ${JSON.stringify(rawState)?.slice(0, 200)}`);
      panel.webview.html = this.messagePage(panel.webview, vscode.l10n.t('This note is no longer available. Open it again from the Topics view.'));
      return;
    }
    this.attach(panel, topic, state.slug);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const roots = ['media', 'dist/webview', 'notes'].map((p) => vscode.Uri.joinPath(this.extensionUri, ...p.split('/')));
    for (const topic of this.store.loaded?.topics ?? []) {
      if (topic.origin === 'user') roots.push(vscode.Uri.joinPath(vscode.Uri.parse(topic.file), '..'));
    }
    return { enableScripts: true, enableCommandUris: false, enableFindWidget: true, localResourceRoots: roots };
  }

  private attach(panel: vscode.WebviewPanel, topic: Topic, slug?: string): void {
    const entry: OpenPanel = { panel, topicId: topic.id };
    this.open.set(topic.id, entry);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'note.svg');
    panel.webview.onDidReceiveMessage((raw) => this.onMessage(entry, raw), undefined, this.disposables);
    panel.onDidDispose(() => {
      if (this.open.get(entry.topicId) === entry) this.open.delete(entry.topicId);
    });
    this.render(panel, topic, slug);
  }

  private render(panel: vscode.WebviewPanel, topic: Topic, slug?: string): void {
    panel.title = topic.title;
    const html = this.renderBody(panel.webview, topic);
    const slugAttr = slug ? ` data-initial-slug="${escapeHtml(slug)}"` : '';
    panel.webview.html = pageHtml({
      webview: panel.webview,
      extensionUri: this.extensionUri,
      title: topic.title,
      lang: topic.lang,
      styles: ['media/note.css'],
      scripts: ['dist/webview/note.js'],
      body: `${this.actions(topic)}<main id="note" class="note" data-topic-id="${escapeHtml(topic.id)}"${slugAttr}>\n${html}</main>`,
    });
  }

  /** A small header of actions; links go through the same checked message path as links in notes. */
  private actions(topic: Topic): string {
    if (topic.origin !== 'bundled') return '';
    const href = `command:interviewPrep.startQuiz?${encodeURIComponent(JSON.stringify([topic.id]))}`;
    const label = contentString('quizThisTopic', topic.lang);
    return `<nav class="note-actions"><a href="${escapeHtml(href)}" data-link="command" class="note-action">${escapeHtml(label)}</a></nav>\n`;
  }

  private renderBody(webview: vscode.Webview, topic: Topic): string {
    const noteDir = vscode.Uri.joinPath(vscode.Uri.parse(topic.file), '..');
    return notesEngine().renderTopic(this.store.md, topic, {
      lang: topic.lang,
      resolveImage: (src) => webview.asWebviewUri(vscode.Uri.joinPath(noteDir, src)).toString(),
    });
  }

  private messagePage(webview: vscode.Webview, text: string): string {
    return pageHtml({
      webview,
      extensionUri: this.extensionUri,
      title: 'Interview Prep',
      lang: this.store.language,
      styles: ['media/note.css'],
      scripts: [],
      body: `<main id="note" class="note"><p class="notice">${escapeHtml(text)}</p></main>`,
    });
  }

  /** After notes changed on disk or the language changed: re-render in place, keeping the scroll position. */
  private async refreshAll(): Promise<void> {
    const catalogue = await this.store.catalogue();
    for (const entry of [...this.open.values()]) {
      const topic = catalogue.topics.find((t) => t.id === entry.topicId);
      if (!topic) {
        entry.panel.webview.html = this.messagePage(entry.panel.webview, vscode.l10n.t('This note was removed or renamed.'));
        continue;
      }
      entry.panel.title = topic.title;
      void this.post(entry.panel, { type: 'update', title: topic.title, topicId: topic.id, html: this.renderBody(entry.panel.webview, topic) });
    }
  }

  private post(panel: vscode.WebviewPanel, message: NoteHostMessage): Thenable<boolean> {
    return panel.webview.postMessage(message);
  }

  private async onMessage(entry: OpenPanel, raw: unknown): Promise<void> {
    const message = parseNoteViewMessage(raw);
    if (!message) {
      this.log.warn(`Ignored an unknown message from the note panel: ${safeJson(raw)}`);
      return;
    }
    if (message.type !== 'openLink') return;
    const target = classifyLink(message.href);
    switch (target.kind) {
      case 'external':
        await vscode.env.openExternal(vscode.Uri.parse(target.url));
        return;
      case 'anchor':
        await this.post(entry.panel, { type: 'scrollTo', slug: target.slug });
        return;
      case 'note': {
        const linked = await this.findLinkedTopic(entry.topicId, target.path);
        if (linked) await this.show(linked.id, target.slug);
        else void vscode.window.showWarningMessage(vscode.l10n.t('The linked note "{0}" was not found.', target.path));
        return;
      }
      case 'command': {
        const known = await vscode.commands.getCommands(true);
        if (known.includes(target.command)) await vscode.commands.executeCommand(target.command, ...target.args);
        else this.log.warn(`Refused link to unknown command ${target.command}`);
        return;
      }
      case 'refused':
        this.log.warn(`Refused link "${message.href.slice(0, 200)}": ${target.reason}`);
        return;
    }
  }

  /** A relative link: the note at that path, else (for bundled notes in another language folder) the topic named by the file. */
  private async findLinkedTopic(fromTopicId: string, path: string): Promise<Topic | undefined> {
    const catalogue = await this.store.catalogue();
    const from = catalogue.topics.find((t) => t.id === fromTopicId);
    if (!from) return undefined;
    const resolved = resolveRelative(from.file, path);
    const byFile = catalogue.topics.find((t) => t.file === resolved);
    if (byFile) return byFile;
    const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
    return catalogue.topics.find((t) => t.origin === 'bundled' && t.id === name);
  }

  dispose(): void {
    for (const entry of this.open.values()) entry.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function safeJson(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}
