import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InterviewPrepApi } from '../../src/extension';
import type { TopicsNode } from '../../src/notes/topicsTree';
import { EXTENSION_ID, waitFor } from './helpers';

function webviewTabLabels(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview)
    .map((t) => t.label);
}

async function label(api: InterviewPrepApi, node: TopicsNode): Promise<string> {
  const item = await api.topicsTree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('Interview Prep in a real VS Code', function () {
  let api: InterviewPrepApi;
  const config = () => vscode.workspace.getConfiguration('interviewPrep.notes');

  before(async function () {
    const extension = vscode.extensions.getExtension<InterviewPrepApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('extraPaths', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers its commands under interviewPrep.*', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['interviewPrep.openNote', 'interviewPrep.searchNotes', 'interviewPrep.refreshNotes']) {
      assert.ok(commands.includes(id), id);
    }
  });

  it('shows categories → topics → sections in the Topics tree', async () => {
    const roots = await api.topicsTree.getChildren!();
    const labels = await Promise.all((roots ?? []).map((n) => label(api, n)));
    assert.deepEqual(labels.slice(0, 7), ['Distributed systems', 'Go', 'Databases', 'Redis', 'Architecture', 'Web & Node.js', 'DevOps']);
    const topics = (await api.topicsTree.getChildren!(roots![0]))!;
    const raft = await api.topicsTree.getTreeItem(topics[0]);
    assert.equal(raft.label, 'Raft consensus in etcd');
    assert.equal(raft.description, 'simulator');
    assert.deepEqual(raft.command?.arguments, ['raft']);
    const sections = (await api.topicsTree.getChildren!(topics[0]))!;
    const sectionItem = await api.topicsTree.getTreeItem(sections[0]);
    assert.equal(sectionItem.command?.command, 'interviewPrep.openNote');
    assert.equal(sectionItem.command?.arguments?.[0], 'raft');
    assert.equal(api.topicsTree.getParent!(sections[0]), topics[0]);
  });

  it('opens a note in one panel and reveals it instead of opening a second', async () => {
    assert.equal(await vscode.commands.executeCommand('interviewPrep.openNote', 'raft'), true);
    assert.equal(await vscode.commands.executeCommand('interviewPrep.openNote', 'raft', 'split-brain-network-partitions'), true);
    assert.deepEqual(api.openNoteIds(), ['raft']);
    const tabs = await waitFor('the note tab', () => {
      const labels = webviewTabLabels().filter((l) => l === 'Raft consensus in etcd');
      return labels.length ? labels : undefined;
    });
    assert.deepEqual(tabs, ['Raft consensus in etcd']);
  });

  it('refuses an unknown note id without opening anything', async () => {
    assert.equal(await vscode.commands.executeCommand('interviewPrep.openNote', 'no-such-topic'), false);
    assert.ok(!api.openNoteIds().includes('no-such-topic'));
  });

  it('finds a note with Search Notes and opens it at the hit', async () => {
    // A note panel still loading would take focus and close the quick pick, as it would for a user.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 500));
    const result = vscode.commands.executeCommand<boolean>('interviewPrep.searchNotes', 'hchan');
    let settled = false;
    void result.then(() => (settled = true));
    // Accept once the results are in: retry while the quick pick is still open.
    await waitFor('the search to open a note', async () => {
      await new Promise((r) => setTimeout(r, 300));
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 200));
      return settled || undefined;
    });
    assert.equal(await result, true);
    assert.ok(api.openNoteIds().includes('go-channels'));
  });

  describe('your own notes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ip-user-notes-'));
    const broken = path.join(dir, 'broken.md');
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    before(async () => {
      fs.writeFileSync(path.join(dir, 'kafka.md'), '---\ntitle: Kafka basics\n---\n# Kafka basics\n\n## Partitions\n\nOrdered per partition.\n');
      fs.writeFileSync(broken, '---\ntitle: Broken\norder: [1,\n---\n# Broken\n');
      await config().update('extraPaths', [dir], vscode.ConfigurationTarget.Workspace);
    });

    it('appear under "My notes" in the tree', async () => {
      const catalogue = await waitFor('the user note', async () => {
        const c = await api.catalogue();
        return c.topics.some((t) => t.title === 'Kafka basics') ? c : undefined;
      });
      assert.ok(catalogue.topics.find((t) => t.title === 'Kafka basics')!.origin === 'user');
      const roots = (await api.topicsTree.getChildren!())!;
      const labels = await Promise.all(roots.map((n) => label(api, n)));
      assert.ok(labels.includes('My notes'), labels.join(', '));
    });

    it('report a malformed note in the Problems panel and as a warning item, keeping the rest', async () => {
      const diagnostics = await waitFor('a diagnostic', () => {
        const list = vscode.languages.getDiagnostics(vscode.Uri.file(broken));
        return list.length ? list : undefined;
      });
      assert.equal(diagnostics[0].range.start.line, 2);
      assert.match(diagnostics[0].message, /not valid YAML/);
      assert.equal(diagnostics[0].source, 'Interview Prep');
      const roots = (await api.topicsTree.getChildren!())!;
      const first = await api.topicsTree.getTreeItem(roots[0]);
      assert.equal(first.label, 'broken.md');
      assert.equal((first.iconPath as vscode.ThemeIcon).id, 'error');
      assert.ok((await api.catalogue()).topics.length > 16);
    });

    it('pick up a new file without a reload', async () => {
      fs.writeFileSync(path.join(dir, 'memo.md'), '# memo\n\n## Consistent hashing\n\nVirtual nodes.\n\n## Bloom filters\n\n### False positives\n');
      const catalogue = await waitFor(
        'the new memo topics',
        async () => {
          const c = await api.catalogue();
          return c.topics.some((t) => t.title === 'Bloom filters') ? c : undefined;
        },
        45_000,
      );
      const bloom = catalogue.topics.find((t) => t.title === 'Bloom filters')!;
      assert.deepEqual(bloom.sections.map((s) => [s.title, s.empty]), [['False positives', true]]);
      // In the tree, the empty section says it is being written.
      const roots = (await api.topicsTree.getChildren!())!;
      const mine = roots.find((n) => n.kind === 'category' && n.category === 'mine')!;
      const bloomNode = (await api.topicsTree.getChildren!(mine))!.find((n) => n.kind === 'topic' && n.topic.title === 'Bloom filters')!;
      const [section] = (await api.topicsTree.getChildren!(bloomNode))!;
      assert.equal((await api.topicsTree.getTreeItem(section)).description, 'being written');
    });
  });

  it('follows the notes language setting', async () => {
    await config().update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    const catalogue = await waitFor('Chinese notes', async () => {
      const c = await api.catalogue();
      return c.topics[0]?.lang === 'zh-cn' ? c : undefined;
    });
    assert.equal(catalogue.topics.find((t) => t.id === 'raft')!.title, 'etcd 的 Raft 算法');
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
  });
});
