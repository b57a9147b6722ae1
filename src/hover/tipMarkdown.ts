import type { NoteLanguage } from '../notes/model';
import type { TipId } from './classify';
import { TIPS } from './tips';

const LABELS = {
  en: { gotcha: 'Interview gotcha', openNote: 'Open note ›', visualize: 'Visualize ›' },
  'zh-cn': { gotcha: '面试陷阱', openNote: '打开笔记 ›', visualize: '可视化 ›' },
} as const;

/**
 * The hover text of a tip as Markdown. Links are `command:` links to our own openNote and
 * openSimulator commands only (the host marks the MarkdownString trusted for those alone).
 */
export function tipMarkdown(id: TipId, lang: NoteLanguage, noteExists: (topic: string) => boolean): string {
  const tip = TIPS[id];
  const text = tip.text[lang];
  const labels = LABELS[lang];
  const lines = [`**Interview Prep · ${tip.title}**`, '', text.what, '', `*${labels.gotcha}:* ${text.gotcha}`];
  const links: string[] = [];
  if (tip.note && noteExists(tip.note.topic)) {
    const args = encodeURIComponent(JSON.stringify(tip.note.section ? [tip.note.topic, tip.note.section] : [tip.note.topic]));
    links.push(`[${labels.openNote}](command:interviewPrep.openNote?${args})`);
  }
  if (tip.visualize) {
    const args = encodeURIComponent(JSON.stringify([tip.visualize.simulator, tip.visualize.preset]));
    links.push(`[${labels.visualize}](command:interviewPrep.openSimulator?${args})`);
  }
  if (links.length) lines.push('', links.join(' · '));
  return lines.join('\n');
}
