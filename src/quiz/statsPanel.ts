import * as vscode from 'vscode';
import { escapeHtml, pageHtml } from '../panels/webviewHtml';
import { quizEngine, type QuizService } from './quizService';

interface DayCount {
  readonly day: string;
  readonly count: number;
}

/** `Quiz Statistics`: per-topic table and two bar charts, as static, script-free, theme-coloured HTML. */
export class StatsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: QuizService,
  ) {
    this.subscription = service.onDidChange(() => {
      if (this.panel) void this.render();
    });
  }

  async show(): Promise<void> {
    if (this.panel) this.panel.reveal();
    else {
      this.panel = vscode.window.createWebviewPanel('interviewPrep.quizStats', vscode.l10n.t('Quiz Statistics'), vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'quiz.svg');
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    await this.render();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const engine = quizEngine();
    const [questions, progress] = await Promise.all([this.service.questions(), this.service.progress()]);
    const now = new Date();
    const rows = engine.topicStats(questions, progress, now).map((s) => {
      const retention = s.retention === null ? '—' : `${Math.round(s.retention * 100)}%`;
      return `<tr><td>${escapeHtml(this.service.topicTitle(s.topicId))}</td><td>${s.total}</td><td>${s.seen}</td><td>${s.due}</td><td>${retention}</td><td>${s.streak}</td></tr>`;
    });
    panel.webview.html = pageHtml({
      webview: panel.webview,
      extensionUri: this.extensionUri,
      title: vscode.l10n.t('Quiz Statistics'),
      lang: vscode.env.language,
      styles: ['media/note.css'],
      scripts: [],
      body: `<main id="quiz-stats" class="note">
<h1>${escapeHtml(vscode.l10n.t('Quiz Statistics'))}</h1>
<p>${escapeHtml(vscode.l10n.t('{0} reviews in total; {1} questions seen.', progress.log.length, Object.keys(progress.cards).length))}</p>
<table class="quiz-stats">
<thead><tr><th>${escapeHtml(vscode.l10n.t('Topic'))}</th><th>${escapeHtml(vscode.l10n.t('Questions'))}</th><th>${escapeHtml(vscode.l10n.t('Seen'))}</th><th>${escapeHtml(vscode.l10n.t('Due'))}</th><th>${escapeHtml(vscode.l10n.t('Retention (30 days)'))}</th><th>${escapeHtml(vscode.l10n.t('Streak (days)'))}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table>
<h2>${escapeHtml(vscode.l10n.t('Reviews per day (last 30 days)'))}</h2>
${barChart(engine.reviewsPerDay(progress, now, 30), escapeHtml(vscode.l10n.t('Reviews per day (last 30 days)')))}
<h2>${escapeHtml(vscode.l10n.t('Due in the next 14 days'))}</h2>
${barChart(engine.dueForecast(progress, now, 14), escapeHtml(vscode.l10n.t('Due in the next 14 days')))}
</main>`,
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

/** A small SVG bar chart; colours come from the theme through CSS classes. */
export function barChart(days: readonly DayCount[], label: string): string {
  const width = 640;
  const height = 140;
  const max = Math.max(1, ...days.map((d) => d.count));
  const slot = width / Math.max(1, days.length);
  const bars = days.map((d, i) => {
    const h = Math.round((d.count / max) * (height - 30));
    const x = Math.round(i * slot + slot * 0.15);
    const y = height - 20 - h;
    const w = Math.max(1, Math.round(slot * 0.7));
    const count = d.count ? `<text class="chart-value" x="${x + w / 2}" y="${y - 3}" text-anchor="middle">${d.count}</text>` : '';
    return `<g><title>${escapeHtml(`${d.day}: ${d.count}`)}</title><rect class="chart-bar" x="${x}" y="${y}" width="${w}" height="${h}"></rect>${count}</g>`;
  });
  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  return `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="100%">
<line class="chart-axis" x1="0" y1="${height - 20}" x2="${width}" y2="${height - 20}"></line>
${bars.join('')}
<text class="chart-label" x="0" y="${height - 4}">${escapeHtml(first)}</text>
<text class="chart-label" x="${width}" y="${height - 4}" text-anchor="end">${escapeHtml(last)}</text>
</svg>`;
}
