import * as assert from 'node:assert/strict';
import { parseNoteHostMessage, parseNotePanelState, parseNoteViewMessage } from '../../src/protocol';

describe('protocol', () => {
  it('accepts the messages the webview sends', () => {
    assert.deepEqual(parseNoteViewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseNoteViewMessage({ type: 'openLink', href: 'raft.md', extra: 1 }), { type: 'openLink', href: 'raft.md' });
    assert.deepEqual(parseNoteViewMessage({ type: 'visibleSection', slug: null }), { type: 'visibleSection', slug: null });
  });

  it('ignores unknown or malformed messages', () => {
    for (const bad of [null, 1, 'ready', [], {}, { type: 'exec', command: 'x' }, { type: 'openLink' }, { type: 'openLink', href: 5 },
      { type: 'openLink', href: 'x'.repeat(5000) }, { type: 'visibleSection', slug: {} }]) {
      assert.equal(parseNoteViewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 60));
    }
  });

  it('checks host messages and saved panel state the same way', () => {
    assert.deepEqual(parseNoteHostMessage({ type: 'scrollTo', slug: 'a' }), { type: 'scrollTo', slug: 'a' });
    assert.equal(parseNoteHostMessage({ type: 'update', html: '<p>', title: 't' }), undefined);
    assert.deepEqual(parseNotePanelState({ topicId: 'raft', slug: 'x' }), { topicId: 'raft', slug: 'x' });
    assert.deepEqual(parseNotePanelState({ topicId: 'raft', slug: 3 }), { topicId: 'raft' });
    assert.equal(parseNotePanelState({ topic: 'raft' }), undefined);
    assert.equal(parseNotePanelState('raft'), undefined);
  });
});
