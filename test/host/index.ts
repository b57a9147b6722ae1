/**
 * In-host test entry: runs every `*.test.js` next to this file with mocha inside a real VS Code
 * extension host. Used by @vscode/test-electron (scripts/test-electron.mjs) and by the
 * code-server harness (scripts/run-host-tests.mjs). Writes a JSON report to
 * $INTERVIEW_PREP_RESULTS when set; rejects when any test failed. A failing test runs once more
 * ($INTERVIEW_PREP_RETRIES, default 1): one that then passes is reported with its first failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestReport {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  error?: string;
  durationMs?: number;
  /** The failure of an earlier attempt, when the test passed only on a retry. */
  firstFailure?: string;
}

export function run(): Promise<void> {
  const retries = Number(process.env.INTERVIEW_PREP_RETRIES ?? 1);
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', retries });
  if (process.env.INTERVIEW_PREP_GREP) mocha.grep(process.env.INTERVIEW_PREP_GREP); // run a subset while debugging
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const tests: TestReport[] = [];
  const firstFailures = new Map<string, string>();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const report = {
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        tests,
      };
      const out = process.env.INTERVIEW_PREP_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
    runner.on('retry', (test, err: Error) => {
      if (!firstFailures.has(test.fullTitle())) firstFailures.set(test.fullTitle(), err.stack ?? err.message);
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration, firstFailure: firstFailures.get(test.fullTitle()) }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on('fail', (test, err: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: err.stack ?? err.message }));
  });
}
