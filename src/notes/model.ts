/** Shared data shapes of the notes catalogue. Pure: no `vscode`, no Node APIs. */

export const CATEGORY_IDS = ['distributed', 'go', 'databases', 'redis', 'architecture', 'web', 'devops', 'mine'] as const;
export type KnownCategoryId = (typeof CATEGORY_IDS)[number];

export const SIMULATOR_IDS = ['raft', 'chan', 'alloc', 'mvcc'] as const;
export type SimulatorId = (typeof SIMULATOR_IDS)[number];

export type NoteLanguage = 'en' | 'zh-cn';
export const NOTE_LANGUAGES: readonly NoteLanguage[] = ['en', 'zh-cn'];

export type NoteOrigin = 'bundled' | 'user';

export interface Section {
  /** 2 for `##`, 3 for `###` (as rendered in the topic's own note). */
  readonly level: 2 | 3;
  readonly title: string;
  /** Anchor id of the heading in the rendered note. */
  readonly slug: string;
  /** Zero-based line of the heading in the source file. */
  readonly line: number;
  /** True when the section has no text of its own and no subsection with text. */
  readonly empty: boolean;
  /** Plain text of the section (without subsections), for search. */
  readonly text: string;
}

export interface Topic {
  readonly id: string;
  readonly title: string;
  /** A known category id, or a user's own category name. */
  readonly category: string;
  readonly order: number;
  readonly simulator?: SimulatorId;
  readonly summary?: string;
  /** Language the text is written in (a bundled note may fall back to the other language). */
  readonly lang: NoteLanguage;
  readonly origin: NoteOrigin;
  /** Source file (URI string) and zero-based line where the topic starts. */
  readonly file: string;
  readonly line: number;
  /** Markdown body, front matter removed; heading levels normalised so the title is `#`. */
  readonly markdown: string;
  readonly sections: readonly Section[];
  /** True when the topic has no text at all besides headings. */
  readonly empty: boolean;
  /** Plain text before the first section, for search. */
  readonly introText: string;
}

export type ProblemSeverity = 'error' | 'warning';

export interface NoteProblem {
  /** URI string of the file. */
  readonly file: string;
  /** Zero-based line. */
  readonly line: number;
  readonly message: string;
  readonly severity: ProblemSeverity;
}

export interface Catalogue {
  readonly topics: readonly Topic[];
  readonly problems: readonly NoteProblem[];
}

export function isKnownCategory(id: string): id is KnownCategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(id);
}

export function isSimulatorId(id: unknown): id is SimulatorId {
  return typeof id === 'string' && (SIMULATOR_IDS as readonly string[]).includes(id);
}

/** Known categories in their fixed order, then the user's own categories by name. */
export function categoryRank(category: string): number {
  const i = (CATEGORY_IDS as readonly string[]).indexOf(category);
  return i < 0 ? CATEGORY_IDS.length : i;
}

export function categoriesOf(catalogue: Catalogue): string[] {
  return [...new Set(catalogue.topics.map((t) => t.category))];
}
