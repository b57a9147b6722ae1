import * as path from 'node:path';
import { createMarkdown } from '../../src/notes/markdown';
import type { NoteLanguage, NoteOrigin } from '../../src/notes/model';
import { parseNoteFile, type NoteFile } from '../../src/notes/parse';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const md = createMarkdown();

export function noteFile(text: string | Uint8Array, options: { file?: string; origin?: NoteOrigin; lang?: NoteLanguage } = {}): NoteFile {
  return {
    file: options.file ?? 'file:///notes/test.md',
    bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
    origin: options.origin ?? 'user',
    lang: options.lang ?? 'en',
  };
}

export function parse(text: string | Uint8Array, options: Parameters<typeof noteFile>[1] = {}) {
  return parseNoteFile(md, noteFile(text, options));
}
