import * as assert from 'node:assert/strict';
import { classifyLink, resolveRelative } from '../../src/notes/links';

describe('classifyLink', () => {
  const cases: [string, ReturnType<typeof classifyLink>][] = [
    ['https://etcd.io/docs', { kind: 'external', url: 'https://etcd.io/docs' }],
    ['HTTP://example.com', { kind: 'external', url: 'HTTP://example.com' }],
    ['mailto:a@b.c', { kind: 'external', url: 'mailto:a@b.c' }],
    ['#log-replication', { kind: 'anchor', slug: 'log-replication' }],
    ['#%E8%84%91%E8%A3%82', { kind: 'anchor', slug: '脑裂' }],
    ['raft.md', { kind: 'note', path: 'raft.md' }],
    ['../zh-cn/raft.md#leader-election', { kind: 'note', path: '../zh-cn/raft.md', slug: 'leader-election' }],
    ['command:interviewPrep.searchNotes', { kind: 'command', command: 'interviewPrep.searchNotes', args: [] }],
    ['command:interviewPrep.openNote?%5B%22raft%22%2C%22x%22%5D', { kind: 'command', command: 'interviewPrep.openNote', args: ['raft', 'x'] }],
    ['command:interviewPrep.openNote?{"a":1}', { kind: 'command', command: 'interviewPrep.openNote', args: [{ a: 1 }] }],
  ];
  for (const [href, expected] of cases) {
    it(`${href} → ${expected.kind}`, () => assert.deepEqual(classifyLink(href), expected));
  }

  const refused = [
    'javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>', 'file:///etc/passwd', 'vscode:extension/x',
    'command:workbench.action.quit', 'command:interviewPrep.x;rm', 'command:interviewPrep.openNote?{bad', '//evil.example/x.md',
    'notes.exe', '', 'vbscript:x',
  ];
  for (const href of refused) {
    it(`refuses ${JSON.stringify(href)}`, () => assert.equal(classifyLink(href).kind, 'refused'));
  }
});

describe('resolveRelative', () => {
  it('resolves against the linking file and never climbs above the root', () => {
    assert.equal(resolveRelative('file:///ext/notes/en/raft.md', 'go-channels.md'), 'file:///ext/notes/en/go-channels.md');
    assert.equal(resolveRelative('file:///ext/notes/en/raft.md', '../zh-cn/./raft.md'), 'file:///ext/notes/zh-cn/raft.md');
    assert.equal(resolveRelative('file:///a.md', '../../../b.md'), 'file:///b.md');
  });
});
