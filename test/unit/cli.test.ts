import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../src/cli';
import { ROOT } from './helpers';

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, path.join(ROOT, 'notes'));
  return { code, out, err };
}

describe('cli', () => {
  it('prints help', () => {
    const { code, out } = run('--help');
    assert.equal(code, 0);
    assert.match(out, /interview-prep notes \[--json\]/);
  });

  it('lists the catalogue as JSON', () => {
    const { code, out } = run('notes', '--json');
    assert.equal(code, 0);
    const data = JSON.parse(out) as { topics: { id: string; lang: string; sections: unknown[] }[]; problems: unknown[] };
    assert.deepEqual(data.problems, []);
    assert.equal(data.topics[0].id, 'raft');
    assert.ok(data.topics.every((t) => t.lang === 'en'));
  });

  it('lists in Chinese with --lang zh-cn', () => {
    const { out } = run('notes', '--lang', 'zh-cn');
    assert.match(out, /raft\s+etcd 的 Raft 算法/);
  });

  it('searches', () => {
    const { code, out } = run('search', 'hchan', '--json');
    assert.equal(code, 0);
    assert.equal((JSON.parse(out) as { topicId: string }[])[0].topicId, 'go-channels');
  });

  it('rejects bad usage with exit code 2 and a clear message', () => {
    assert.deepEqual([run().code, run('frobnicate').code, run('notes', '--lang', 'fr').code, run('notes', '--yaml').code, run('search').code], [2, 2, 2, 2, 2]);
    assert.match(run('notes', '--lang', 'fr').err, /--lang must be one of en, zh-cn/);
    assert.match(run('frobnicate').err, /unknown command "frobnicate"/);
  });
});
