import * as vscode from 'vscode';
import { categoryLabel, contentString } from './labels';
import { categoriesOf, type Catalogue, type NoteLanguage, type NoteProblem, type Section, type Topic } from './model';
import type { NoteStore } from './noteStore';

export type TopicsNode =
  | { readonly kind: 'category'; readonly category: string }
  | { readonly kind: 'topic'; readonly topic: Topic }
  | { readonly kind: 'section'; readonly topic: Topic; readonly section: Section }
  | { readonly kind: 'problem'; readonly problem: NoteProblem };

const CATEGORY_ICONS: Record<string, string> = {
  distributed: 'server-environment',
  go: 'symbol-method',
  databases: 'database',
  redis: 'layers',
  architecture: 'shield',
  web: 'globe',
  devops: 'package',
  mine: 'notebook',
};

/** Categories → topics → sections (`##`, with `###` under them); unreadable notes as warning items on top. */
export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsNode> {
  private readonly changed = new vscode.EventEmitter<TopicsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes are recreated on every load; these maps keep `getParent` and `reveal` working. */
  private parents = new Map<TopicsNode, TopicsNode | undefined>();
  private topicNodes = new Map<string, TopicsNode>();
  private categoryNodes = new Map<string, TopicsNode>();

  constructor(
    private readonly store: NoteStore,
    /** Questions due per topic, when known (the quiz computes it after the tree first shows). */
    private readonly dueCounts: () => ReadonlyMap<string, number> | undefined = () => undefined,
  ) {
    store.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.parents = new Map();
    this.topicNodes = new Map();
    this.categoryNodes = new Map();
    this.changed.fire(undefined);
  }

  async getChildren(node?: TopicsNode): Promise<TopicsNode[]> {
    const catalogue = await this.store.catalogue();
    if (!node) return this.roots(catalogue);
    const children = this.childrenOf(catalogue, node);
    for (const child of children) this.parents.set(child, node);
    return children;
  }

  getParent(node: TopicsNode): TopicsNode | undefined {
    return this.parents.get(node);
  }

  /** The node of a topic, for `TreeView.reveal`. */
  async topicNode(topicId: string): Promise<TopicsNode | undefined> {
    const catalogue = await this.store.catalogue();
    if (this.topicNodes.size === 0) {
      for (const category of this.roots(catalogue)) await this.getChildren(category);
    }
    return this.topicNodes.get(topicId);
  }

  private roots(catalogue: Catalogue): TopicsNode[] {
    const problems: TopicsNode[] = catalogue.problems.map((problem) => ({ kind: 'problem', problem }));
    const categories = categoriesOf(catalogue).map((category) => {
      let node = this.categoryNodes.get(category);
      if (!node) {
        node = { kind: 'category', category };
        this.categoryNodes.set(category, node);
      }
      return node;
    });
    return [...problems, ...categories];
  }

  private childrenOf(catalogue: Catalogue, node: TopicsNode): TopicsNode[] {
    switch (node.kind) {
      case 'category':
        return catalogue.topics
          .filter((topic) => topic.category === node.category)
          .map((topic) => {
            const child: TopicsNode = { kind: 'topic', topic };
            this.topicNodes.set(topic.id, child);
            return child;
          });
      case 'topic':
        return node.topic.sections.filter((s) => s.level === 2 || !hasH2Before(node.topic, s)).map((section) => ({ kind: 'section', topic: node.topic, section }));
      case 'section':
        return node.section.level === 2 ? subsections(node.topic, node.section).map((section) => ({ kind: 'section', topic: node.topic, section })) : [];
      case 'problem':
        return [];
    }
  }

  getTreeItem(node: TopicsNode): vscode.TreeItem {
    const lang = this.store.language;
    switch (node.kind) {
      case 'category': {
        const count = this.store.loaded?.topics.filter((t) => t.category === node.category).length ?? 0;
        const item = new vscode.TreeItem(categoryLabel(node.category, lang), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `category:${node.category}`;
        item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[node.category] ?? 'folder');
        item.description = String(count);
        item.contextValue = 'category';
        return item;
      }
      case 'topic': {
        const { topic } = node;
        const item = new vscode.TreeItem(
          topic.title,
          topic.sections.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `topic:${topic.id}`;
        item.iconPath = new vscode.ThemeIcon(topic.empty ? 'edit' : topic.simulator ? 'beaker' : 'book');
        const notes: string[] = [];
        const due = this.dueCounts()?.get(topic.id) ?? 0;
        if (due > 0) notes.push(`${due} ${contentString('due', lang)}`);
        if (topic.simulator) notes.push(contentString('simulator', lang));
        if (topic.empty) notes.push(contentString('beingWritten', lang));
        item.description = notes.join(' · ') || undefined;
        item.tooltip = topicTooltip(topic, lang);
        item.contextValue = topic.origin === 'bundled' ? (topic.simulator ? 'topic.quiz.simulator' : 'topic.quiz') : 'topic';
        item.command = { command: 'interviewPrep.openNote', title: vscode.l10n.t('Open Note'), arguments: [topic.id] };
        return item;
      }
      case 'section': {
        const { topic, section } = node;
        const hasChildren = section.level === 2 && subsections(topic, section).length > 0;
        const item = new vscode.TreeItem(
          section.title,
          hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `section:${topic.id}#${section.slug}`;
        item.iconPath = new vscode.ThemeIcon(section.level === 2 ? 'bookmark' : 'circle-small');
        if (section.empty) item.description = contentString('beingWritten', lang);
        item.tooltip = `${topic.title} › ${section.title}`;
        item.contextValue = 'section';
        item.command = { command: 'interviewPrep.openNote', title: vscode.l10n.t('Open Note'), arguments: [topic.id, section.slug] };
        return item;
      }
      case 'problem': {
        const { problem } = node;
        const uri = problem.file.includes(':') ? vscode.Uri.parse(problem.file) : undefined;
        const name = uri ? uri.path.slice(uri.path.lastIndexOf('/') + 1) : problem.file;
        const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
        item.id = `problem:${problem.file}:${problem.line}:${problem.message}`;
        item.iconPath = new vscode.ThemeIcon(
          problem.severity === 'error' ? 'error' : 'warning',
          new vscode.ThemeColor(problem.severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'),
        );
        item.description = problem.message;
        item.tooltip = `${uri?.fsPath ?? problem.file}:${problem.line + 1}\n${problem.message}`;
        item.contextValue = 'problem';
        if (uri) {
          item.command = {
            command: 'vscode.open',
            title: vscode.l10n.t('Open File'),
            arguments: [uri, { selection: new vscode.Range(problem.line, 0, problem.line, 0) }],
          };
        }
        return item;
      }
    }
  }
}

function hasH2Before(topic: Topic, section: Section): boolean {
  const index = topic.sections.indexOf(section);
  return topic.sections.slice(0, index).some((s) => s.level === 2);
}

function subsections(topic: Topic, section: Section): Section[] {
  const start = topic.sections.indexOf(section) + 1;
  const out: Section[] = [];
  for (let i = start; i < topic.sections.length && topic.sections[i].level > section.level; i++) out.push(topic.sections[i]);
  return out;
}

function topicTooltip(topic: Topic, lang: NoteLanguage): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(`**${escapeMarkdown(topic.title)}**\n\n`);
  if (topic.summary) tip.appendMarkdown(`${escapeMarkdown(topic.summary)}\n\n`);
  if (topic.simulator) tip.appendMarkdown(`$(beaker) ${contentString('hasSimulator', lang)}\n\n`);
  if (topic.empty) tip.appendMarkdown(`$(edit) ${contentString('topicBeingWritten', lang)}\n\n`);
  tip.appendMarkdown(`${topic.sections.length} ${contentString('sections', lang)}`);
  return tip;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
