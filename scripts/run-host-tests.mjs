// Runs the in-host mocha suite (out/test/host/index.js) inside a REAL VS Code: code-server with
// our packaged extension (dist/interview-prep.vsix) and the test-only harness (test/harness).
//
//   npm run build && node esbuild.js --tests && npm run package   # this script builds nothing
//   node scripts/run-host-tests.mjs
//
// The extension host only starts once a browser opens the workbench, so headless Chromium
// opens it and stays connected until the harness writes its "done" file (5 min timeout).
// Prints one line per test, then exactly `host: N passed, M failed` (`, K skipped` when
// pending > 0). Exits 1 on any failure, crash or timeout; always stops code-server and Chromium.
//
// Environment seen by the suite (the extension host inherits code-server's env):
//   INTERVIEW_PREP_HOST_TESTS  absolute path of out/test/host/index.js (run by the harness)
//   INTERVIEW_PREP_HOST_DONE   where the harness writes { ok } / { ok: false, error }
//   INTERVIEW_PREP_RESULTS     where the suite writes { passed, failed, pending, tests: [...] }
//   INTERVIEW_PREP_WORKSPACE   the sample workspace folder that is open (see makeSampleWorkspace)
// Options: HOST_TEST_TIMEOUT_MS (default 300000), KEEP_TMP=1 keeps the temp dirs and logs,
// HOST_TESTS_MODULE / INTERVIEW_PREP_VSIX point at another suite / .vsix (to try the runner itself).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, VSIX, HARNESS_DIR, startCodeServer, openWorkbench, makeSampleWorkspace, printHostReport, screenshot, removeOnExit,
} from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.HOST_TEST_TIMEOUT_MS ?? 300_000);
const suite = path.resolve(process.env.HOST_TESTS_MODULE ?? path.join(ROOT, 'out', 'test', 'host', 'index.js'));

for (const [file, hint] of [[suite, 'node esbuild.js --tests'], [VSIX, 'npm run package']]) {
  if (!fs.existsSync(file)) {
    console.error(`missing ${path.relative(ROOT, file)}: run \`${hint}\` first`);
    console.log('host: 0 passed, 1 failed');
    process.exit(1);
  }
}

const tmp = removeOnExit(await fsp.mkdtemp(path.join(os.tmpdir(), 'ip-host-tests-')));
const doneFile = path.join(tmp, 'done.json');
const resultsFile = path.join(tmp, 'results.json');
let server, browser, page;
let ok = false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

try {
  const workspace = await makeSampleWorkspace(path.join(tmp, 'workspace'));
  server = await startCodeServer({
    workspace,
    userSettings: { 'interviewPrep.notes.language': 'en' },
    env: {
      INTERVIEW_PREP_HOST_TESTS: suite,
      INTERVIEW_PREP_HOST_DONE: doneFile,
      INTERVIEW_PREP_RESULTS: resultsFile,
      INTERVIEW_PREP_WORKSPACE: workspace,
    },
    extraExtensions: [HARNESS_DIR],
  });
  console.log(`code-server on ${server.url.split('/?')[0]} (VS Code in the browser), workspace ${workspace}`);
  ({ browser, page } = await openWorkbench(server.url));

  const deadline = Date.now() + TIMEOUT_MS;
  const startDeadline = Date.now() + Math.min(TIMEOUT_MS, 120_000);
  while (!fs.existsSync(doneFile)) {
    if (!fs.existsSync(`${doneFile}.started`) && Date.now() > startDeadline) {
      throw new Error(`the test harness extension never activated (no ${doneFile}.started after 120 s)`);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS / 1000} s waiting for the harness (${doneFile})`);
    if (server.process.exitCode !== null) throw new Error(`code-server exited with ${server.process.exitCode}`);
    await sleep(500);
  }
  const done = JSON.parse(await fsp.readFile(doneFile, 'utf8'));
  let report = null;
  try { report = JSON.parse(await fsp.readFile(resultsFile, 'utf8')); } catch { /* suite crashed before writing */ }

  if (report) {
    ok = printHostReport(report) && done.ok;
    if (!done.ok) console.error(`suite run() rejected: ${done.error}`);
  } else {
    console.error(`no report in ${resultsFile}${done.ok ? '' : `; suite error: ${done.error}`}`);
    console.log('host: 0 passed, 1 failed');
  }
} catch (err) {
  console.error(`host tests could not run: ${err.stack ?? err}`);
  if (page) await screenshot(page, 'host-tests-failure').then((f) => console.error(`screenshot: ${f}`)).catch(() => {});
  if (server) console.error(`code-server log: ${server.logFile}${process.env.KEEP_TMP ? '' : ' (set KEEP_TMP=1 to keep it)'}`);
  console.log('host: 0 passed, 1 failed');
  ok = false;
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop().catch(() => {});
  if (!process.env.KEEP_TMP) await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
}
process.exit(ok ? 0 : 1);
