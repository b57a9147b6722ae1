import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InterviewPrepApi } from '../../src/extension';
import type { TopicsNode } from '../../src/notes/topicsTree';
import { EXTENSION_ID, waitFor } from './helpers';

function tabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

function webviewTabs(viewType: string): vscode.Tab[] {
  // Webview tab inputs carry the view type with an internal prefix ("mainThreadWebview-…").
  return tabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

const GO_PROGRAM = `package main

import "fmt"

func main() {
\tch := make(chan int, 1)
\tch <- 42
\tfmt.Println(<-ch)
}
`;

describe('Simulators in a real VS Code', function () {
  let api: InterviewPrepApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<InterviewPrepApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const cases = [
    ['raft', 'interviewPrep.openRaftSimulator', 'Raft Simulator'],
    ['chan', 'interviewPrep.openChannelSimulator', 'Channel Simulator'],
    ['alloc', 'interviewPrep.openAllocatorSimulator', 'Allocator Simulator'],
    ['mvcc', 'interviewPrep.openMvccSimulator', 'MVCC Simulator'],
  ] as const;
  for (const [kind, command, title] of cases) {
    it(`${command} opens one ${title} panel and reveals it when run again`, async () => {
      await vscode.commands.executeCommand(command);
      await waitFor(`${kind} panel`, () => api.openSimulators().includes(kind));
      await vscode.commands.executeCommand(command, { preset: 'whatever' });
      await vscode.commands.executeCommand(command);
      const open = await waitFor(`${kind} tab`, () => webviewTabs(`interviewPrep.sim.${kind}`).length > 0 && webviewTabs(`interviewPrep.sim.${kind}`));
      assert.equal(open.length, 1, 'one panel, never a duplicate');
      assert.equal(open[0].label, title);
    });
  }

  it('opens the simulator of a topic from the Topics tree, and refuses an unknown one', async () => {
    const catalogue = await api.catalogue();
    const topic = catalogue.topics.find((t) => t.id === 'go-channels');
    assert.ok(topic?.simulator === 'chan');
    const node: TopicsNode = { kind: 'topic', topic };
    await vscode.commands.executeCommand('interviewPrep.openSimulator', node);
    await waitFor('chan panel', () => api.openSimulators().includes('chan'));
    await vscode.commands.executeCommand('interviewPrep.openSimulator', 'quantum');
    assert.deepEqual(api.openSimulators(), ['chan']);
  });

  /** A Go file in the workspace (an untitled one would be dirty, and closing it would ask to save). */
  async function goFile(name: string, content: string): Promise<vscode.TextDocument> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder is open');
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
    return vscode.workspace.openTextDocument(uri);
  }

  it('"Visualize Channels" sends the Go file to the channel simulator, and a CodeLens offers it above main', async () => {
    const doc = await goFile('host-visualize.go', GO_PROGRAM);
    await vscode.window.showTextDocument(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const ours = lenses.filter((l) => l.command?.command === 'interviewPrep.visualizeChannels');
    assert.equal(ours.length, 1);
    assert.equal(ours[0].range.start.line, 4, 'above func main()');
    await vscode.commands.executeCommand('interviewPrep.visualizeChannels');
    await waitFor('chan panel', () => api.openSimulators().includes('chan'));
  });

  it('offers no CodeLens in a Go file without channels', async () => {
    const doc = await goFile('host-no-channels.go', 'package main\n\nfunc main() {}\n');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.equal(lenses.filter((l) => l.command?.command === 'interviewPrep.visualizeChannels').length, 0);
  });

  it('opens a *.raft.json scenario file in the Raft simulator with "Open With…"', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder is open');
    const file = vscode.Uri.joinPath(folder, 'host-test.raft.json');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify({ nodes: 3, steps: [{ until: 'leader', maxMs: 5000 }] }, null, 2)));
    try {
      await vscode.commands.executeCommand('vscode.openWith', file, 'interviewPrep.scenario.raft');
      const tab = await waitFor('custom editor tab', () => tabs().find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'interviewPrep.scenario.raft'));
      assert.equal((tab.input as vscode.TabInputCustom).uri.toString(), file.toString());
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file);
    }
  });
});
