// Runs the same in-host mocha suite (out/test/host/index.js) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (it fetches a build from
// update.code.visualstudio.com into .vscode-test/ on first use). On a machine without that
// access use scripts/run-host-tests.mjs instead: same suite, same env vars, same summary line,
// but in code-server (VS Code in the browser) installed from the npm registry.
//
//   npm run build && node esbuild.js --tests
//   node scripts/test-electron.mjs            # VSCODE_VERSION=1.99.3 to pin (default: stable)
//
// The extension is loaded from the repo (extensionDevelopmentPath), so no .vsix is needed;
// --disable-extensions keeps every other installed extension out. Linux without a display
// needs xvfb: `xvfb-run -a node scripts/test-electron.mjs`.
//
// Env for the suite, as in run-host-tests.mjs:
//   INTERVIEW_PREP_RESULTS     where the suite writes { passed, failed, pending, tests: [...] }
//   INTERVIEW_PREP_WORKSPACE   the sample workspace folder that is open
// (INTERVIEW_PREP_HOST_TESTS / _DONE belong to the code-server harness and are not needed here:
// test-electron calls run() itself through --extensionTestsPath.)
// Prints one line per test and exactly `host: N passed, M failed[, K skipped]`; exit 1 on failure.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT, makeSampleWorkspace, printHostReport, removeOnExit } from './code-server.mjs';

const extensionTestsPath = path.join(ROOT, 'out', 'test', 'host', 'index.js');
if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')) || !fs.existsSync(extensionTestsPath)) {
  console.error('build first: npm run build && node esbuild.js --tests');
  console.log('host: 0 passed, 1 failed');
  process.exit(1);
}

const tmp = removeOnExit(await fsp.mkdtemp(path.join(os.tmpdir(), 'ip-electron-tests-')));
const resultsFile = path.join(tmp, 'results.json');
let ok = false;
try {
  const workspace = await makeSampleWorkspace(path.join(tmp, 'workspace'));
  // Same profile defaults as the code-server run: English labels, nothing popping up.
  const userDataDir = path.join(tmp, 'user');
  await fsp.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fsp.writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'interviewPrep.notes.language': 'en',
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  }, null, 2));

  let exitCode = 0;
  try {
    exitCode = await runTests({
      version: process.env.VSCODE_VERSION,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust',
        `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(tmp, 'ext')}`],
      extensionTestsEnv: {
        INTERVIEW_PREP_RESULTS: resultsFile,
        INTERVIEW_PREP_WORKSPACE: workspace,
      },
    });
  } catch (err) {
    // runTests rejects when run() rejects (tests failed) or VS Code could not start/download.
    console.error(`test-electron: ${err?.message ?? err}`);
    exitCode = 1;
  }

  let report = null;
  try { report = JSON.parse(await fsp.readFile(resultsFile, 'utf8')); } catch { /* never ran */ }
  if (report) {
    ok = printHostReport(report) && exitCode === 0;
  } else {
    console.error(`no report in ${resultsFile}`);
    console.log('host: 0 passed, 1 failed');
  }
} finally {
  await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
}
process.exit(ok ? 0 : 1);
