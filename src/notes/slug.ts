/**
 * GitHub-style heading slugs: lower case, punctuation dropped, spaces to '-'.
 * Letters and digits of every script are kept, so Chinese headings get readable anchors.
 */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Hands out unique slugs within one document: `a`, `a-1`, `a-2`, … */
export class Slugger {
  private readonly used = new Set<string>();

  /** Marks an id as taken (an explicit `{#id}`), so generated slugs avoid it. */
  reserve(id: string): void {
    this.used.add(id);
  }

  next(text: string): string {
    const base = slugify(text) || 'section';
    let slug = base;
    for (let n = 1; this.used.has(slug); n++) slug = `${base}-${n}`;
    this.used.add(slug);
    return slug;
  }
}
