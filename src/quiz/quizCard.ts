import * as vscode from 'vscode';
import { notesEngine } from '../notes/loadEngine';
import type { NoteLanguage } from '../notes/model';
import { escapeHtml, pageHtml } from '../panels/webviewHtml';
import type { QuestionText } from './bank';

export interface CardView {
  readonly heading: string;
  readonly text: QuestionText;
  /** Option indexes in the order shown (choice questions). */
  readonly order: readonly number[];
  /** After answering: what was right, and whether the user was. */
  readonly result?: { readonly correct?: boolean; readonly correctOptions: readonly number[]; readonly showAnswer: boolean };
}

/** The letter of the option shown at `position`: the card and the quick pick must agree. */
export function optionLetter(position: number): string {
  return 'ABCDEF'[position] ?? String(position + 1);
}

/**
 * The question in full beside the quick pick: long questions and code stay readable. Static
 * HTML with no script at all; it never takes focus from the quick pick.
 */
export class QuizCard implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private markdown: ReturnType<ReturnType<typeof notesEngine>['createMarkdown']> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly lang: NoteLanguage,
  ) {}

  show(view: CardView): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'interviewPrep.quizCard',
        vscode.l10n.t('Quiz'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'quiz.svg');
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.webview.html = pageHtml({
      webview: this.panel.webview,
      extensionUri: this.extensionUri,
      title: view.heading,
      lang: this.lang,
      styles: ['media/note.css'],
      scripts: [],
      body: `<main id="quiz-card" class="note">${this.body(view)}</main>`,
    });
  }

  private body(view: CardView): string {
    const md = (this.markdown ??= notesEngine().createMarkdown());
    const render = (text: string) => notesEngine().renderFragment(md, text, this.lang);
    const parts = [`<p class="quiz-heading">${escapeHtml(view.heading)}</p>`, `<div class="quiz-question">${render(view.text.question)}</div>`];
    if (view.text.options) {
      const items = view.order.map((index, position) => {
        const marks = view.result?.correctOptions.includes(index) ? ' class="quiz-correct"' : '';
        return `<li${marks}><span class="quiz-letter">${optionLetter(position)}</span> ${render(view.text.options![index]).replace(/^<p>|<\/p>\n?$/g, '')}</li>`;
      });
      parts.push(`<ol class="quiz-options">${items.join('')}</ol>`);
    }
    if (view.result) {
      if (view.result.correct !== undefined) {
        const verdict = view.result.correct ? vscode.l10n.t('Correct') : vscode.l10n.t('Not quite');
        parts.push(`<p class="quiz-verdict ${view.result.correct ? 'right' : 'wrong'}">${escapeHtml(verdict)}</p>`);
      }
      if (view.result.showAnswer && view.text.answer) {
        parts.push(`<h2>${escapeHtml(vscode.l10n.t('Model answer'))}</h2>${render(view.text.answer)}`);
      }
      parts.push(`<h2>${escapeHtml(vscode.l10n.t('Why'))}</h2>${render(view.text.explanation)}`);
    }
    return parts.join('\n');
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
