// `npm run bench`: speed figures measured in a real VS Code (code-server + Chromium), printed
// beside their targets and written to bench-results/bench.json. Not a test: it never fails on a
// slow figure; it reports. Run `npm run setup` (or `npm test`) once first on a fresh machine.
//
//  - activation time of the extension, as VS Code reports it (Developer: Show Running Extensions)
//  - time from "open note" to the note painted, against VS Code's built-in Markdown preview
//    opening the same file in the same window; both started by one key press bound to the command
//  - bundle and .vsix sizes
//  - the simulator cores' speed in Node (scripts/bench-sims.ts) and their panels' frame times in
//    headless Chromium while animating (scripts/frame-times.mjs)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, VSIX, makeSampleWorkspace, openWorkbench, runCommand, startCodeServer } from './code-server.mjs';
import { measureFrames } from './frame-times.mjs';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 3);
const TOPICS = ['raft', 'go-channels', 'isolation-mvcc', 'redis-transactions', 'go-memory', 'mysql-indexes'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

execFileSync('bash', [path.join(ROOT, 'scripts', 'setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });

const notesDir = path.join(ROOT, 'notes', 'en');
const titleOf = (id) => /^title:\s*(.+)$/m.exec(fs.readFileSync(path.join(notesDir, `${id}.md`), 'utf8'))[1].replace(/^["']|["']$/g, '');

/** Milliseconds from `t0` until an h1 with `title` is painted in some frame (first-contentful-paint of that frame). */
async function timeToPaint(page, title, t0, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await Promise.all(
      page.frames().map((frame) =>
        frame
          .evaluate((expected) => {
            const h1 = [...document.querySelectorAll('h1')].find((h) => h.textContent?.trim() === expected);
            if (!h1) return null;
            const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
            return { detected: Date.now(), painted: fcp ? performance.timeOrigin + fcp.startTime : null };
          }, title)
          .catch(() => null),
      ),
    );
    const hit = found.find(Boolean);
    if (hit) return (hit.painted ?? hit.detected) - t0;
    await sleep(5);
  }
  throw new Error(`"${title}" was not painted within ${timeoutMs} ms`);
}

async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await sleep(300);
}

async function openInEditor(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
  await sleep(200);
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first().waitFor({ state: 'visible' });
  await page.locator('.monaco-editor textarea').first().focus();
  await sleep(300);
}

async function readActivationMs(page) {
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Interview Prep' }).first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  const text = await row.innerText();
  const m = /Activation:\s*([\d.]+)ms/.exec(text);
  if (!m) throw new Error(`no activation time in: ${text}`);
  return Number(m[1]);
}

/** A fresh window where a .go file is the first thing opened: activation by onLanguage:go, then one hover. */
async function goSession() {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'ip-bench-'));
  const workspace = await makeSampleWorkspace(path.join(tmp, 'ws'));
  const server = await startCodeServer({ workspace, userSettings: { 'interviewPrep.notes.language': 'en' } });
  const { browser, page } = await openWorkbench(server.url);
  try {
    await sleep(8000);
    await openInEditor(page, 'main.go');
    await sleep(2000);
    return await readActivationMs(page);
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

/** The hover engine (dist/hover.js, the code the provider runs) on a 5 000-line Go file, in Node: no VS Code IPC. */
async function hoverLatency() {
  const require = createRequire(import.meta.url);
  const engine = require(path.join(ROOT, 'dist', 'hover.js'));
  const unit = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'main.go'), 'utf8');
  const body = unit.slice(unit.indexOf('package main') + 'package main'.length); // without its package clause
  let source = 'package main\n';
  while (source.split('\n').length < 5000) source += body;
  const lines = source.split('\n').length;
  const cache = new engine.GoFileCache();
  const offsets = [];
  for (let i = 0; offsets.length < 5000; i = (i * 7919 + 104729) % source.length) offsets.push(i);
  const hover = (version, offset) => {
    const file = cache.get('bench.go', version, () => source);
    const found = engine.classifyAt(file, offset);
    return found ? engine.tipMarkdown(found.tip, 'en', () => true) : undefined;
  };
  // First request after an edit: tokenizes the whole file.
  const cold = [];
  for (let v = 0; v < 30; v++) {
    const t = performance.now();
    hover(1000 + v, offsets[v]);
    cold.push(performance.now() - t);
  }
  const warm = [];
  let tips = 0;
  for (const offset of offsets) {
    const t = performance.now();
    if (hover(1, offset)) tips++;
    warm.push(performance.now() - t);
  }
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  return { lines, requests: warm.length, tips, p50: pct(warm, 0.5), p99: pct(warm, 0.99), max: Math.max(...warm), coldMedian: median(cold), coldP99: pct(cold, 0.99) };
}

/**
 * Quiz: from the command to the first question, on a 2 000-question bank with 10 000 review
 * records — the code the command runs (dist/quiz.js, dist/engine.js), in Node, without the quick
 * pick's own rendering. Cold = the bank's YAML parsed too (first quiz of a window).
 */
async function quizLatency() {
  const require = createRequire(import.meta.url);
  const quiz = require(path.join(ROOT, 'dist', 'quiz.js'));
  const engine = require(path.join(ROOT, 'dist', 'engine.js'));
  const topics = Array.from({ length: 20 }, (_, i) => `topic-${i}`);
  const yamlByTopic = topics.map((topic) => {
    const lines = [];
    for (let q = 0; q < 100; q++) {
      lines.push(`- id: ${topic}-q${q}`, '  type: single', '  section: s', '  correct: 1');
      for (const lang of ['en', 'zh-cn']) {
        lines.push(`  ${lang}:`, `    question: "When may a leader in ${topic} mark entry ${q} committed, and why is the term check needed?"`,
          '    options: ["When it appends it", "When a majority stores it and it is from the current term", "When all followers ack", "After a heartbeat"]',
          '    explanation: "A majority of replicas of a current-term entry is what makes it durable across elections (Raft §5.4.2)."');
      }
    }
    return lines.join('\n');
  });
  const bankOf = () => topics.flatMap((topic, i) => engine.parseQuestionFile(`${topic}.yaml`, topic, yamlByTopic[i]).questions);
  const bank = bankOf();
  const now = new Date('2026-11-27T12:00:00Z');
  const scheduler = quiz.createScheduler({});
  let progress = quiz.emptyProgress();
  for (let r = 0; r < 10_000; r++) {
    const q = bank[(r * 7) % 1500];
    const at = new Date(now.getTime() - (10_000 - r) * 60_000);
    const card = scheduler.review(progress.cards[q.id], r % 5 === 0 ? 'again' : 'good', at);
    progress = quiz.recordReview(progress, { questionId: q.id, at: at.toISOString(), grade: r % 5 === 0 ? 'again' : 'good', correct: r % 5 !== 0 }, card);
  }
  const stored = JSON.parse(JSON.stringify(progress)); // what globalState hands back
  const md = engine.createMarkdown();
  const firstQuestion = (questions) => {
    const { progress: loaded } = quiz.loadProgress(stored);
    const pruned = quiz.pruneProgress(loaded, new Set(questions.map((q) => q.id)));
    const rng = quiz.mulberry32(1);
    const [first] = quiz.buildSession({ questions, progress: pruned, now, size: 10, mode: 'quiz', newPerDay: 20, rng });
    const text = quiz.questionText(first, 'en');
    const order = quiz.shuffledOptions(first, rng);
    return engine.renderFragment(md, text.question, 'en') + order.map((i) => text.options[i]).join();
  };
  const warm = [];
  const cold = [];
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    firstQuestion(bank);
    warm.push(performance.now() - t);
    t = performance.now();
    firstQuestion(bankOf());
    cold.push(performance.now() - t);
  }
  return { questions: bank.length, records: stored.log.length, warm: median(warm), cold: median(cold) };
}

async function session(index) {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'ip-bench-'));
  const workspace = await makeSampleWorkspace(path.join(tmp, 'ws'));
  await fsp.mkdir(path.join(workspace, 'bench-notes'));
  for (const id of TOPICS) await fsp.copyFile(path.join(notesDir, `${id}.md`), path.join(workspace, 'bench-notes', `${id}.md`));
  const server = await startCodeServer({ workspace, userSettings: { 'interviewPrep.notes.language': 'en', 'markdown.preview.openMarkdownLinks': 'inPreview' } });
  // One key press per measured action, bound to the command with its argument.
  const keybindings = TOPICS.map((id, i) => ({ key: `ctrl+alt+${i + 1}`, command: 'interviewPrep.openNote', args: id }));
  await fsp.writeFile(path.join(server.userDataDir, 'User', 'keybindings.json'), JSON.stringify(keybindings));
  const { browser, page } = await openWorkbench(server.url);
  try {
    await sleep(8000); // let the window settle: built-in extensions start up and compete for the extension host
    await page.locator('.activitybar a[aria-label="Interview Prep"]').click();
    await page.locator('.monaco-list-row', { hasText: 'Distributed systems' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const activationMs = await readActivationMs(page);
    await closeAllEditors(page);

    const ours = [];
    const preview = [];
    for (const [i, id] of TOPICS.entries()) {
      const title = titleOf(id);
      // Built-in Markdown preview of the same file.
      await openInEditor(page, `${id}.md`);
      let t0 = Date.now();
      await page.keyboard.press('Control+Shift+V');
      preview.push(await timeToPaint(page, title, t0));
      await closeAllEditors(page);
      // Our note panel.
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
      t0 = Date.now();
      await page.keyboard.press(`Control+Alt+${i + 1}`);
      ours.push(await timeToPaint(page, title, t0));
      await closeAllEditors(page);
    }
    return { activationMs, ours, preview };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The simulator cores (bundled from scripts/bench-sims.ts) and the panels' frame times. */
async function simulatorFigures() {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const outfile = path.join(ROOT, 'out', 'bench-sims.js');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'scripts', 'bench-sims.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  const require = createRequire(import.meta.url);
  const bench = require(outfile);
  const figures = bench.measureSimulators();
  const replay = bench.allocReplayText(100_000);
  // Every frame of the replay, from the click on Run to the frame that finishes it.
  figures.allocFrames = await measureFrames('alloc', (page) => page.click('[data-testid=alloc-run]'), {
    prepare: async (page) => {
      await page.evaluate((text) => window.postMessage({ type: 'scenario', text, fileName: 'replay.alloc.json' }, '*'), replay);
      await page.waitForTimeout(300);
    },
    untilSelector: '[data-testid=alloc-run][disabled]',
    frames: 5000,
  });
  const nineNodes = JSON.stringify({ nodes: 9, seed: 7, steps: [{ run: 600_000 }] });
  figures.raftFrames = await measureFrames('raft', async (page) => {
    await page.evaluate((text) => window.postMessage({ type: 'scenario', text, fileName: 'nine.raft.json' }, '*'), nineNodes);
    await page.waitForTimeout(300);
    await page.selectOption('[data-testid=raft-speed]', '10');
    if (await page.getAttribute('[data-testid=raft-play]', 'aria-pressed') !== 'true') await page.click('[data-testid=raft-play]');
  });
  return figures;
}

const runs = [];
for (let i = 0; i < SESSIONS; i++) {
  process.stderr.write(`bench session ${i + 1}/${SESSIONS}…\n`);
  runs.push(await session(i));
}
process.stderr.write('bench: activation by a Go file…\n');
const goActivation = SESSIONS > 0 ? await goSession() : NaN; // BENCH_SESSIONS=0: the Node figures only
const hover = await hoverLatency();
const quizTimes = await quizLatency();
process.stderr.write('bench: simulator cores and panels…\n');
const sims = await simulatorFigures();
// The first open of each kind in a window pays one-time costs (extension activation, engine load): reported apart.
const warm = (key) => runs.flatMap((r) => r[key].slice(1));
const cold = (key) => runs.map((r) => r[key][0]);
const size = (file) => fs.statSync(path.join(ROOT, file)).size;
const kb = (bytes) => bytes / 1024;

const activation = median(runs.map((r) => r.activationMs));
const NODE_BUNDLES = [
  ['dist/extension.js', 'loaded at activation'],
  ['dist/ui.js', 'loaded on the first command or panel'],
  ['dist/engine.js', 'loaded on first note'],
  ['dist/hover.js', 'loaded on first Go hover'],
  ['dist/quiz.js', 'loaded on first quiz'],
];
const nodeBytes = NODE_BUNDLES.reduce((sum, [file]) => sum + size(file), 0);
const oursWarm = median(warm('ours'));
const previewWarm = median(warm('preview'));
const rows = [
  ['activation time (VS Code reports; median of sessions)', `${activation.toFixed(0)} ms`, '≤ 15 ms', activation <= 15],
  ['open note → painted, ours (median)', `${oursWarm.toFixed(0)} ms`, '', null],
  ['open same file → painted, Markdown preview (median)', `${previewWarm.toFixed(0)} ms`, '', null],
  ['ratio ours / Markdown preview', (oursWarm / previewWarm).toFixed(2), '≤ 1.0', oursWarm / previewWarm <= 1],
  ['first open in a window, ours / preview (median)', `${median(cold('ours')).toFixed(0)} / ${median(cold('preview')).toFixed(0)} ms`, '', null],
  ['activation when a .go file opens first (VS Code reports)', `${goActivation.toFixed(0)} ms`, '≤ 15 ms', goActivation <= 15],
  [`hover p99, ${hover.lines}-line Go file, ${hover.requests} requests (engine, Node)`, `${hover.p99.toFixed(3)} ms`, '≤ 2 ms', hover.p99 <= 2],
  ['hover p50 / max, same file', `${hover.p50.toFixed(3)} / ${hover.max.toFixed(2)} ms`, '', null],
  ['hover right after an edit, before the idle re-analysis (re-tokenize), median / p99', `${hover.coldMedian.toFixed(2)} / ${hover.coldP99.toFixed(2)} ms`, '', null],
  [`quiz: command → first question, ${quizTimes.questions} questions, ${quizTimes.records} records (core, Node)`, `${quizTimes.warm.toFixed(1)} ms`, '≤ 100 ms', quizTimes.warm <= 100],
  ['same, first quiz in a window (bank YAML parsed too)', `${quizTimes.cold.toFixed(1)} ms`, '≤ 100 ms', quizTimes.cold <= 100],
  [`Raft core: ${sims.raft.virtualMs / 1000} s simulated, 5 nodes, 100 requests/s (${sims.raft.events} events, ${sims.raft.violations} violations)`, `${sims.raft.speedup.toFixed(0)}× real time`, '≥ 2000×', sims.raft.speedup >= 2000],
  ['Raft panel: frame time, 9 nodes at 10× speed, p95 (p50)', `${sims.raftFrames.p95.toFixed(1)} (${sims.raftFrames.p50.toFixed(1)}) ms`, '≤ 16.7 ms', sims.raftFrames.p95 <= 16.7],
  [`channel core: ${sims.chan.ops} channel ops, 3-stage pipeline`, `${(sims.chan.opsPerSecond / 1e6).toFixed(2)} M ops/s`, '≥ 1 M/s', sims.chan.opsPerSecond >= 1e6],
  [`channel: "What can it print?", fan-in preset, ${sims.chan.fanInRuns} seeds (${sims.chan.fanInOutcomes} outcomes)`, `${sims.chan.fanInMs.toFixed(0)} ms`, '≤ 1000 ms', sims.chan.fanInMs <= 1000],
  [`allocator core: ${sims.alloc.mallocs / 1e6} M small mallocs (24 B noscan)`, `${(sims.alloc.mallocsPerSecond / 1e6).toFixed(1)} M/s`, '≥ 2 M/s', sims.alloc.mallocsPerSecond >= 2e6],
  [`allocator panel: frame time replaying 100 000 allocations (all ${sims.allocFrames.frames} frames), p95 (p50)`, `${sims.allocFrames.p95.toFixed(1)} (${sims.allocFrames.p50.toFixed(1)}) ms`, '≤ 16.7 ms', sims.allocFrames.p95 <= 16.7],
  [`MVCC core: ${sims.mvcc.statements}-statement two-session script`, `${(sims.mvcc.statementsPerSecond / 1000).toFixed(1)} k stmt/s`, '≥ 50 k/s', sims.mvcc.statementsPerSecond >= 50_000],
  ...NODE_BUNDLES.map(([file, when]) => [`${file} (${when})`, `${kb(size(file)).toFixed(1)} KB`, '', null]),
  ['node bundles total, minified, no webview code', `${kb(nodeBytes).toFixed(1)} KB`, '≤ 300 KB', kb(nodeBytes) <= 300],
  ['.vsix', `${kb(fs.statSync(VSIX).size).toFixed(1)} KB`, '≤ 2048 KB', fs.statSync(VSIX).size <= 2 * 1024 * 1024],
];

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nInterview Prep benchmark — ${SESSIONS} session(s), VS Code 1.99.3 (code-server 4.99.4), ${os.cpus().length} cores\n`);
console.log(`${'measure'.padEnd(width)}  ${'measured'.padStart(14)}  ${'target'.padStart(10)}  met`);
for (const [name, value, target, met] of rows) {
  console.log(`${name.padEnd(width)}  ${value.padStart(14)}  ${target.padStart(10)}  ${met === null ? '' : met ? 'yes' : 'NO'}`);
}
const out = path.join(ROOT, 'bench-results', 'bench.json');
await fsp.mkdir(path.dirname(out), { recursive: true });
await fsp.writeFile(out, JSON.stringify({ date: new Date().toISOString(), sessions: runs, goActivation, hover, quiz: quizTimes, sims, rows: rows.map(([measure, measured, target, met]) => ({ measure, measured, target, met })) }, null, 2));
console.log(`\nraw samples: ${path.relative(ROOT, out)}`);
