// Test-only extension: the in-host test runner for code-server, which (unlike the desktop
// build driven by @vscode/test-electron) has no --extensionTestsPath.
//
// scripts/run-host-tests.mjs copies this folder into code-server's extensions dir. The
// extension host inherits code-server's environment:
//   INTERVIEW_PREP_HOST_TESTS  absolute path of a JS module exporting run(): Promise<void>
//                              (out/test/host/index.js, which writes its own detailed report
//                              to INTERVIEW_PREP_RESULTS)
//   INTERVIEW_PREP_HOST_DONE   file to write { ok: true } or { ok: false, error } to when run() settles
//                              (and, at activation, DONE.started so the runner knows we are alive)
// Without INTERVIEW_PREP_HOST_TESTS the harness does nothing.
'use strict';
const fs = require('fs');
const path = require('path');

function writeDone(file, value) {
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename, so a watcher never reads half a file.
    fs.writeFileSync(file + '.tmp', JSON.stringify(value, null, 2));
    fs.renameSync(file + '.tmp', file);
  } catch (err) {
    console.error('[host-test-harness] cannot write', file, err);
  }
}

function describe(err) {
  if (err instanceof Error) return err.stack || err.message;
  return String(err);
}

async function runSuite(modulePath, doneFile) {
  try {
    // eslint-disable-next-line import/no-dynamic-require
    const suite = require(modulePath);
    const run = suite && (suite.run || (suite.default && suite.default.run));
    if (typeof run !== 'function') throw new Error(`${modulePath} does not export run()`);
    await run();
    writeDone(doneFile, { ok: true });
  } catch (err) {
    console.error('[host-test-harness] suite failed:', err);
    writeDone(doneFile, { ok: false, error: describe(err) });
  }
}

function activate() {
  const modulePath = process.env.INTERVIEW_PREP_HOST_TESTS;
  if (!modulePath) return;
  const doneFile = process.env.INTERVIEW_PREP_HOST_DONE;
  // Tell the runner the harness is alive, so it can fail fast when it never activates.
  if (doneFile) {
    try { fs.writeFileSync(doneFile + '.started', String(process.pid)); } catch { /* runner only waits longer */ }
  }
  // Do not hold up activation: the suite runs after activate() returned.
  setTimeout(() => { runSuite(path.resolve(modulePath), doneFile); }, 0);
}

function deactivate() {}

module.exports = { activate, deactivate };
