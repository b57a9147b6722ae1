// Runs the extension in a REAL VS Code on this machine: code-server (VS Code 1.99.3 in the
// browser, installed from the npm registry by scripts/install-code-server.sh) driven by
// Playwright (playwright-core) in Debian's /usr/bin/chromium.
//
// Used by scripts/run-host-tests.mjs (mocha suite inside the extension host) and
// test/e2e/ui.test.mjs (browser-driven UI test). Everything binds to 127.0.0.1 only, and the
// browser refuses any request to another host. Each server gets a fresh temp profile
// (user-data-dir, extensions-dir) that stop() removes; its extension host inherits `env`.
//
//   import { startCodeServer, openWorkbench, runCommand, findInFrames, screenshot,
//            makeSampleWorkspace } from './code-server.mjs';
//
// Environment:
//   CODE_SERVER_DIR   where install-code-server.sh put code-server (default <repo>/.cache/code-server)
//   CHROMIUM          browser binary (default /usr/bin/chromium)
//   INTERVIEW_PREP_VSIX  the .vsix startCodeServer installs (default <repo>/dist/interview-prep.vsix)
//   KEEP_TMP=1        keep the temporary user-data/extensions dirs after stop() (for debugging)
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const execFileP = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_DIR = path.resolve(process.env.CODE_SERVER_DIR ?? path.join(ROOT, '.cache', 'code-server'));
export const VSIX = path.resolve(process.env.INTERVIEW_PREP_VSIX ?? path.join(ROOT, 'dist', 'interview-prep.vsix'));
export const HARNESS_DIR = path.join(ROOT, 'test', 'harness');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialing out on a closed network.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** User settings every test profile starts with: nothing that pops up, phones home or updates. */
export const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function entryJs(codeServerDir = CODE_SERVER_DIR) {
  const entry = path.join(codeServerDir, 'package', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry) || !fs.existsSync(path.join(codeServerDir, 'package', '.installed'))) {
    throw new Error(`code-server is not installed in ${codeServerDir}: run scripts/ensure-deps.sh && scripts/install-code-server.sh`);
  }
  return entry;
}

// code-server runs in its own process group (so stop() can end the extension host, pty host
// and watcher it forks); Ctrl-C on the test therefore does not reach it. Servers still running
// when this process ends are killed here, and temp dirs removed (unless KEEP_TMP).
const live = new Map(); // pid -> tmp dir
const tmpDirs = new Set();
let exitHooked = false;
function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const pid of live.keys()) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    }
    if (process.env.KEEP_TMP) return;
    for (const dir of [...live.values(), ...tmpDirs]) {
      try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* busy */ }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      // Someone else handles it (a script's own graceful stop, Playwright's browser cleanup):
      // they exit, and the 'exit' hook above still runs.
      if (process.listenerCount(signal) > 0) return;
      console.error(`\n${signal}: stopping code-server`);
      process.exit(signal === 'SIGINT' ? 130 : 143); // runs the 'exit' hook above
    });
  }
}
function trackServer(pid, tmp) {
  live.set(pid, tmp);
  hookExit();
}

/** Remove `dir` when this process exits, however it exits (unless KEEP_TMP is set). */
export function removeOnExit(dir) {
  tmpDirs.add(dir);
  hookExit();
  return dir;
}

/** A TCP port on 127.0.0.1 that nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before listening; log:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch { /* not yet */ }
    await sleep(250);
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms; log:\n${tail(logFile)}`);
}

function tail(file, lines = 40) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
}

/**
 * Copy a VS Code extension folder into extensionsDir as `publisher.name-version` and register
 * it in extensionsDir/extensions.json. Once that file exists (any --install-extension creates
 * it), VS Code treats unlisted folders as removed ("Marked extension as removed ...").
 */
async function copyExtensionFolder(src, extensionsDir) {
  src = path.resolve(src);
  const pkg = JSON.parse(await fsp.readFile(path.join(src, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  const folder = `${id}-${pkg.version}`;
  const dest = path.join(extensionsDir, folder);
  await fsp.cp(src, dest, { recursive: true, filter: (p) => !/[\\/](node_modules|\.git)([\\/]|$)/.test(p.slice(src.length)) });
  const manifest = path.join(extensionsDir, 'extensions.json');
  let entries = [];
  try { entries = JSON.parse(await fsp.readFile(manifest, 'utf8')); } catch { /* first one */ }
  entries = entries.filter((e) => e.identifier?.id?.toLowerCase() !== id);
  entries.push({
    identifier: { id },
    version: pkg.version,
    location: { $mid: 1, fsPath: dest, external: `file://${dest}`, path: dest, scheme: 'file' },
    relativeLocation: folder,
    metadata: { installedTimestamp: Date.now(), pinned: true, source: 'vsix' },
  });
  await fsp.writeFile(manifest, JSON.stringify(entries));
  return dest;
}

/**
 * Start code-server on 127.0.0.1 with a fresh, isolated profile.
 *
 * @param {object}   opts
 * @param {string}   opts.workspace        folder to open
 * @param {object}  [opts.userSettings]    merged over DEFAULT_USER_SETTINGS into <user-data-dir>/User/settings.json
 * @param {object}  [opts.env]             extra environment (inherited by the extension host)
 * @param {number}  [opts.port]            default: a free port
 * @param {string|null} [opts.vsix]        extension to --install-extension (default dist/interview-prep.vsix; null: none)
 * @param {string[]} [opts.extraExtensions] extension folders to copy in (e.g. HARNESS_DIR)
 * @param {number}  [opts.timeoutMs]       how long to wait for the HTTP port (default 60 s)
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, userDataDir: string,
 *   extensionsDir: string, logDir: string, logFile: string, settingsFile: string, process: import('node:child_process').ChildProcess }>}
 */
export async function startCodeServer({ workspace, userSettings = {}, env = {}, port, vsix = VSIX,
  extraExtensions = [], timeoutMs = 60_000, codeServerDir = CODE_SERVER_DIR } = {}) {
  if (!workspace) throw new Error('startCodeServer: workspace is required');
  const entry = entryJs(codeServerDir);
  const tmp = removeOnExit(await fsp.mkdtemp(path.join(os.tmpdir(), 'ip-code-server-')));
  const userDataDir = path.join(tmp, 'user');
  const extensionsDir = path.join(tmp, 'ext');
  const logDir = path.join(tmp, 'logs');
  const logFile = path.join(logDir, 'code-server.log');
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  await fsp.mkdir(path.dirname(settingsFile), { recursive: true });
  await fsp.mkdir(extensionsDir, { recursive: true });
  await fsp.mkdir(logDir, { recursive: true });
  await fsp.writeFile(settingsFile, JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2));

  const baseEnv = { ...process.env, ...env };
  // code-server reads these; make sure nothing from the caller's shell leaks in.
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_PROXY_URI', 'CODE_SERVER_CONFIG']) delete baseEnv[k];
  baseEnv.CODE_SERVER_CONFIG = path.join(tmp, 'config.yaml');
  await fsp.writeFile(baseEnv.CODE_SERVER_CONFIG, 'auth: none\ncert: false\n');

  if (vsix) {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
    try {
      await execFileP(process.execPath, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
        '--install-extension', vsix], { env: baseEnv, timeout: 120_000 });
    } catch (err) {
      throw new Error(`installing ${vsix} failed: ${err.stderr || err.stdout || err.message}`);
    }
  }
  for (const dir of extraExtensions) await copyExtensionFolder(dir, extensionsDir);

  port ??= await freePort();
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [entry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspace,
  ], { env: baseEnv, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  trackServer(child.pid, tmp);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // The server forks the extension host, pty host and file watcher: end the whole group we started.
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } await exited; }
    }
    // Whatever of the group outlived the server itself (extension host, watcher) goes too.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* all gone */ }
    live.delete(child.pid);
    if (!process.env.KEEP_TMP) await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
  };

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(path.resolve(workspace))}`;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, timeoutMs, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, stop, userDataDir, extensionsDir, logDir, logFile, settingsFile, process: child };
}

/**
 * Open the workbench in headless Chromium; resolves once `.monaco-workbench` is visible.
 * @param {string} url  from startCodeServer
 * @param {{ colorTheme?: string, viewport?: {width:number,height:number}, timeoutMs?: number }} [opts]
 */
export async function openWorkbench(url, { colorTheme, viewport = { width: 1400, height: 900 }, timeoutMs = 90_000 } = {}) {
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run scripts/ensure-deps.sh`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport });
    // Only 127.0.0.1: anything else the workbench tries to fetch is refused at once.
    await context.route((u) => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)([:/]|$)/.test(u.href) && /^(https?|wss?):/.test(u.protocol), (r) => r.abort());
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    // The activity bar is filled once the extension host registered its contributions.
    await page.locator('.activitybar').first().waitFor({ state: 'visible', timeout: timeoutMs });
    if (colorTheme) await setColorTheme(page, colorTheme);
    return { browser, page };
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
}

/**
 * Run a command by its palette title (F1, type, click the row with exactly that label).
 * When focus sits inside a webview iframe F1 may not reach the workbench, and a webview that
 * takes focus late closes the palette again: so each attempt is short, the status bar (a
 * neutral spot) takes focus before a retry, and there are three attempts.
 */
export async function runCommand(page, title, { timeoutMs = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input').first();
  const row = widget.locator('.monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`) }),
  }).first();
  const attempt = Math.max(3_000, Math.floor(timeoutMs / 3));
  let lastError;
  for (let i = 0; i < 3; i++) {
    try {
      if (await widget.isVisible().catch(() => false)) await page.keyboard.press('Escape');
      if (i > 0) await page.locator('.part.statusbar').click({ position: { x: 600, y: 10 } }).catch(() => {});
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: i === 0 ? 2_000 : attempt });
      await input.fill(`>${title}`, { timeout: attempt });
      await row.waitFor({ state: 'visible', timeout: attempt });
      await row.click({ timeout: attempt });
      // Done when the palette closed, or moved on to the command's own quick pick.
      const deadline = Date.now() + attempt;
      while (Date.now() < deadline && await widget.isVisible().catch(() => false)
        && (await input.inputValue().catch(() => '')).startsWith('>')) await sleep(100);
      return;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`could not run "${title}" from the command palette: ${lastError?.message ?? lastError}`);
}

/** Switch the colour theme through "Preferences: Color Theme", as a user would. */
export async function setColorTheme(page, theme, { timeoutMs = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  await runCommand(page, 'Preferences: Color Theme', { timeoutMs });
  const input = widget.locator('input.input').first();
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(theme);
  // Rows show a short label ("Light Modern") with the full theme name as description.
  const row = widget.locator('.monaco-list-row').filter({ hasText: theme }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => {});
  const kind = /light/i.test(theme) ? 'vs' : /high contrast/i.test(theme) ? null : 'vs-dark';
  if (kind) await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: timeoutMs });
}

/**
 * Find `selector` in any frame of the page (webviews are nested iframes).
 * Resolves to the first frame where it matches, as { frame, locator }; throws after timeoutMs.
 * `predicate(locator, frame)` can narrow the match (e.g. a given h1 text).
 */
export async function findInFrames(page, selector, timeoutMs = 15_000, predicate) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      try {
        const locator = frame.locator(selector);
        if (await locator.count() && (!predicate || await predicate(locator, frame))) return { frame, locator };
      } catch { /* frame detached or navigating */ }
    }
    if (Date.now() > deadline) throw new Error(`"${selector}" not found in any frame within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Save a full-window screenshot to test-results/NAME.png and return its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// ---------------------------------------------------------------------------------------------
// Sample workspace

/** Titles and files of the sample workspace, for tests that look for them. */
export const SAMPLE = {
  notesDir: 'my-notes',
  // One topic in "My notes" (no category in its front matter), sections from its ## headings.
  frontMatterNote: { file: 'my-notes/consistent-hashing.md', title: 'Consistent hashing', word: 'vnodes',
    sections: ['The problem with modulo', 'Virtual nodes', 'Replication', 'Where it is used', 'Alternatives',
      'Interview questions'] },
  // No front matter: split into one topic per ## heading (plus the preamble, titled by the # heading).
  // `word` occurs only in the topic `wordTopic`.
  memoNote: { file: 'my-notes/interview-memo.md', title: 'Backend interview memo', word: 'backpressure', wordTopic: 'Message queues',
    topics: ['Caching', 'Message queues', 'Rate limiting', 'Observability', 'Questions to ask them'] },
  goFile: 'main.go',
};

const FRONT_MATTER_NOTE = `---
id: consistent-hashing
title: Consistent hashing
summary: Keys and nodes on one hash ring; vnodes even out the load.
---

# Consistent hashing

Place nodes and keys on the same hash ring; a key belongs to the first node clockwise.
Adding or removing a node moves only about 1/N of the keys.

## The problem with modulo

With \`node = hash(key) % N\`, changing N remaps almost every key: a cache cluster that grows
from 4 to 5 nodes misses on about 80% of its keys at once, and the database behind it takes
the whole load. Consistent hashing bounds the damage to the keys of the node that changed.

A ring of 2^32 points is enough in practice. Each node hashes its name (or address) to a
point; each key hashes to a point and walks clockwise to the first node. A sorted array of
node points and a binary search give O(log N) lookups.

## Virtual nodes

Each physical node owns many points (vnodes) on the ring, so load evens out and a failed
node's keys spread over all survivors instead of landing on one neighbour.

With only one point per node the arcs between points differ wildly in length, so some nodes
own several times more keys than others. With 100–200 vnodes per node the standard
deviation of the load drops to a few percent.

Vnodes also handle heterogeneous hardware: a machine with twice the memory gets twice the
vnodes. Removing a node removes all its points, and its keys fall to many different
successors, so no single neighbour is overwhelmed.

## Replication

To keep R copies, walk clockwise from the key's point and take the first R distinct physical
nodes (skip vnodes of a node already chosen). Dynamo calls this the preference list. Reads
and writes go to the list; quorum settings (R + W > N) decide how many must answer.

## Where it is used

- Dynamo-style stores (Cassandra, Riak) for partition placement
- Memcached client libraries (ketama)
- Load balancers that need session affinity
- Redis Cluster does *not*: it uses 16384 fixed hash slots assigned to nodes, which makes
  resharding an explicit slot migration instead of a ring change.

## Alternatives

Rendezvous (highest random weight) hashing scores every node for a key and picks the
highest; it needs no ring and balances well, but a lookup is O(N). Jump consistent hash is
O(ln N) with no memory at all, but only supports adding or removing the last bucket.
Maglev hashing builds a lookup table for O(1) lookups with minimal disruption.

## Interview questions

1. What happens to the keys when a node joins?
2. Why do vnodes help with heterogeneous hardware?
3. Compare with rendezvous (highest random weight) hashing.
4. How would you place replicas so two copies never share a rack?

## Answers

**A node joins.** It takes over the arcs just counter-clockwise of its points; only the keys
on those arcs move, all from the successors that owned them before. With vnodes the moved
keys come from many nodes, a little from each, so no single node is drained.

**Heterogeneous hardware.** The share of the ring a node owns is proportional to its number
of points, so capacity maps directly to a vnode count. Without vnodes the only lever is
where the single point lands, which is a matter of luck.

**Rendezvous hashing.** For each key, score every node with hash(key, node) and take the
highest. Removing a node only moves the keys it won, like the ring, and the balance is good
without vnodes. The price is computing N hashes per lookup, which matters for thousands of
nodes but not for a dozen.

**Rack-aware replicas.** Walk the ring as for replication but skip any node whose rack is
already in the preference list. Cassandra's NetworkTopologyStrategy does this per data
centre, which keeps a replica alive when a whole rack loses power.
`;

const MEMO_NOTE = `# Backend interview memo

Loose notes collected while preparing; no front matter on purpose.

## Caching

Cache-aside: read from cache, on miss read the database and fill the cache. Invalidate on
write (delete, do not update) to avoid racing writers leaving a stale value.
${'Think about TTL jitter to avoid a stampede when many keys expire together. '.repeat(6)}

### Cache stampede

Use a mutex per key (single flight) or probabilistic early expiration.

## Message queues

At-least-once delivery means consumers must be idempotent. Keep an outbox table written in the
same transaction as the business row, and a relay that publishes it.
${'Consumer lag is the first metric to watch; backpressure keeps producers honest. '.repeat(6)}

## Rate limiting

Token bucket allows bursts up to the bucket size; leaky bucket smooths output. For a fleet,
keep counters in Redis with a Lua script so check-and-decrement is atomic.
${'Sliding window logs are exact but cost memory per request. '.repeat(6)}

### Distributed rate limiting

Local buckets refilled from a central budget trade accuracy for latency.

## Observability

RED metrics (rate, errors, duration) per endpoint, USE metrics (utilisation, saturation,
errors) per resource. Traces connect the two.
${'Sample traces at the edge, keep every error trace. '.repeat(6)}

## Questions to ask them

- How do you deploy, and how often?
- What was the last incident and what changed after it?
`;

/** The sample Go program (also the unit of the hover benchmark's 5 000-line file). */
const MAIN_GO_FILE = path.join(ROOT, 'test', 'fixtures', 'main.go');

/**
 * Create the sample workspace in `dir` (created if missing) and return its absolute path:
 *   .vscode/settings.json   workspace settings (default: extraPaths ["my-notes"], workspace-relative)
 *   my-notes/consistent-hashing.md  a user note with front matter
 *   my-notes/interview-memo.md      a long memo without front matter, split by ## headings
 *   main.go                         goroutines, channels, select, defer, sync.WaitGroup
 * `settings` is merged over the default workspace settings.
 */
export async function makeSampleWorkspace(dir, { settings = {} } = {}) {
  dir = path.resolve(dir);
  await fsp.mkdir(path.join(dir, '.vscode'), { recursive: true });
  await fsp.mkdir(path.join(dir, SAMPLE.notesDir), { recursive: true });
  await fsp.writeFile(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({
    'interviewPrep.notes.extraPaths': [SAMPLE.notesDir],
    ...settings,
  }, null, 2) + '\n');
  await fsp.writeFile(path.join(dir, SAMPLE.frontMatterNote.file), FRONT_MATTER_NOTE);
  await fsp.writeFile(path.join(dir, SAMPLE.memoNote.file), MEMO_NOTE);
  await fsp.copyFile(MAIN_GO_FILE, path.join(dir, SAMPLE.goFile));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Host-test report (shared by run-host-tests.mjs and test-electron.mjs)

/**
 * Print the in-host mocha report ({ passed, failed, pending, tests: [{ title, state, error? }] })
 * one line per test, then exactly `host: N passed, M failed[, K skipped]`. Returns true when green.
 */
export function printHostReport(report, log = console.log) {
  for (const t of report.tests ?? []) {
    if (t.state === 'passed' && t.firstFailure) {
      log(`  ✓ ${t.title} — passed on retry (flaky); the first attempt failed:`);
      log(String(t.firstFailure).split('\n').slice(0, 4).map((l) => `      ${l}`).join('\n'));
    } else if (t.state === 'passed') log(`  ✓ ${t.title}`);
    else if (t.state === 'pending') log(`  - ${t.title} (skipped)`);
    else {
      log(`  ✗ ${t.title}`);
      if (t.error) log(String(t.error).split('\n').map((l) => `      ${l}`).join('\n'));
    }
  }
  const passed = report.passed ?? 0, failed = report.failed ?? 0, pending = report.pending ?? 0;
  const flaky = (report.tests ?? []).filter((t) => t.state === 'passed' && t.firstFailure).length;
  log(`host: ${passed} passed, ${failed} failed${pending > 0 ? `, ${pending} skipped` : ''}${flaky > 0 ? ` (${flaky} only on retry)` : ''}`);
  return failed === 0;
}
