import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NOTE_LANGUAGES } from './model';
import type { NoteFile } from './parse';

/** Reads the bundled notes (`notes/<lang>/*.md`) with Node's fs: for the CLI and unit tests. */
export function readBundledNotes(notesDir: string): NoteFile[] {
  const files: NoteFile[] = [];
  for (const lang of NOTE_LANGUAGES) {
    const dir = path.join(notesDir, lang);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      const full = path.join(dir, name);
      files.push({ file: pathToFileURL(full).toString(), bytes: fs.readFileSync(full), origin: 'bundled', lang });
    }
  }
  return files;
}
