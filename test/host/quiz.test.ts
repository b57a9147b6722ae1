import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InterviewPrepApi } from '../../src/extension';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Quiz in a real VS Code', function () {
  let api: InterviewPrepApi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ip-quiz-'));
  const quizConfig = () => vscode.workspace.getConfiguration('interviewPrep.quiz');

  before(async () => {
    api = await vscode.extensions.getExtension<InterviewPrepApi>('interview-prep.interview-prep')!.activate();
    await quizConfig().update('sessionLength', 3, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await quizConfig().update('sessionLength', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(dir, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers the quiz commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['startQuiz', 'reviewDue', 'quizStats', 'resetQuizProgress', 'exportQuizProgress', 'importQuizProgress']) {
      assert.ok(commands.includes(`interviewPrep.${id}`), id);
    }
  });

  it('runs a scripted session through the real quick picks and saves each answer', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(500);
    const before = (await api.quizProgress()).log.length;
    let result: { answered: number } | undefined;
    let settled = false;
    void vscode.commands.executeCommand<{ answered: number }>('interviewPrep.startQuiz', 'raft').then((r) => {
      result = r;
      settled = true;
    });
    // Answer whatever is shown: accept the focused item of each quick pick until the session ends.
    const deadline = Date.now() + 60_000;
    while (!settled && Date.now() < deadline) {
      await sleep(400);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.ok(settled, 'the session finished');
    assert.equal(result?.answered, 3);
    const progress = await api.quizProgress();
    assert.equal(progress.log.length, before + 3);
    assert.ok(progress.log.slice(-3).every((r) => r.questionId.startsWith('raft-')));
    await api.reloadQuizProgress();
    assert.equal((await api.quizProgress()).log.length, before + 3, 'persisted in globalState');
  });

  it('exports progress and imports it back; a corrupted file is refused with nothing lost', async () => {
    const file = vscode.Uri.file(path.join(dir, 'progress.json'));
    assert.equal(await vscode.commands.executeCommand('interviewPrep.exportQuizProgress', file), true);
    const exported = JSON.parse(fs.readFileSync(file.fsPath, 'utf8')) as { kind: string };
    assert.equal(exported.kind, 'interview-prep-progress');
    const count = (await api.quizProgress()).log.length;

    const bad = vscode.Uri.file(path.join(dir, 'bad.json'));
    fs.writeFileSync(bad.fsPath, '{ "kind": "interview-prep-progress", "progress": { "version": 99 } }');
    assert.equal(await vscode.commands.executeCommand('interviewPrep.importQuizProgress', bad, 'replace'), false);
    assert.equal((await api.quizProgress()).log.length, count, 'nothing lost');

    assert.equal(await vscode.commands.executeCommand('interviewPrep.importQuizProgress', file, 'merge'), true);
    assert.equal((await api.quizProgress()).log.length, count, 'merging the same progress changes nothing');
  });

  it('shows due counts in the Topics tree', async () => {
    // A progress file in which two Raft questions were due yesterday.
    const progress = await api.quizProgress();
    const ids = Object.keys(progress.cards).filter((id) => id.startsWith('raft-')).slice(0, 2);
    assert.equal(ids.length, 2);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const cards = Object.fromEntries(ids.map((id) => [id, { ...progress.cards[id], due: yesterday }]));
    const file = vscode.Uri.file(path.join(dir, 'due.json'));
    fs.writeFileSync(file.fsPath, JSON.stringify({ kind: 'interview-prep-progress', exportedAt: yesterday, progress: { ...progress, cards: { ...progress.cards, ...cards } } }));
    assert.equal(await vscode.commands.executeCommand('interviewPrep.importQuizProgress', file, 'replace'), true);
    const roots = (await api.topicsTree.getChildren!())!;
    const raftCategory = roots.find((n) => n.kind === 'category' && n.category === 'distributed')!;
    const [raft] = (await api.topicsTree.getChildren!(raftCategory))!;
    const description = String((await api.topicsTree.getTreeItem(raft)).description);
    assert.match(description, /^2 due/);
  });
});
