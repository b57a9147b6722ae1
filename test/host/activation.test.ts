import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// Runs first (files run in name order): nothing in this fresh window has asked for the extension yet.
describe('activation', () => {
  it('is lazy: not activated on startup', () => {
    const extension = vscode.extensions.getExtension('interview-prep.interview-prep');
    assert.ok(extension, 'installed');
    assert.equal(extension.isActive, false);
  });

  it('activates when a Go file opens (onLanguage:go)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'go', content: 'package main\n' });
    const extension = vscode.extensions.getExtension('interview-prep.interview-prep')!;
    const deadline = Date.now() + 15_000;
    while (!extension.isActive && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(extension.isActive, true);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
