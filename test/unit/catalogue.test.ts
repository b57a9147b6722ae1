import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCatalogue } from '../../src/notes/catalogue';
import { CATEGORY_IDS, NOTE_LANGUAGES } from '../../src/notes/model';
import { readBundledNotes } from '../../src/notes/nodeFiles';
import { md, noteFile, ROOT } from './helpers';

const bundled = readBundledNotes(path.join(ROOT, 'notes'));

describe('bundled notes', () => {
  for (const language of NOTE_LANGUAGES) {
    it(`load in ${language} without problems, every topic in that language`, () => {
      const catalogue = buildCatalogue(md, { bundled, user: [], language });
      assert.deepEqual(catalogue.problems, []);
      assert.ok(catalogue.topics.length >= 16);
      for (const topic of catalogue.topics) {
        assert.equal(topic.lang, language, `${topic.id} has no ${language} version`);
        assert.ok((CATEGORY_IDS as readonly string[]).includes(topic.category), `${topic.id}: category ${topic.category}`);
        assert.ok(topic.file.endsWith(`/notes/${language}/${topic.id}.md`), `${topic.id} lives in ${topic.file}`);
      }
    });
  }

  it('cover every section of the memo, with the simulators linked', () => {
    const catalogue = buildCatalogue(md, { bundled, user: [], language: 'en' });
    const ids = catalogue.topics.map((t) => t.id);
    for (const id of [
      'raft', 'goroutines', 'go-memory', 'go-channels', 'mysql-indexes', 'isolation-mvcc', 'mongodb-transactions', 'mongodb-sharding',
      'redis-transactions', 'redis-sharding', 'redis-persistence', 'resilience', 'async-db-writes', 'websocket', 'nodejs-streams', 'docker-images',
    ]) {
      assert.ok(ids.includes(id), `missing topic ${id}`);
    }
    const simulators = Object.fromEntries(catalogue.topics.filter((t) => t.simulator).map((t) => [t.id, t.simulator]));
    assert.deepEqual(simulators, { raft: 'raft', 'go-memory': 'alloc', 'go-channels': 'chan', 'isolation-mvcc': 'mvcc' });
  });

  it('have the same headings in both languages', () => {
    const en = buildCatalogue(md, { bundled, user: [], language: 'en' }).topics;
    const zh = buildCatalogue(md, { bundled, user: [], language: 'zh-cn' }).topics;
    for (const topic of en) {
      const other = zh.find((t) => t.id === topic.id)!;
      assert.deepEqual(other.sections.map((s) => s.level), topic.sections.map((s) => s.level), topic.id);
      assert.equal(other.empty, topic.empty, topic.id);
    }
  });
});

describe('buildCatalogue', () => {
  const en = noteFile('---\nid: x\ntitle: English\ncategory: go\n---\n# English\n', { file: 'file:///b/en/x.md', origin: 'bundled', lang: 'en' });
  const zh = noteFile('---\nid: x\ntitle: 中文\ncategory: go\n---\n# 中文\n', { file: 'file:///b/zh-cn/x.md', origin: 'bundled', lang: 'zh-cn' });
  const onlyEn = noteFile('---\nid: y\ntitle: Only English\ncategory: go\n---\n# Only English\n', { file: 'file:///b/en/y.md', origin: 'bundled', lang: 'en' });

  it('picks the wanted language and falls back to the other one when a translation is missing', () => {
    const topics = buildCatalogue(md, { bundled: [en, zh, onlyEn], user: [], language: 'zh-cn' }).topics;
    assert.deepEqual(topics.map((t) => [t.id, t.title, t.lang]).sort(), [['x', '中文', 'zh-cn'], ['y', 'Only English', 'en']]);
  });

  it('keeps the first of two topics with one id and reports the second', () => {
    const user = noteFile('---\nid: x\ntitle: Mine\n---\n', { file: 'file:///u/x.md' });
    const catalogue = buildCatalogue(md, { bundled: [en], user: [user], language: 'en' });
    assert.deepEqual(catalogue.topics.map((t) => t.title), ['English']);
    assert.equal(catalogue.problems.length, 1);
    assert.match(catalogue.problems[0].message, /"x" is already used by file:\/\/\/b\/en\/x.md/);
    assert.equal(catalogue.problems[0].file, 'file:///u/x.md');
  });

  it('keeps the good notes when one note is broken', () => {
    const broken = noteFile('---\ntitle: [\n---\n', { file: 'file:///u/broken.md' });
    const good = noteFile('# Good\n\ntext\n', { file: 'file:///u/good.md' });
    const catalogue = buildCatalogue(md, { bundled: [en], user: [broken, good], language: 'en' });
    assert.deepEqual(catalogue.topics.map((t) => t.title), ['English', 'Good']);
    assert.deepEqual(catalogue.problems.map((p) => [p.file, p.line, p.severity]), [['file:///u/broken.md', 1, 'error']]);
  });

  it('orders known categories first, then the user’s own categories by name', () => {
    const a = noteFile('---\ntitle: A\ncategory: Zeta\n---\n', { file: 'file:///u/a.md' });
    const b = noteFile('---\ntitle: B\ncategory: Alpha\n---\n', { file: 'file:///u/b.md' });
    const c = noteFile('# C\n', { file: 'file:///u/c.md' });
    const topics = buildCatalogue(md, { bundled: [en], user: [a, b, c], language: 'en' }).topics;
    assert.deepEqual(topics.map((t) => t.category), ['go', 'mine', 'Alpha', 'Zeta']);
  });
});
