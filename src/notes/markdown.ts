import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { highlightCode } from './highlight';
import { classifyLink } from './links';
import { Slugger } from './slug';

/**
 * The one configured markdown-it instance. HTML is off: notes can come from anywhere
 * (the user's folders), so raw HTML is shown as text, never run.
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({
    html: false,
    linkify: true,
    typographer: false,
    highlight: (code, lang) => highlightCode(code, lang.split(/\s+/)[0] ?? '') ?? '',
  });
  md.validateLink = (url) => classifyLink(url).kind !== 'refused' || isRelativeImage(url);
  return md;
}

/** Images may be relative files next to the note (the host turns them into webview URIs) or https. */
function isRelativeImage(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && /\.(png|jpe?g|gif|svg|webp)$/i.test(url.split(/[?#]/)[0]);
}

/** Assigns every heading its anchor id, in document order, the same way for the tree and the panel. */
export function assignHeadingSlugs(tokens: Token[]): Map<Token, string> {
  const slugger = new Slugger();
  const slugs = new Map<Token, string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open') continue;
    slugs.set(token, slugger.next(inlineText(tokens[i + 1])));
  }
  return slugs;
}

/** Plain text of an inline token: markup dropped, code spans kept. */
export function inlineText(token: Token | undefined): string {
  if (!token) return '';
  if (!token.children) return token.content;
  return token.children
    .filter((child) => child.type === 'text' || child.type === 'code_inline' || child.type === 'softbreak')
    .map((child) => (child.type === 'softbreak' ? ' ' : child.content))
    .join('');
}

export function headingLevel(token: Token): number {
  return Number(token.tag.slice(1));
}
