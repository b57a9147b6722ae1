import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const SOURCE = `package main

import "sync"

func main() {
\tjobs := make(chan int, 2)
\tvar wg sync.WaitGroup
\t// select in a comment gets nothing
\tselect {
\tcase jobs <- 1:
\tdefault:
\t}
\tclose(jobs)
\twg.Wait()
}
`;

function hoverTexts(hovers: vscode.Hover[]): string[] {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')));
}

describe('Go hover tips in a real VS Code', () => {
  let doc: vscode.TextDocument;
  const at = (needle: string, nth = 0) => {
    let index = -1;
    for (let i = 0; i <= nth; i++) index = SOURCE.indexOf(needle, index + 1);
    return doc.positionAt(index + 1);
  };
  const hover = async (position: vscode.Position) =>
    hoverTexts(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
  const config = () => vscode.workspace.getConfiguration('interviewPrep.hover');

  before(async () => {
    doc = await vscode.workspace.openTextDocument({ language: 'go', content: SOURCE });
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await config().update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await config().update('tips', undefined, vscode.ConfigurationTarget.Global);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('explains chan, select, send and close, with a link to the note', async () => {
    // The first hover loads the engine; on a busy machine give the provider a moment.
    let chan = '';
    for (let attempt = 0; attempt < 10 && !chan.includes('Interview Prep'); attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, 300));
      chan = (await hover(at('chan int'))).join('\n');
    }
    assert.match(chan, /Interview Prep · make\(chan T, n\)|Interview Prep · chan/);
    const select = (await hover(at('select {'))).join('\n');
    assert.match(select, /Interview Prep · select/);
    assert.match(select, /command:interviewPrep\.openNote/);
    assert.match((await hover(at('<- 1'))).join('\n'), /Interview Prep · ch <- v \(send\)/);
    assert.match((await hover(at('close('))).join('\n'), /Interview Prep · close\(ch\)/);
    assert.match((await hover(at('WaitGroup'))).join('\n'), /Interview Prep · sync\.WaitGroup/);
  });

  it('stays silent inside comments', async () => {
    assert.ok(!(await hover(at('select in a comment'))).some((t) => t.includes('Interview Prep')));
  });

  it('can be limited to chosen tips, or turned off', async () => {
    await config().update('tips', ['close'], vscode.ConfigurationTarget.Global);
    assert.ok(!(await hover(at('select {'))).some((t) => t.includes('Interview Prep')));
    assert.ok((await hover(at('close('))).some((t) => t.includes('Interview Prep')));
    await config().update('enabled', false, vscode.ConfigurationTarget.Global);
    assert.ok(!(await hover(at('close('))).some((t) => t.includes('Interview Prep')));
  });
});
