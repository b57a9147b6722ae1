import type { Catalogue, Topic } from './model';

export interface SearchHit {
  readonly topicId: string;
  /** Heading anchor when the hit is a section; undefined for the topic itself. */
  readonly slug?: string;
  readonly topicTitle: string;
  readonly sectionTitle?: string;
  /** A short excerpt around the first match in the text, or undefined when only titles matched. */
  readonly excerpt?: string;
  readonly score: number;
}

interface Entry {
  readonly topic: Topic;
  readonly slug?: string;
  readonly sectionTitle?: string;
  readonly titleLower: string;
  readonly text: string;
  readonly textLower: string;
}

export interface SearchIndex {
  readonly entries: readonly Entry[];
}

export function buildSearchIndex(catalogue: Catalogue): SearchIndex {
  const entries: Entry[] = [];
  for (const topic of catalogue.topics) {
    entries.push(entry(topic, topic.title, topic.introText));
    for (const section of topic.sections) entries.push(entry(topic, section.title, section.text, section.slug));
  }
  return { entries };
}

function entry(topic: Topic, title: string, text: string, slug?: string): Entry {
  const flat = text.replace(/\s+/g, ' ').trim();
  return {
    topic,
    slug,
    sectionTitle: slug ? title : undefined,
    titleLower: title.toLowerCase(),
    text: flat,
    textLower: flat.toLowerCase(),
  };
}

/**
 * Every query word must appear in the entry's title, its topic's title or its text.
 * Ranking: a word in the entry's own title beats one in the topic title, which beats one
 * in the text; a title that starts with the word ranks higher still; ties keep catalogue order.
 */
export function searchNotes(index: SearchIndex, query: string, limit = 50): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const e of index.entries) {
    const topicTitle = e.topic.title.toLowerCase();
    let score = 0;
    let firstTextMatch = -1;
    for (const word of words) {
      const inTitle = e.titleLower.indexOf(word);
      const inTopic = topicTitle.indexOf(word);
      const inText = e.textLower.indexOf(word);
      if (inTitle < 0 && inTopic < 0 && inText < 0) {
        score = 0;
        break;
      }
      if (inTitle === 0) score += 12;
      else if (inTitle > 0) score += 8;
      else if (inTopic >= 0) score += 3;
      if (inText >= 0) {
        score += 1 + Math.min(occurrences(e.textLower, word) - 1, 4) * 0.25;
        if (firstTextMatch < 0 || inText < firstTextMatch) firstTextMatch = inText;
      }
    }
    if (score === 0) continue;
    if (!e.slug) score += 0.5; // the topic itself first among equals
    hits.push({
      topicId: e.topic.id,
      slug: e.slug,
      topicTitle: e.topic.title,
      sectionTitle: e.sectionTitle,
      excerpt: firstTextMatch >= 0 ? excerpt(e.text, firstTextMatch) : undefined,
      score,
    });
  }
  return hits
    .map((hit, order) => ({ hit, order }))
    .sort((a, b) => b.hit.score - a.hit.score || a.order - b.order)
    .slice(0, limit)
    .map(({ hit }) => hit);
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0 && n < 10; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

function excerpt(text: string, at: number, width = 80): string {
  const start = Math.max(0, at - 24);
  const end = Math.min(text.length, start + width);
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}
