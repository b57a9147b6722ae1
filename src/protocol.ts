/**
 * Messages between the note panel and the extension: one union per direction, shared by
 * both sides. Whatever arrives is validated; anything else is ignored (and logged).
 */
import { isRecord } from './shared/isRecord';

/** Webview → extension. */
export type NoteViewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openLink'; readonly href: string }
  | { readonly type: 'visibleSection'; readonly slug: string | null };

/** Extension → webview. */
export type NoteHostMessage =
  | { readonly type: 'scrollTo'; readonly slug: string }
  | { readonly type: 'update'; readonly title: string; readonly html: string; readonly topicId: string };

/** What the note panel remembers across reloads (webview state). */
export interface NotePanelState {
  readonly topicId: string;
  readonly slug?: string;
}

const MAX_TEXT = 4096;

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

export function parseNoteViewMessage(value: unknown): NoteViewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openLink':
      return isShortString(value.href) ? { type: 'openLink', href: value.href } : undefined;
    case 'visibleSection':
      return value.slug === null || isShortString(value.slug) ? { type: 'visibleSection', slug: value.slug } : undefined;
    default:
      return undefined;
  }
}

export function parseNoteHostMessage(value: unknown): NoteHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'scrollTo':
      return isShortString(value.slug) ? { type: 'scrollTo', slug: value.slug } : undefined;
    case 'update':
      return typeof value.html === 'string' && isShortString(value.title) && isShortString(value.topicId)
        ? { type: 'update', html: value.html, title: value.title, topicId: value.topicId }
        : undefined;
    default:
      return undefined;
  }
}

export function parseNotePanelState(value: unknown): NotePanelState | undefined {
  if (!isRecord(value) || !isShortString(value.topicId)) return undefined;
  return isShortString(value.slug) ? { topicId: value.topicId, slug: value.slug } : { topicId: value.topicId };
}
