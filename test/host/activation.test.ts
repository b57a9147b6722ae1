import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InterviewPrepApi } from '../../src/extension';
import { EXTENSION_ID } from './helpers';

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

  it('loads the panels and commands bundle (dist/ui.js) on the first command, not at activation', async () => {
    const api = vscode.extensions.getExtension<InterviewPrepApi>(EXTENSION_ID)!.exports;
    assert.equal(api.uiLoaded(), false, 'activation by a Go file loaded dist/ui.js');
    await vscode.commands.executeCommand('interviewPrep.refreshNotes');
    assert.equal(api.uiLoaded(), true);
  });
});
