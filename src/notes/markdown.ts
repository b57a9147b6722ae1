import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { highlightCode } from './highlight';
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
  // Every link and image reaches the token stream so that the renderer can show a refused link as
  // inert text with a reason (see render.ts), instead of leaving its raw markdown on the page.
  md.validateLink = () => true;
  return md;
}

const EXPLICIT_ID = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

/**
 * Assigns every heading its anchor id, in document order, the same way for the tree and the panel.
 * `## Leader election {#leader-election}` sets the id explicitly (and the marker is removed from the
 * heading), so both languages of a note share anchors that quizzes and links can point at.
 */
export function assignHeadingSlugs(tokens: Token[]): Map<Token, string> {
  const slugger = new Slugger();
  const explicit = new Map<Token, string>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const id = takeExplicitId(tokens[i + 1]);
    if (id) explicit.set(tokens[i], id);
  }
  for (const id of explicit.values()) slugger.reserve(id);
  const slugs = new Map<Token, string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open') continue;
    slugs.set(token, explicit.get(token) ?? slugger.next(inlineText(tokens[i + 1])));
  }
  return slugs;
}

/** Removes a trailing `{#id}` from a heading's inline token and returns the id. */
function takeExplicitId(inline: Token | undefined): string | undefined {
  const last = inline?.children?.at(-1);
  if (!inline || !last || last.type !== 'text') return undefined;
  const match = EXPLICIT_ID.exec(last.content);
  if (!match) return undefined;
  last.content = last.content.slice(0, match.index);
  inline.content = inline.content.replace(EXPLICIT_ID, '');
  return match[1];
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
