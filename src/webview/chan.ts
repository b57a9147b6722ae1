/**
 * The Go channel simulator panel: a Go program on the left (editable, with presets), the runtime on
 * the right — each channel's hchan (qcount, dataqsiz, ring buffer with sendx/recvx, closed,
 * recvq/sendq with parked goroutines) and every goroutine's state and line — with step, run, pause,
 * rewind (deterministic re-run to step k), seed, narration and "What can it print?".
 * All work runs in slices on requestAnimationFrame so the panel never freezes.
 */
import type { Program } from '../sim/chan/ast';
import type { HChan, Sudog } from '../sim/chan/hchan';
import { CHAN_PRESETS, NOTE_TOPIC, findPreset, type ChanPreset } from '../sim/chan/presets';
import { Machine, MAX_PROGRAM_CHARS, OutcomeExplorer, tryParseProgram } from '../sim/chan/run';
import { narrate, t as tr, type ChanLang, type ChanStringKey } from '../sim/chan/strings';
import { formatV } from '../sim/chan/values';
import {
  announce, h, initialPreset, language, onHostMessage, postToHost, reducedMotion, replaceChildren, reportEdit, root, savedState, saveState,
} from './simShell';

interface SavedState { source: string; seed: number; steps: number; preset?: string; runs: number }

function validateState(v: unknown): SavedState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  if (typeof s.source !== 'string' || s.source.length > MAX_PROGRAM_CHARS) return undefined;
  if (typeof s.seed !== 'number' || !Number.isSafeInteger(s.seed) || s.seed < 0 || s.seed > 0xffffffff) return undefined;
  if (typeof s.steps !== 'number' || !Number.isSafeInteger(s.steps) || s.steps < 0 || s.steps > 5_000_000) return undefined;
  if (s.preset !== undefined && (typeof s.preset !== 'string' || !findPreset(s.preset))) return undefined;
  const runs = typeof s.runs === 'number' && [100, 1000, 5000].includes(s.runs) ? s.runs : 1000;
  return { source: s.source, seed: s.seed, steps: s.steps, preset: s.preset as string | undefined, runs };
}

const SPEEDS = [
  { id: 'slow', everyMs: 600, steps: 1 },
  { id: 'medium', everyMs: 150, steps: 1 },
  { id: 'fast', everyMs: 0, steps: 20 },
  { id: 'max', everyMs: 0, steps: 5000 },
] as const;
const MAX_NARRATION = 200;
const MAX_UI_STEPS = 2_000_000;

let lang: ChanLang = language();
const L = (key: ChanStringKey, args?: Record<string, string | number>) => tr(lang, key, args);

// ---- state ----
let source = '';
let presetId: string | undefined;
let program: Program | undefined;
let parseError: string | undefined;
let seed = 1;
let machine: Machine | undefined;
let playing = false;
let speed = 1;
let lastTick = 0;
let lastAnnounce = 0;
let dirty = true;
let explorer: OutcomeExplorer | undefined;
let exploreRuns = 1000;
let errorText: string | undefined;
let parseTimer: number | undefined;

// ---- static DOM ----
const presetSelect = h('select', { 'data-testid': 'preset-select', 'aria-label': '', onchange: () => loadPreset(presetSelect.value) });
const noteLink = h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); postToHost({ type: 'openNote', topicId: NOTE_TOPIC, slug: findPreset(presetId)?.slug ?? 'hchan' }); } });
const saveBtn = h('button', { class: 'secondary', onclick: () => postToHost({ type: 'saveScenario', text: source, fileName: `${presetId ?? 'program'}.go` }) });
const openBtn = h('button', { class: 'secondary', onclick: () => postToHost({ type: 'openScenario' }) });
const stepBtn = h('button', { 'data-testid': 'chan-step', onclick: () => { pause(); stepOnce(); } });
const runBtn = h('button', { 'data-testid': 'chan-run', 'aria-pressed': 'false', onclick: () => togglePlay() });
const rewindBtn = h('button', { class: 'secondary', 'data-testid': 'chan-rewind', onclick: () => { pause(); rewindTo(Math.max(0, (machine?.steps ?? 0) - 1)); } });
const resetBtn = h('button', { class: 'secondary', onclick: () => { pause(); rewindTo(0); } });
const seedInput = h('input', { type: 'number', min: 0, max: 4294967295, value: '1', 'data-testid': 'chan-seed', class: 'seed', onchange: () => setSeed(Number(seedInput.value)) });
const seedLabel = h('label', {}, '', seedInput);
const speedSelect = h('select', { onchange: () => { speed = Number(speedSelect.value); } });
const speedLabel = h('label', {}, '', speedSelect);
const stepInfo = h('span', { class: 'muted step-info', 'aria-live': 'off' });
const explainP = h('p', { class: 'explain' });
const errorBox = h('div', { class: 'error-box', role: 'alert', hidden: true });

const textarea = h('textarea', { 'data-testid': 'chan-code', spellcheck: 'false', wrap: 'off', autocapitalize: 'off', autocomplete: 'off', class: 'code-input', oninput: () => onEdit() });
const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
const backdrop = h('div', { class: 'backdrop', 'aria-hidden': 'true' });
const editor = h('div', { class: 'editor' }, gutter, h('div', { class: 'code-wrap' }, backdrop, textarea));
const codeHeading = h('h2', {});
const codeHint = h('p', { class: 'muted hint' });

const outputHeading = h('h2', {});
const outputPre = h('pre', { class: 'output', 'data-testid': 'chan-output', role: 'region', tabindex: '0' });
const outcomeDiv = h('pre', { class: 'outcome', 'data-testid': 'chan-outcome' });

const runtimeHeading = h('h2', {});
const clockInfo = h('div', { class: 'muted' });
const chansHeading = h('h3', {});
const chansDiv = h('div', { class: 'chans' });
const gsHeading = h('h3', {});
const gsDiv = h('div', { class: 'goroutines' });
const narrHeading = h('h3', {});
const narrList = h('ol', { class: 'narration', 'data-testid': 'chan-narration', tabindex: '0' });

const wcpBtn = h('button', { 'data-testid': 'chan-what-can-print', onclick: () => startExplore() });
const runsSelect = h('select', { onchange: () => { exploreRuns = Number(runsSelect.value); persist(); } });
const runsLabel = h('label', {}, runsSelect, '');
const wcpStatus = h('div', { class: 'muted', 'aria-live': 'polite' });
const outcomesList = h('ol', { class: 'outcomes', 'data-testid': 'chan-outcomes', tabindex: '0' });
const keyHelp = h('p', { class: 'muted hint' });

const layout = h('div', { class: 'chan-layout' },
  h('section', { class: 'left' }, codeHeading, codeHint, editor, outputHeading, outputPre, outcomeDiv,
    h('div', { class: 'wcp card' }, h('div', { class: 'toolbar' }, wcpBtn, runsLabel), wcpStatus, outcomesList)),
  h('section', { class: 'right' }, runtimeHeading, clockInfo, chansHeading, chansDiv, gsHeading, gsDiv, narrHeading, narrList),
);

const title = h('h1', {});
const toolbar = h('div', { class: 'toolbar', role: 'toolbar' }, presetSelect, noteLink, h('span', { class: 'sep' }), saveBtn, openBtn, h('span', { class: 'sep' }),
  stepBtn, runBtn, rewindBtn, resetBtn, seedLabel, speedLabel, stepInfo);

replaceChildren(root, title, toolbar, explainP, errorBox, layout, keyHelp);

// ---- labels (re-rendered on language change) ----
function renderLabels(): void {
  document.documentElement.lang = lang === 'zh-cn' ? 'zh-CN' : 'en';
  title.textContent = L('title');
  presetSelect.setAttribute('aria-label', L('preset'));
  replaceChildren(presetSelect, ...CHAN_PRESETS.map((p) => h('option', { value: p.id }, p.title[lang])), h('option', { value: '' }, L('customProgram')));
  presetSelect.value = presetId ?? '';
  noteLink.textContent = L('openNote');
  saveBtn.textContent = L('saveScenario');
  openBtn.textContent = L('openScenario');
  stepBtn.textContent = L('step');
  rewindBtn.textContent = L('rewind');
  resetBtn.textContent = L('reset');
  seedLabel.firstChild!.textContent = L('seed') + ' ';
  speedLabel.firstChild!.textContent = L('speed') + ' ';
  replaceChildren(speedSelect, ...SPEEDS.map((s, i) => h('option', { value: String(i) }, s.id === 'slow' ? '×¼' : s.id === 'medium' ? '×1' : s.id === 'fast' ? '×20' : 'max')));
  speedSelect.value = String(speed);
  codeHeading.textContent = L('code');
  codeHint.textContent = L('codeHint');
  textarea.setAttribute('aria-label', L('code'));
  outputHeading.textContent = L('output');
  outputPre.setAttribute('aria-label', L('output'));
  runtimeHeading.textContent = L('runtime');
  chansHeading.textContent = L('channels');
  gsHeading.textContent = L('goroutines');
  narrHeading.textContent = L('narration');
  narrList.setAttribute('aria-label', L('narration'));
  wcpBtn.textContent = L('whatCanPrint');
  replaceChildren(runsSelect, ...[100, 1000, 5000].map((n) => h('option', { value: String(n) }, String(n))));
  runsSelect.value = String(exploreRuns);
  runsLabel.lastChild!.textContent = ' ' + L('whatCanPrintRuns');
  outcomesList.setAttribute('aria-label', L('whatCanPrint'));
  keyHelp.textContent = L('keyboardHelp');
  const p = findPreset(presetId);
  explainP.textContent = p ? p.explain[lang] : '';
  explainP.hidden = !p;
  renderExplore();
  dirty = true;
}

// ---- program loading ----
function showError(msg: string | undefined): void {
  errorText = msg;
  errorBox.hidden = !msg;
  errorBox.textContent = msg ?? '';
}

function loadSource(text: string, preset: ChanPreset | undefined, steps = 0, fromUser = false): boolean {
  const parsed = tryParseProgram(text);
  if (!parsed.ok) {
    if (fromUser) {
      // Typed code: keep the text, show the error, keep the previous runtime.
      parseError = parsed.error;
      showError(L('parseError', { message: parsed.error }));
      renderGutter();
      return false;
    }
    showError(L('parseError', { message: parsed.error }));
    return false;
  }
  source = text;
  presetId = preset?.id;
  program = parsed.program;
  parseError = undefined;
  showError(undefined);
  if (textarea.value !== text) textarea.value = text;
  explorer = undefined;
  replaceChildren(outcomesList);
  wcpStatus.textContent = '';
  renderLabels();
  rewindTo(steps);
  renderGutter();
  persist();
  return true;
}

function loadPreset(id: string): void {
  const p = findPreset(id);
  if (!p) { presetSelect.value = presetId ?? ''; return; }
  pause();
  if (loadSource(p.source, p)) reportEdit(p.source);
}

function onEdit(): void {
  if (textarea.value.length > MAX_PROGRAM_CHARS) {
    showError(L('parseError', { message: `1:1: program too large (${textarea.value.length} characters; the limit is ${MAX_PROGRAM_CHARS})` }));
    return;
  }
  renderGutter();
  if (parseTimer !== undefined) window.clearTimeout(parseTimer);
  parseTimer = window.setTimeout(() => {
    parseTimer = undefined;
    pause();
    const text = textarea.value;
    if (loadSource(text, undefined, 0, true)) reportEdit(text);
  }, 400);
}

// ---- running ----
function newMachine(): Machine | undefined {
  if (!program) return undefined;
  return new Machine(program, { seed, trace: true, maxEvents: 2000, maxSteps: MAX_UI_STEPS });
}

function rewindTo(steps: number): void {
  machine = newMachine();
  if (machine) {
    // Deterministic: the same program and seed re-run to step k reach the same state.
    while (!machine.done && machine.steps < steps) machine.run(Math.min(50_000, steps - machine.steps));
  }
  dirty = true;
  persist();
}

function setSeed(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) { seedInput.value = String(seed); return; }
  seed = n;
  pause();
  rewindTo(0);
}

function stepOnce(): void {
  if (!machine || machine.done) return;
  const before = machine.events.length;
  machine.step();
  dirty = true;
  const evs = machine.events.slice(before);
  if (evs.length) announce(evs.map((e) => narrate(lang, e)).join('. '));
  persist();
}

function togglePlay(): void {
  if (playing) pause();
  else play();
}

function play(): void {
  if (!machine || machine.done) return;
  playing = true;
  runBtn.setAttribute('aria-pressed', 'true');
  runBtn.textContent = L('pause');
  if (reducedMotion()) {
    // No animated movement: jump to the end state.
    while (!machine.done) machine.run(50_000);
    pause();
    dirty = true;
    const last = machine.events[machine.events.length - 1];
    if (last) announce(narrate(lang, last));
  }
}

function pause(): void {
  playing = false;
  runBtn.setAttribute('aria-pressed', 'false');
  runBtn.textContent = L('run');
  persist();
}

function tick(now: number): void {
  try {
    if (playing && machine) {
      const sp = SPEEDS[speed] ?? SPEEDS[1];
      if (now - lastTick >= sp.everyMs) {
        lastTick = now;
        const deadline = performance.now() + 10;
        let n = 0;
        while (!machine.done && n < sp.steps && performance.now() < deadline) { machine.run(Math.min(500, sp.steps - n)); n += Math.min(500, sp.steps - n); }
        dirty = true;
        if (now - lastAnnounce > 500) {
          lastAnnounce = now;
          const last = machine.events[machine.events.length - 1];
          if (last) announce(narrate(lang, last));
        }
        if (machine.done) pause();
      }
    }
    if (explorer && !explorer.done) {
      const deadline = performance.now() + 12;
      while (!explorer.done && performance.now() < deadline) explorer.step(5);
      renderExplore();
    }
    if (dirty) {
      dirty = false;
      render();
    }
  } catch (e) {
    playing = false;
    showError(L('loadError', { message: e instanceof Error ? e.message : String(e) }));
  }
  requestAnimationFrame(tick);
}

// ---- What can it print? ----
function startExplore(): void {
  if (!program) return;
  explorer = new OutcomeExplorer(program, 1, exploreRuns, 200_000);
  renderExplore();
}

function outcomeText(kind: string, exitCode: number, message: string): string {
  switch (kind) {
    case 'exit': return L('outcomeExit', { code: exitCode });
    case 'panic': return `panic: ${message}\n${L('outcomeExit', { code: exitCode })}`;
    case 'deadlock': case 'fatal': return `fatal error: ${message}\n${L('outcomeExit', { code: exitCode })}`;
    case 'budget': return L('outcomeBudget', { message });
    default: return L('outcomeError', { message });
  }
}

function renderExplore(): void {
  if (!explorer) { wcpStatus.textContent = ''; return; }
  const done = explorer.done;
  const ran = explorer.next - explorer.firstSeed;
  const list = explorer.sorted();
  wcpStatus.textContent = done
    ? `${L('outcomes', { n: explorer.runs })} — ${list.length === 1 ? L('deterministic') : L('nondeterministic', { k: list.length })}`
    : L('outcomesRunning', { i: ran, n: explorer.runs });
  wcpBtn.disabled = !done;
  replaceChildren(outcomesList, ...list.slice(0, 50).map((o) => {
    const pct = ran ? ((o.count / ran) * 100).toFixed(1) : '0';
    return h('li', { class: `outcome-item kind-${o.outcome}` },
      h('div', { class: 'outcome-head' },
        h('span', { class: 'count' }, `${o.count}× (${pct}%)`),
        h('span', { class: 'kind' }, outcomeText(o.outcome, o.exitCode, o.message).split('\n')[0]),
        h('button', { class: 'secondary small', onclick: () => { seedInput.value = String(o.seed); setSeed(o.seed); } }, L('replaySeed', { seed: o.seed }))),
      h('pre', { class: 'stdout' }, o.stdout || ' '));
  }));
}

// ---- rendering ----
let lineHeight = 18;
function renderGutter(): void {
  const lines = textarea.value.split('\n').length;
  const lineMarks = new Map<number, string[]>();
  if (machine && !parseError) {
    for (const g of machine.goroutineViews()) {
      if (g.state === 'done' || g.line <= 0) continue;
      const list = lineMarks.get(g.line) ?? [];
      list.push(`G${g.id}`);
      lineMarks.set(g.line, list);
    }
  }
  const frag = document.createDocumentFragment();
  for (let i = 1; i <= lines; i++) {
    const marks = lineMarks.get(i);
    frag.append(h('div', { class: marks ? 'ln active' : 'ln' }, marks ? h('span', { class: 'gmark' }, marks.join(' ')) : '', String(i)));
  }
  gutter.replaceChildren(frag);
  const bars = document.createDocumentFragment();
  const cs = getComputedStyle(textarea);
  const lh = parseFloat(cs.lineHeight);
  if (Number.isFinite(lh) && lh > 0) lineHeight = lh;
  const padTop = parseFloat(cs.paddingTop) || 0;
  for (const [line, gs] of lineMarks) {
    const bar = h('div', { class: 'line-bar' });
    bar.style.top = `${padTop + (line - 1) * lineHeight}px`;
    bar.style.height = `${lineHeight}px`;
    bar.title = gs.join(' ');
    bars.append(bar);
  }
  backdrop.replaceChildren(bars);
  syncScroll();
}

function syncScroll(): void {
  gutter.style.transform = `translateY(${-textarea.scrollTop}px)`;
  backdrop.style.transform = `translate(${-textarea.scrollLeft}px, ${-textarea.scrollTop}px)`;
}
textarea.addEventListener('scroll', syncScroll);

function stateLabel(state: string): string {
  return L(`state_${state}` as ChanStringKey);
}

function sudogEl(sg: Sudog, dir: 'send' | 'recv'): HTMLElement {
  const bits = [`G${sg.g.id}`];
  if (dir === 'send' && !sg.isSelect) bits.push(`← ${safeShow(sg.elem)}`);
  if (sg.isSelect) bits.push(sg.g.selectDone ? 'select ✓' : 'select');
  return h('li', { class: `sudog${sg.isSelect && sg.g.selectDone ? ' stale' : ''}`, 'data-goroutine': String(sg.g.id) }, bits.join(' '));
}

function safeShow(v: unknown): string {
  try {
    const s = typeof v === 'string' ? JSON.stringify(v) : formatV(v as never);
    return s.length > 16 ? s.slice(0, 15) + '…' : s;
  } catch {
    return '?';
  }
}

function chanCard(c: HChan): HTMLElement {
  const name = c.name;
  const field = (label: string, value: string | number, cls = '') => h('div', { class: `field ${cls}` }, h('span', { class: 'fname' }, label), h('span', { class: 'fval mono' }, String(value)));
  const ring = h('div', { class: 'ring', role: c.dataqsiz === 0 ? undefined : 'list' });
  if (c.dataqsiz === 0) ring.append(h('div', { class: 'muted unbuffered' }, L('unbuffered')));
  else {
    const shown = Math.min(c.dataqsiz, 32);
    for (let i = 0; i < shown; i++) {
      const filled = c.qcount > 0 && ((i - c.recvx + c.dataqsiz) % c.dataqsiz) < c.qcount;
      const marks: string[] = [];
      if (i === c.sendx) marks.push('sendx');
      if (i === c.recvx) marks.push('recvx');
      ring.append(h('div', { class: `slot${filled ? ' filled' : ''}`, role: 'listitem', 'aria-label': `buf[${i}] ${filled ? safeShow(c.buf[i]) : ''}` },
        h('div', { class: 'idx muted' }, String(i)),
        h('div', { class: 'val mono' }, filled ? safeShow(c.buf[i]) : ''),
        h('div', { class: 'marks' }, ...marks.map((m) => h('span', { class: `arrow ${m}` }, `↑${m}`)))));
    }
    if (c.dataqsiz > shown) ring.append(h('div', { class: 'muted' }, `… +${c.dataqsiz - shown}`));
  }
  const q = (label: string, list: Sudog[], dir: 'send' | 'recv', testid: string) =>
    h('div', { class: `queue ${dir}` }, h('span', { class: 'fname' }, label),
      list.length ? h('ol', { class: 'sudogs', 'data-testid': testid, 'data-empty': L('emptyQueue') }, ...list.map((sg) => sudogEl(sg, dir)))
        : h('ol', { class: 'sudogs', 'data-testid': testid, 'data-empty': L('emptyQueue') }));
  const label = L('hchanLabel', { name, qcount: c.qcount, dataqsiz: c.dataqsiz, closed: c.closed ? L('closedYes') : L('closedNo'), recvq: c.recvq.length, sendq: c.sendq.length });
  // The queue lists hold only the parked goroutines' sudogs; "empty" is drawn by CSS from data-empty.
  return h('div', {
    class: `hchan card${c.closed ? ' closed' : ''}`, 'data-testid': `hchan-${name}`, 'data-qcount': String(c.qcount), 'data-dataqsiz': String(c.dataqsiz),
    'data-closed': String(c.closed), role: 'group', 'aria-label': label,
  },
  h('div', { class: 'hchan-title' }, h('span', { class: 'mono chan-name' }, name), h('span', { class: 'muted mono' }, `chan ${typeLabel(c)}`)),
  h('div', { class: 'fields' }, field(L('fieldQcount'), c.qcount), field(L('fieldDataqsiz'), c.dataqsiz), field(L('fieldSendx'), c.sendx), field(L('fieldRecvx'), c.recvx),
    field(L('fieldClosed'), c.closed ? 1 : 0, c.closed ? 'is-closed' : '')),
  h('div', { class: 'buf' }, h('span', { class: 'fname' }, L('fieldBuf')), ring),
  q(L('fieldRecvq'), c.recvq, 'recv', 'recvq'),
  q(L('fieldSendq'), c.sendq, 'send', 'sendq'));
}

function typeLabel(c: HChan): string {
  const e = c.elemType;
  switch (e.k) {
    case 'empty': return 'struct{}';
    case 'any': return c.name.startsWith('time.After') ? 'time.Time' : 'any';
    case 'slice': return '[]…';
    case 'chan': return 'chan …';
    default: return e.k;
  }
}

function render(): void {
  const m = machine;
  stepBtn.disabled = !m || m.done;
  runBtn.disabled = !m || m.done;
  rewindBtn.disabled = !m || m.steps === 0;
  seedInput.value = String(seed);
  if (!m) {
    replaceChildren(chansDiv, h('p', { class: 'muted' }, L('noChannels')));
    replaceChildren(gsDiv);
    replaceChildren(narrList);
    outputPre.textContent = '';
    outcomeDiv.textContent = '';
    stepInfo.textContent = '';
    return;
  }
  stepInfo.textContent = L('stepCount', { step: m.steps });
  const timers = m.timerViews();
  clockInfo.textContent = `${L('clock', { t: fmtClock(m.clock) })} · ${L('timers', { n: timers.length })}`;
  const chans = m.chans.filter((c) => !c.name.startsWith('time.After') || !m.done);
  replaceChildren(chansDiv, ...(chans.length ? chans.map(chanCard) : [h('p', { class: 'muted' }, L('noChannels'))]));
  replaceChildren(gsDiv, ...m.goroutineViews().map((g) => {
    const state = g.state;
    return h('div', { class: `goroutine state-${state}`, 'data-testid': `goroutine-${g.id}`, 'data-state': state, role: 'group', 'aria-label': L('goroutineLabel', { id: g.id, state: stateLabel(state), line: g.line }) },
      h('span', { class: 'gid mono' }, `G${g.id}`),
      h('span', { class: 'gstate' }, stateLabel(state)),
      h('span', { class: 'muted mono' }, g.fn.replace(/^main\./, '')),
      h('span', { class: 'muted' }, state === 'done' ? '' : L('line', { line: g.line })),
      g.waitReason && state !== 'done' ? h('span', { class: 'muted mono wait' }, `[${g.waitReason}]`) : '');
  }));
  const evs = m.events.slice(-MAX_NARRATION);
  replaceChildren(narrList, ...evs.map((e) => h('li', { class: e.kind === 'panic' || e.kind === 'deadlock' || e.kind === 'fatal' ? 'error' : '' }, h('span', { class: 't' }, `#${e.step}`), narrate(lang, e))));
  narrList.scrollTop = narrList.scrollHeight;
  outputPre.textContent = m.stdout;
  const o = m.outcome;
  outcomeDiv.className = `outcome${o ? ` kind-${o.kind}` : ''}`;
  if (!o) outcomeDiv.textContent = L('outcomeRunning');
  else if (o.kind === 'exit') outcomeDiv.textContent = L('outcomeExit', { code: o.exitCode });
  else if (o.kind === 'budget') outcomeDiv.textContent = L('outcomeBudget', { message: o.message });
  else if (o.kind === 'error') outcomeDiv.textContent = L('outcomeError', { message: o.message });
  else outcomeDiv.textContent = o.stderr.trimEnd();
  renderGutter();
  if (!errorText && parseError) showError(L('parseError', { message: parseError }));
}

function fmtClock(ns: number): string {
  if (ns === 0) return '0s';
  if (ns % 1e9 === 0) return `${ns / 1e9}s`;
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  if (ns % 1e3 === 0) return `${ns / 1e3}µs`;
  return `${ns}ns`;
}

let persistTimer: number | undefined;
function persist(): void {
  if (persistTimer !== undefined) return;
  persistTimer = window.setTimeout(() => {
    persistTimer = undefined;
    const state: SavedState = { source, seed, steps: machine?.steps ?? 0, preset: presetId, runs: exploreRuns };
    saveState(state);
  }, 200);
}

// ---- keyboard ----
document.addEventListener('keydown', (e: KeyboardEvent) => {
  const target = e.target as HTMLElement | null;
  if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'ArrowRight') { e.preventDefault(); pause(); stepOnce(); }
  else if (e.key === 'ArrowLeft') { e.preventDefault(); pause(); rewindTo(Math.max(0, (machine?.steps ?? 0) - 1)); }
  else if (e.key === ' ' && target?.tagName !== 'BUTTON' && target?.tagName !== 'A') { e.preventDefault(); togglePlay(); }
  else if (e.key === 'Home') { e.preventDefault(); pause(); rewindTo(0); }
});

// ---- host messages ----
onHostMessage((msg) => {
  try {
    if (msg.type === 'preset') loadPreset(msg.id);
    else if (msg.type === 'scenario') {
      pause();
      loadSource(msg.text, undefined, 0);
    } else if (msg.type === 'lang') {
      lang = msg.lang;
      renderLabels();
      pause();
    }
  } catch (e) {
    showError(L('loadError', { message: e instanceof Error ? e.message : String(e) }));
  }
});

// ---- start ----
try {
  const saved = savedState(validateState);
  const wanted = initialPreset();
  renderLabels();
  if (wanted && findPreset(wanted) && (!saved || saved.preset !== wanted)) {
    loadSource((findPreset(wanted) as ChanPreset).source, findPreset(wanted));
  } else if (saved) {
    seed = saved.seed;
    exploreRuns = saved.runs;
    if (!loadSource(saved.source, findPreset(saved.preset), saved.steps)) loadSource(CHAN_PRESETS[0].source, CHAN_PRESETS[0]);
  } else {
    loadSource(CHAN_PRESETS[0].source, CHAN_PRESETS[0]);
  }
  pause();
} catch (e) {
  showError(L('loadError', { message: e instanceof Error ? e.message : String(e) }));
}
postToHost({ type: 'ready' });
requestAnimationFrame(tick);
