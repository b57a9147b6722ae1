import yaml from 'js-yaml';
import type MarkdownIt from 'markdown-it';
import { assignHeadingSlugs, headingLevel, inlineText } from './markdown';
import {
  isSimulatorId,
  type NoteLanguage,
  type NoteOrigin,
  type NoteProblem,
  type Section,
  type SimulatorId,
  type Topic,
} from './model';
import { Slugger, slugify } from './slug';

export const MAX_NOTE_BYTES = 2 * 1024 * 1024;

export interface NoteFile {
  /** URI string; only used to name the file in topics and problems. */
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly origin: NoteOrigin;
  /** Language of the text; bundled notes know it from their folder. */
  readonly lang: NoteLanguage;
}

export interface ParsedNoteFile {
  readonly topics: Topic[];
  readonly problems: NoteProblem[];
}

interface FrontMatter {
  id?: string;
  title?: string;
  category?: string;
  order?: number;
  simulator?: SimulatorId;
  summary?: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Turns one note file into topics. A file with front matter is one topic; a file without
 * it (a long memo like the seed) is split into one topic per `##` heading. Anything wrong
 * with the file becomes a problem naming file and line; it never throws.
 */
export function parseNoteFile(md: MarkdownIt, note: NoteFile): ParsedNoteFile {
  const fail = (line: number, message: string): ParsedNoteFile => ({
    topics: [],
    problems: [{ file: note.file, line, message, severity: 'error' }],
  });

  const tooLarge = sizeProblem(note.file, note.bytes.length);
  if (tooLarge) return { topics: [], problems: [tooLarge] };
  if (note.bytes.subarray(0, 8192).includes(0)) return fail(0, 'Note is a binary file, not text.');
  const invalidAt = firstInvalidUtf8(note.bytes);
  if (invalidAt >= 0) return fail(countNewlines(note.bytes, invalidAt), 'Note is not valid UTF-8 text.');

  const text = new TextDecoder('utf-8').decode(note.bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const strict = note.origin === 'bundled';

  let frontMatter: FrontMatter | undefined;
  let bodyStart = 0;
  if (/^---[ \t]*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(line));
    if (end < 0) return fail(0, 'Front matter starts with "---" but has no closing "---" line.');
    const parsed = parseFrontMatter(lines.slice(1, end), strict);
    if ('error' in parsed) return fail(1 + parsed.line, parsed.error);
    frontMatter = parsed.value;
    bodyStart = end + 1;
  } else if (strict) {
    return fail(0, 'Bundled note has no front matter (id, title, category).');
  }

  const body = lines.slice(bodyStart);
  const fileSlug = slugify(baseName(note.file).replace(/\.[^.]+$/, '')) || 'note';
  const chunks = frontMatter ? [wholeFile(md, body, frontMatter, fileSlug)] : splitByH2(md, body, fileSlug);
  const topics: Topic[] = [];
  for (const chunk of chunks) {
    const fm = chunk.frontMatter;
    topics.push(
      buildTopic(md, {
        id: fm.id ?? chunk.id,
        title: fm.title ?? chunk.title,
        category: fm.category ?? 'mine',
        order: fm.order ?? chunk.order,
        simulator: fm.simulator,
        summary: fm.summary,
        lang: note.lang,
        origin: note.origin,
        file: note.file,
        line: bodyStart + chunk.line,
        markdown: chunk.markdown,
      }),
    );
  }
  return { topics, problems: [] };
}

/** The problem for a file over the size limit, so the host can refuse it without reading it. */
export function sizeProblem(file: string, size: number): NoteProblem | undefined {
  if (size <= MAX_NOTE_BYTES) return undefined;
  const message = `Note is too large (${(size / 1048576).toFixed(1)} MB; the limit is 2 MB).`;
  return { file, line: 0, message, severity: 'error' };
}

function parseFrontMatter(
  lines: string[],
  strict: boolean,
): { value: FrontMatter } | { error: string; line: number } {
  let data: unknown;
  try {
    data = yaml.load(lines.join('\n'), { schema: yaml.CORE_SCHEMA });
  } catch (err) {
    const e = err as { reason?: string; mark?: { line?: number }; message?: string };
    // An error at the end of input is reported on the line after the last one: point at the last one.
    const line = Math.min(e.mark?.line ?? 0, Math.max(0, lines.length - 1));
    return { error: `Front matter is not valid YAML: ${e.reason ?? e.message}`, line };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return { error: 'Front matter must be a set of "key: value" lines.', line: 0 };
  const record = data as Record<string, unknown>;
  const lineOf = (key: string) => Math.max(0, lines.findIndex((l) => l.startsWith(`${key}:`)));
  const problem = (key: string, message: string) => ({ error: `Front matter "${key}": ${message}`, line: lineOf(key) });
  const value: FrontMatter = {};

  for (const key of ['id', 'title', 'category', 'summary'] as const) {
    const v = record[key];
    if (v === undefined) {
      if (strict && key !== 'summary') return { error: `Front matter is missing "${key}".`, line: 0 };
      continue;
    }
    if (typeof v !== 'string' || !v.trim()) return problem(key, 'must be non-empty text.');
    value[key] = v.trim();
  }
  if (value.id !== undefined && !ID_PATTERN.test(value.id)) {
    return problem('id', 'use lower-case letters, digits and "-" only (e.g. "redis-sharding").');
  }
  if (record.order !== undefined) {
    if (typeof record.order !== 'number' || !Number.isFinite(record.order)) return problem('order', 'must be a number.');
    value.order = record.order;
  }
  if (record.simulator !== undefined && record.simulator !== null) {
    if (!isSimulatorId(record.simulator)) return problem('simulator', 'must be one of raft, chan, alloc, mvcc.');
    value.simulator = record.simulator;
  }
  return { value };
}

interface Chunk {
  id: string;
  title: string;
  order: number;
  /** Zero-based line in the body where the chunk starts. */
  line: number;
  markdown: string;
  frontMatter: FrontMatter;
}

function wholeFile(md: MarkdownIt, body: string[], fm: FrontMatter, fileSlug: string): Chunk {
  const markdown = body.join('\n');
  const tokens = md.parse(markdown, {});
  const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1' && t.level === 0);
  const finalTitle = fm.title || (h1 >= 0 ? inlineText(tokens[h1 + 1]).trim() : '') || fileSlug;
  return {
    id: `mine-${fileSlug}`,
    title: finalTitle,
    order: 0,
    line: 0,
    markdown: h1 >= 0 ? markdown : `# ${finalTitle}\n\n${markdown}`,
    frontMatter: fm,
  };
}

/** One topic per top-level `##`; `###` below it become its sections (promoted one level). */
function splitByH2(md: MarkdownIt, body: string[], fileSlug: string): Chunk[] {
  const tokens = md.parse(body.join('\n'), {});
  const headings = tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.type === 'heading_open' && t.level === 0 && t.map);
  const h2s = headings.filter(({ t }) => t.tag === 'h2');
  if (h2s.length === 0) {
    return [wholeFile(md, body, {}, fileSlug)];
  }
  const slugger = new Slugger();
  const chunks: Chunk[] = [];
  const preambleEnd = h2s[0].t.map![0];
  const preamble = tokens.filter((t) => t.map && t.map[1] <= preambleEnd && t.level === 0 && !t.type.startsWith('heading'));
  if (preamble.length > 0) {
    chunks.push({ ...wholeFile(md, body.slice(0, preambleEnd), {}, fileSlug), order: 0 });
    slugger.next(chunks[0].id);
  }
  h2s.forEach(({ t, i }, n) => {
    const start = t.map![0];
    const end = n + 1 < h2s.length ? h2s[n + 1].t.map![0] : body.length;
    const title = inlineText(tokens[i + 1]).trim() || `${fileSlug} ${n + 1}`;
    const rest = body.slice(t.map![1], end);
    const promoted = new Set(
      headings.filter(({ t: h }) => h.map![0] >= t.map![1] && h.map![0] < end && h.markup.startsWith('#')).map(({ t: h }) => h.map![0] - t.map![1]),
    );
    const lines = rest.map((line, k) => (promoted.has(k) ? line.replace(/^(\s{0,3})#(#+)/, '$1$2') : line));
    chunks.push({
      id: `mine-${fileSlug}-${slugger.next(title)}`,
      title,
      order: (n + 1) * 10,
      line: start,
      markdown: `# ${title}\n${lines.join('\n')}`,
      frontMatter: {},
    });
  });
  return chunks;
}

type TopicInput = Omit<Topic, 'sections' | 'empty' | 'introText'>;

const CONTENT_BLOCKS = new Set(['paragraph_open', 'fence', 'code_block', 'hr', 'bullet_list_open', 'ordered_list_open', 'blockquote_open', 'table_open', 'html_block']);

function buildTopic(md: MarkdownIt, input: TopicInput): Topic {
  const tokens = md.parse(input.markdown, {});
  const slugs = assignHeadingSlugs(tokens);
  interface Draft { level: number; title: string; slug: string; line: number; hasText: boolean; text: string[] }
  const drafts: Draft[] = [];
  const intro: string[] = [];
  let introHasText = false;
  let current: Draft | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') {
      const level = headingLevel(token);
      const title = inlineText(tokens[i + 1]).trim();
      if (level === 1 && drafts.length === 0) {
        i += 2;
        continue;
      }
      current = { level, title, slug: slugs.get(token)!, line: input.line + (token.map?.[0] ?? 0), hasText: false, text: [] };
      drafts.push(current);
      i += 2;
      continue;
    }
    if (CONTENT_BLOCKS.has(token.type)) {
      if (current) current.hasText = true;
      else introHasText = true;
    }
    const text = token.type === 'inline' ? inlineText(token) : token.type === 'fence' || token.type === 'code_block' ? token.content : '';
    if (text) (current ? current.text : intro).push(text);
  }
  // A section is empty when neither it nor any deeper section under it has text.
  const empty = drafts.map((d) => !d.hasText);
  for (let k = drafts.length - 1; k >= 0; k--) {
    for (let j = k + 1; j < drafts.length && drafts[j].level > drafts[k].level; j++) {
      if (!empty[j]) empty[k] = false;
    }
  }
  const sections: Section[] = drafts
    .map((d, k) => ({ d, k }))
    .filter(({ d }) => d.level === 2 || d.level === 3)
    .map(({ d, k }) => ({ level: d.level as 2 | 3, title: d.title, slug: d.slug, line: d.line, empty: empty[k], text: d.text.join('\n') }));
  return {
    ...input,
    sections,
    empty: !introHasText && drafts.every((d) => !d.hasText),
    introText: intro.join('\n'),
  };
}

/** Offset of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
    else return i;
    if (i + extra >= bytes.length) return i;
    let cp = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
