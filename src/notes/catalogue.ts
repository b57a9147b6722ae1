import type MarkdownIt from 'markdown-it';
import { categoryRank, type Catalogue, type NoteLanguage, type NoteProblem, type Topic } from './model';
import { parseNoteFile, type NoteFile } from './parse';

export interface CatalogueInput {
  /** Bundled notes in every language we ship. */
  readonly bundled: readonly NoteFile[];
  /** The user's notes (from `interviewPrep.notes.extraPaths`). */
  readonly user: readonly NoteFile[];
  /** Files that could not even be read, reported as problems. */
  readonly unreadable?: readonly NoteProblem[];
  readonly language: NoteLanguage;
}

/**
 * Builds the catalogue: bundled topics in the wanted language (falling back to the other
 * language when a translation is missing), then the user's topics. Ids are unique; a
 * duplicate is reported and left out rather than silently replacing another topic.
 */
export function buildCatalogue(md: MarkdownIt, input: CatalogueInput): Catalogue {
  const problems: NoteProblem[] = [...(input.unreadable ?? [])];
  const byId = new Map<string, Topic>();

  const bundledById = new Map<string, Map<NoteLanguage, Topic>>();
  for (const file of input.bundled) {
    const parsed = parseNoteFile(md, file);
    problems.push(...parsed.problems);
    for (const topic of parsed.topics) {
      const variants = bundledById.get(topic.id) ?? new Map<NoteLanguage, Topic>();
      if (variants.has(topic.lang)) {
        problems.push(duplicate(topic, variants.get(topic.lang)!));
        continue;
      }
      variants.set(topic.lang, topic);
      bundledById.set(topic.id, variants);
    }
  }
  for (const [id, variants] of bundledById) {
    byId.set(id, variants.get(input.language) ?? [...variants.values()][0]);
  }

  for (const file of input.user) {
    const parsed = parseNoteFile(md, file);
    problems.push(...parsed.problems);
    for (const topic of parsed.topics) {
      const existing = byId.get(topic.id);
      if (existing) {
        problems.push(duplicate(topic, existing));
        continue;
      }
      byId.set(topic.id, topic);
    }
  }

  const topics = [...byId.values()].sort(compareTopics);
  return { topics, problems };
}

function duplicate(topic: Topic, existing: Topic): NoteProblem {
  return {
    file: topic.file,
    line: topic.line,
    message: `Topic id "${topic.id}" is already used by ${existing.file}; this topic is not shown.`,
    severity: 'warning',
  };
}

function compareTopics(a: Topic, b: Topic): number {
  return (
    categoryRank(a.category) - categoryRank(b.category) ||
    a.category.localeCompare(b.category) ||
    a.order - b.order ||
    a.title.localeCompare(b.title)
  );
}
