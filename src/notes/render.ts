import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { classifyLink } from './links';
import { assignHeadingSlugs, headingLevel } from './markdown';
import type { NoteLanguage, Topic } from './model';

export interface RenderOptions {
  readonly lang: NoteLanguage;
  /** Turns a relative image path into a URL the page may load, or undefined to drop it. */
  readonly resolveImage?: (src: string) => string | undefined;
}

const NOTICES = {
  en: { section: 'This section is being written.', topic: 'This topic is being written.' },
  'zh-cn': { section: '本节正在编写中。', topic: '本主题正在编写中。' },
} as const;

/** GitHub-style alerts: `> [!CORRECTION]` starts a callout; CORRECTION quotes the memo and fixes it; SIMULATE links simulator presets. */
const CALLOUTS = {
  correction: { en: 'Correction', 'zh-cn': '勘误' },
  note: { en: 'Note', 'zh-cn': '注意' },
  tip: { en: 'Tip', 'zh-cn': '提示' },
  warning: { en: 'Warning', 'zh-cn': '警告' },
  simulate: { en: 'Try it in the simulator', 'zh-cn': '在模拟器里试试' },
} as const;
type CalloutKind = keyof typeof CALLOUTS;

/**
 * Renders a topic to the HTML that goes inside the note panel's `<main>`. Headings get
 * anchor ids, links are classified (refused ones stay plain text), empty sections say
 * plainly that they are being written.
 */
export function renderTopic(md: MarkdownIt, topic: Topic, options: RenderOptions): string {
  const tokens = md.parse(topic.markdown, {});
  const slugs = assignHeadingSlugs(tokens);
  for (const [token, slug] of slugs) token.attrSet('id', slug);
  markLinks(tokens, options);
  const notices = NOTICES[options.lang];
  const tokenClass = (md.core.State.prototype as unknown as { Token: TokenClass }).Token;
  markCallouts(tokenClass, tokens, options.lang);
  const withNotices = topic.empty
    ? insertTopicNotice(tokenClass, tokens, notices.topic)
    : insertSectionNotices(tokenClass, tokens, notices.section);
  return md.renderer.render(withNotices, md.options, {});
}

type TokenClass = new (type: string, tag: string, nesting: 1 | 0 | -1) => Token;

/** A paragraph built from tokens, so the notice text is escaped like any other text. */
/** Renders a Markdown fragment (a quiz question, an explanation) with the same link rules as notes. */
export function renderFragment(md: MarkdownIt, markdown: string, lang: NoteLanguage): string {
  const tokens = md.parse(markdown, {});
  markLinks(tokens, { lang });
  return md.renderer.render(tokens, md.options, {});
}

function noticeTokens(tokenClass: TokenClass, text: string, className = 'notice being-written'): Token[] {
  const open = new tokenClass('paragraph_open', 'p', 1);
  open.attrSet('class', className);
  open.block = true;
  const inline = new tokenClass('inline', '', 0);
  const child = new tokenClass('text', '', 0);
  child.content = text;
  inline.children = [child];
  inline.content = text;
  const close = new tokenClass('paragraph_close', 'p', -1);
  close.block = true;
  return [open, inline, close];
}

/** Turns `> [!KIND]` blockquotes into callouts with a localised title; unknown kinds stay quotes. */
function markCallouts(tokenClass: TokenClass, tokens: Token[], lang: NoteLanguage): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].type !== 'blockquote_open' || tokens[i + 1].type !== 'paragraph_open') continue;
    const inline = tokens[i + 2];
    const first = inline.children?.[0];
    const match = first?.type === 'text' ? /^\[!(\w+)\]\s*/.exec(first.content) : null;
    const kind = match?.[1].toLowerCase();
    if (!match || !first || !kind || !(kind in CALLOUTS)) continue;
    first.content = first.content.slice(match[0].length);
    if (!first.content && inline.children![1]?.type === 'softbreak') inline.children!.splice(0, 2);
    tokens[i].attrSet('class', `callout callout-${kind}`);
    const title = noticeTokens(tokenClass, CALLOUTS[kind as CalloutKind][lang], 'callout-title');
    const emptyParagraph = inline.children!.every((c) => c.type === 'text' && !c.content);
    tokens.splice(i + 1, emptyParagraph ? 3 : 0, ...title);
  }
}

function insertTopicNotice(tokenClass: TokenClass, tokens: Token[], text: string): Token[] {
  const h1Close = tokens.findIndex((t) => t.type === 'heading_close' && t.tag === 'h1');
  const at = h1Close >= 0 ? h1Close + 1 : 0;
  return [...tokens.slice(0, at), ...noticeTokens(tokenClass, text), ...tokens.slice(at)];
}

/** After a heading followed directly by a heading of the same or a higher level (or the end). */
function insertSectionNotices(tokenClass: TokenClass, tokens: Token[], text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i]);
    if (tokens[i].type !== 'heading_close' || tokens[i].tag === 'h1' || tokens[i].level !== 0) continue;
    const level = headingLevel(tokens[i]);
    const next = tokens[i + 1];
    const nextIsPeerHeading = next?.type === 'heading_open' && headingLevel(next) <= level;
    if (!next || nextIsPeerHeading) out.push(...noticeTokens(tokenClass, text));
  }
  return out;
}

/**
 * Gives each link and image what the panel needs. A refused link becomes a `<span>` with the
 * reason as its tooltip: its text stays readable, its target is gone. Images load only from
 * https or, resolved by the host, from files next to the note.
 */
function markLinks(tokens: Token[], options: RenderOptions): void {
  for (const block of tokens) {
    const open: Token[] = [];
    for (const token of block.children ?? []) {
      if (token.type === 'link_open') {
        open.push(token);
        const href = token.attrGet('href') ?? '';
        const target = classifyLink(href);
        if (target.kind === 'refused') {
          token.tag = 'span';
          token.attrs = [
            ['class', 'link-refused'],
            ['title', `Link removed: ${target.reason}`],
          ];
          continue;
        }
        token.attrSet('data-link', target.kind);
        if (target.kind === 'external') token.attrSet('title', href);
      } else if (token.type === 'link_close') {
        const opener = open.pop();
        if (opener?.tag === 'span') token.tag = 'span';
      } else if (token.type === 'image') {
        const src = token.attrGet('src') ?? '';
        const url = /^https:\/\//i.test(src) ? src : isRelativeImage(src) ? options.resolveImage?.(src) : undefined;
        if (url) token.attrSet('src', url);
        else {
          token.attrSet('src', '');
          token.attrSet('data-blocked-src', src);
        }
      }
    }
  }
}

/** A relative path to an image file: no scheme, not protocol-relative, not absolute. */
function isRelativeImage(src: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('/') && /\.(png|jpe?g|gif|svg|webp)$/i.test(src.split(/[?#]/)[0]);
}
