import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCatalogue } from '../../src/notes/catalogue';
import { readBundledNotes } from '../../src/notes/nodeFiles';
import { buildSearchIndex, searchNotes } from '../../src/notes/search';
import { md, noteFile, ROOT } from './helpers';

function catalogueOf(...texts: string[]) {
  return buildCatalogue(md, { bundled: [], user: texts.map((t, i) => noteFile(t, { file: `file:///n/${i}.md` })), language: 'en' });
}

describe('searchNotes', () => {
  const catalogue = catalogueOf(
    '---\nid: a\ntitle: Redis transactions\n---\n# Redis transactions\n\nMULTI queues commands.\n\n## WATCH\n\nOptimistic locking with WATCH.\n',
    '---\nid: b\ntitle: Go channels\n---\n# Go channels\n\nA channel send blocks; redis is not involved.\n\n## Closing a channel\n\nclose wakes all receivers.\n',
  );
  const index = buildSearchIndex(catalogue);

  it('ranks a title match above a text match', () => {
    const hits = searchNotes(index, 'redis');
    assert.deepEqual(hits.map((h) => [h.topicId, h.slug ?? null]).slice(0, 2), [['a', null], ['a', 'watch']]);
    assert.ok(hits.some((h) => h.topicId === 'b' && !h.slug), 'text match is found too');
    assert.ok(hits.findIndex((h) => h.topicId === 'b') > hits.findIndex((h) => h.topicId === 'a'));
  });

  it('finds a section by its heading and opens at its anchor', () => {
    const [first] = searchNotes(index, 'closing');
    assert.deepEqual([first.topicId, first.slug, first.sectionTitle], ['b', 'closing-a-channel', 'Closing a channel']);
  });

  it('needs every word to match somewhere', () => {
    assert.deepEqual(searchNotes(index, 'watch optimistic').map((h) => h.slug), ['watch']);
    assert.deepEqual(searchNotes(index, 'watch penguin'), []);
  });

  it('gives an excerpt around the first text match', () => {
    const [hit] = searchNotes(index, 'optimistic');
    assert.equal(hit.excerpt, 'Optimistic locking with WATCH.');
  });

  it('returns nothing for an empty query and honours the limit', () => {
    assert.deepEqual(searchNotes(index, '   '), []);
    assert.equal(searchNotes(index, 'a', 1).length, 1);
  });

  it('finds Chinese text in the bundled notes', () => {
    const zh = buildCatalogue(md, { bundled: readBundledNotes(path.join(ROOT, 'notes')), user: [], language: 'zh-cn' });
    const hits = searchNotes(buildSearchIndex(zh), '脑裂');
    assert.equal(hits[0].topicId, 'raft');
    assert.ok(hits[0].slug, 'the split-brain section itself');
  });
});
