import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstInvalidUtf8 } from '../../src/notes/parse';
import { parse, ROOT } from './helpers';

const FRONT = '---\nid: sample\ntitle: Sample\ncategory: go\norder: 5\nsimulator: chan\nsummary: "One line: with a colon"\n---\n';

describe('parseNoteFile', () => {
  it('reads front matter fields and the sections of a note', () => {
    const { topics, problems } = parse(FRONT + '# Sample\n\nIntro text.\n\n## First\n\nBody.\n\n### Deeper\n\nMore.\n\n## Second\n', { origin: 'bundled' });
    assert.deepEqual(problems, []);
    assert.equal(topics.length, 1);
    const [t] = topics;
    assert.deepEqual(
      { id: t.id, title: t.title, category: t.category, order: t.order, simulator: t.simulator, summary: t.summary, empty: t.empty },
      { id: 'sample', title: 'Sample', category: 'go', order: 5, simulator: 'chan', summary: 'One line: with a colon', empty: false },
    );
    assert.deepEqual(
      t.sections.map((s) => [s.level, s.title, s.slug, s.empty, s.line]),
      [
        [2, 'First', 'first', false, 12],
        [3, 'Deeper', 'deeper', false, 16],
        [2, 'Second', 'second', true, 20],
      ],
    );
    assert.equal(t.introText, 'Intro text.');
  });

  it('counts a section with only a non-empty subsection as not empty', () => {
    const [t] = parse(FRONT + '# S\n\n## Parent\n\n### Child\n\ntext\n\n### Empty child\n').topics;
    assert.deepEqual(t.sections.map((s) => [s.title, s.empty]), [['Parent', false], ['Child', false], ['Empty child', true]]);
  });

  it('marks a note with only headings as empty', () => {
    const [t] = parse(FRONT + '# Sample\n\n## Later\n').topics;
    assert.equal(t.empty, true);
  });

  it('ignores headings inside fenced code', () => {
    const [t] = parse(FRONT + '# S\n\n```sh\n## not a heading\n```\n\n## Real\n\ntext\n').topics;
    assert.deepEqual(t.sections.map((s) => s.title), ['Real']);
  });

  it('adds a title heading when the body has none', () => {
    const [t] = parse('---\ntitle: Mine\n---\nJust text.\n').topics;
    assert.equal(t.title, 'Mine');
    assert.match(t.markdown, /^# Mine\n/);
    assert.equal(t.id, 'mine-test');
  });

  it('handles a BOM and CRLF line endings', () => {
    const [t] = parse('\uFEFF' + FRONT.replace(/\n/g, '\r\n') + '# Sample\r\n\r\n## A\r\n\r\nx\r\n').topics;
    assert.equal(t.id, 'sample');
    assert.deepEqual(t.sections.map((s) => s.title), ['A']);
  });

  describe('bad input becomes a problem naming the line', () => {
    const cases: [string, string | Uint8Array, number, RegExp][] = [
      ['invalid YAML', '---\nid: a\ntitle: [unclosed\ncategory: go\n---\n# A\n', 3, /not valid YAML/],
      ['front matter never closed', '---\nid: a\ntitle: A\n# A\n', 0, /no closing/],
      ['front matter that is a list', '---\n- a\n- b\n---\n# A\n', 1, /key: value/],
      ['an id with spaces', '---\nid: Not OK\ntitle: A\n---\n', 1, /"id"/],
      ['an order that is text', '---\ntitle: A\norder: first\n---\n', 2, /"order": must be a number/],
      ['an unknown simulator', '---\ntitle: A\nsimulator: paxos\n---\n', 2, /"simulator"/],
      ['an empty title', '---\ntitle: ""\n---\n', 1, /"title"/],
      ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 0, /binary/],
      ['invalid UTF-8 on line 3', new Uint8Array([...Buffer.from('a\nb\nc'), 0xc3, 0x28]), 2, /UTF-8/],
      ['a file over 2 MB', new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), 0, /too large/],
    ];
    for (const [name, text, line, message] of cases) {
      it(name, () => {
        const { topics, problems } = parse(text);
        assert.equal(topics.length, 0);
        assert.equal(problems.length, 1);
        assert.equal(problems[0].severity, 'error');
        assert.equal(problems[0].line, line, problems[0].message);
        assert.match(problems[0].message, message);
        assert.equal(problems[0].file, 'file:///notes/test.md');
      });
    }

    it('a bundled note must have id, title and category', () => {
      assert.match(parse('---\ntitle: A\ncategory: go\n---\n', { origin: 'bundled' }).problems[0].message, /missing "id"/);
      assert.match(parse('# No front matter\n', { origin: 'bundled' }).problems[0].message, /no front matter/);
    });

    it('an empty file is an empty topic, not an error', () => {
      const { topics, problems } = parse('');
      assert.equal(topics.length, 1);
      assert.deepEqual(problems, []);
      assert.equal(topics[0].empty, true);
    });
  });

  describe('a memo without front matter is split at its ## headings', () => {
    const memo = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'memo.txt'));
    const { topics, problems } = parse(memo, { file: 'file:///home/me/memo.txt', lang: 'zh-cn' });

    it('makes one topic per ## heading, in order', () => {
      assert.deepEqual(problems, []);
      assert.deepEqual(topics.map((t) => t.title), [
        'etcd的raft算法', 'goroutine 实现机制', 'go的gc', 'go的chann', 'mysql索引', 'SQL的事务隔离级别', 'mongo事务', 'redis',
        '架构设计的弹力设计', '数据库异步写', 'websocket', 'mongo分片', 'nodejs中的stream流', 'Docker',
      ]);
      assert.ok(topics.every((t) => t.category === 'mine' && t.origin === 'user' && t.lang === 'zh-cn'));
      assert.equal(new Set(topics.map((t) => t.id)).size, topics.length);
    });

    it('promotes ### to sections of the topic and keeps the source line', () => {
      const redis = topics.find((t) => t.title === 'redis')!;
      assert.deepEqual(redis.sections.map((s) => [s.level, s.title, s.empty]), [[2, '事务', false], [2, '分片', true], [2, '备份方式', false]]);
      assert.match(redis.markdown, /^# redis\n/);
      assert.match(redis.markdown, /\n## 分片\n/);
      assert.equal(redis.line, 123); // zero-based line of '## redis'
    });

    it('marks empty memo sections as empty and keeps code blocks whole', () => {
      assert.equal(topics.find((t) => t.title === 'websocket')!.empty, true);
      const chan = topics.find((t) => t.title === 'go的chann')!;
      assert.equal(chan.empty, false);
      assert.match(chan.markdown, /type hchan struct/);
      assert.deepEqual(chan.sections, []);
    });
  });
});

describe('firstInvalidUtf8', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('accepts valid text of every length', () => {
    assert.equal(firstInvalidUtf8(new TextEncoder().encode('aé中😀')), -1);
  });
  it('finds overlong, truncated, surrogate and out-of-range sequences', () => {
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80)), 1); // overlong
    assert.equal(firstInvalidUtf8(bytes(0x61, 0x62, 0xe4, 0xb8)), 2); // truncated
    assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0); // surrogate
    assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0); // > U+10FFFF
    assert.equal(firstInvalidUtf8(bytes(0x80)), 0); // stray continuation
  });
});
