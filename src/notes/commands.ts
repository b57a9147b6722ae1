import * as vscode from 'vscode';
import type { NotePanels } from '../panels/notePanels';
import { categoryLabel } from './labels';
import type { NoteStore } from './noteStore';
import type { Catalogue } from './model';
import { searchNotes, type SearchHit } from './search';

function allTopics(catalogue: Catalogue): SearchHit[] {
  return catalogue.topics.map((t) => ({ topicId: t.id, topicTitle: t.title, excerpt: t.summary, score: 0 }));
}

export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

interface TopicPick extends vscode.QuickPickItem {
  readonly topicId: string;
  readonly slug?: string;
}

/** Opens a note by id (from the tree, links, other features) or, with no id, lets the user pick one. */
export function openNoteCommand(store: NoteStore, panels: NotePanels): Command {
  return {
    id: 'interviewPrep.openNote',
    async execute(topicId?: unknown, slug?: unknown) {
      if (typeof topicId === 'string') return panels.show(topicId, typeof slug === 'string' ? slug : undefined);
      const catalogue = await store.catalogue();
      const items: (TopicPick | vscode.QuickPickItem)[] = [];
      let category: string | undefined;
      for (const topic of catalogue.topics) {
        if (topic.category !== category) {
          category = topic.category;
          items.push({ label: categoryLabel(category, store.language), kind: vscode.QuickPickItemKind.Separator });
        }
        items.push({ label: topic.title, description: topic.summary, topicId: topic.id });
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Open Note'),
        placeHolder: vscode.l10n.t('Pick a topic'),
        matchOnDescription: true,
      });
      return picked && 'topicId' in picked ? panels.show(picked.topicId) : false;
    },
  };
}

/** A quick pick over titles, headings and text; picking a hit opens the note at that section. */
export function searchNotesCommand(store: NoteStore, panels: NotePanels): Command {
  return {
    id: 'interviewPrep.searchNotes',
    async execute(initialQuery?: unknown) {
      const quickPick = vscode.window.createQuickPick<TopicPick>();
      quickPick.title = vscode.l10n.t('Search Notes');
      quickPick.placeholder = vscode.l10n.t('Search titles, headings and text of every note');
      quickPick.matchOnDescription = true;
      quickPick.matchOnDetail = true;
      quickPick.busy = true;
      const index = store.searchIndex();
      const update = async (query: string) => {
        const hits = query.trim() ? searchNotes(await index, query, 60) : allTopics(await store.catalogue());
        if (quickPick.value !== query) return; // a newer query is on its way
        quickPick.items = hits.map((hit) => ({
          label: hit.sectionTitle ? `$(bookmark) ${hit.sectionTitle}` : `$(book) ${hit.topicTitle}`,
          description: hit.sectionTitle ? hit.topicTitle : undefined,
          detail: hit.excerpt,
          alwaysShow: true,
          topicId: hit.topicId,
          slug: hit.slug,
        }));
        quickPick.activeItems = quickPick.items.slice(0, 1); // Enter opens the best hit
        quickPick.busy = false;
      };
      quickPick.onDidChangeValue((value) => void update(value));
      const done = new Promise<boolean>((resolve) => {
        quickPick.onDidAccept(async () => {
          const picked = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
          if (!picked) return; // Enter before any result: keep the pick open
          quickPick.hide();
          resolve(await panels.show(picked.topicId, picked.slug));
        });
        quickPick.onDidHide(() => {
          quickPick.dispose();
          resolve(false);
        });
      });
      quickPick.value = typeof initialQuery === 'string' ? initialQuery : '';
      quickPick.show();
      void update(quickPick.value);
      return done;
    },
  };
}

export function refreshNotesCommand(store: NoteStore): Command {
  return { id: 'interviewPrep.refreshNotes', execute: () => store.reload() };
}
