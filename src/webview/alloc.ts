/**
 * The Go allocator simulator panel: Ps and their mcaches, the mcentrals, the heap's pages and
 * arenas, spans as grids of slots, the OS boundary, narration, MemStats and a chart, and a size
 * class explorer. The model lives in src/sim/alloc (pure); this file only draws it.
 * Rendering is batched in requestAnimationFrame and incremental (only changed slots are touched),
 * so replaying 100 000 allocations stays smooth.
 */
import type { SimHostMessage, SimLanguage } from '../sim/protocol';
import { MAX_PAGES, PAGE_IDLE, PAGE_INUSE, PAGE_RELEASED, type Span } from '../sim/alloc/heap';
import { NOTE_TOPIC_ID, PRESETS, presetById, presetScenarioText, type Preset } from '../sim/alloc/presets';
import { parseScenario, Simulation, type AllocEvent, type Op } from '../sim/alloc/scenario';
import {
  ARENA_BASE_ADDRESS, GO_PLATFORM, GO_VERSION, MALLOC_HEADER_SIZE, PAGES_PER_ARENA, PAGE_SIZE, SIZE_CLASSES, TINY_SPAN_CLASS, decideSize,
} from '../sim/alloc/sizeclasses';
import { formatBytes, narrate, t, tinyAlignment, type StringKey } from '../sim/alloc/strings';
import { announce, h, initialPreset, language, onHostMessage, postToHost, reducedMotion, replaceChildren, reportEdit, root, saveState, savedState, svg } from './simShell';

const MAX_NARRATION = 200;
const MAX_SPANS_DRAWN = 24;
const MAX_SPANS_WHILE_REPLAYING = 3;
const GRIDS_PER_FRAME = 4;
const MAX_SLOTS_DRAWN = 512;
const MAX_CHART_POINTS = 300;
const MAX_EXTRAS = 500;
const FRAME_BUDGET_MS = 4;
const MAX_ALLOCS_PER_FRAME = 2000;
const PACED_OP_MS = 350;
const EXPLORER_MAX = 1 << 30;

interface Extra { readonly at: number; readonly op: Op }
interface Saved { readonly v: 1; readonly text: string; readonly fileName: string; readonly preset: string; readonly steps: number; readonly extras: readonly Extra[]; readonly explorer: string }

let lang: SimLanguage = language();
let presetId = '';
let scenarioText = '';
let fileName = '';
let sim: Simulation;
let extras: Extra[] = [];
let playing = false;
/** Playing a scenario too big to pace: frames are time-budgeted and views refresh in turn. */
let fastReplay = false;
let lastPaced = 0;
let lastAnnounce = 0;
let explorerValue = '24';
let explorerPointers = false;
/** spans in the order they were last touched, most recent first */
let recent: number[] = [];
let chart: { inuse: number; released: number; sys: number }[] = [];
let narration: { n: number; event?: AllocEvent; error?: string }[] = [];
let eventCount = 0;
let dirty = true;
let frameRequested = false;

const L = (key: StringKey, ...args: (string | number)[]): string => t(lang, key, ...args);

// ---------------------------------------------------------------- state

function loadScenario(text: string, name: string, preset: string, steps = 0, restoreExtras: readonly Extra[] = []): string | undefined {
  const parsed = parseScenario(text);
  if (!parsed.ok) return parsed.error;
  stop();
  scenarioText = text;
  fileName = name;
  presetId = preset;
  sim = new Simulation(parsed.scenario);
  extras = [];
  recent = [];
  chart = [];
  narration = [];
  eventCount = 0;
  sample();
  // Replay to the saved position (quietly).
  const pending = [...restoreExtras].sort((a, b) => a.at - b.at);
  let k = 0;
  while (true) {
    while (k < pending.length && pending[k].at <= sim.next) {
      const r = sim.applyExtra(pending[k].op);
      if (r.ok) { extras.push(pending[k]); record(r.event, true); }
      k++;
    }
    if (sim.next >= steps || sim.done) break;
    const r = sim.step();
    if (!r.ok) break;
    record(r.event, true);
  }
  showError(undefined);
  buildLayout();
  persist();
  return undefined;
}

function loadPreset(id: string): void {
  const preset = presetById(id) ?? PRESETS[0];
  const text = presetScenarioText(preset);
  loadScenario(text, `${preset.id}.alloc.json`, preset.id);
  reportEdit(text); // in a scenario file's editor, picking a preset rewrites the file (undoably)
}

function persist(): void {
  const state: Saved = { v: 1, text: scenarioText, fileName, preset: presetId, steps: sim.next, extras, explorer: explorerValue };
  saveState(state);
}

function validateSaved(value: unknown): Saved | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  if (s.v !== 1 || typeof s.text !== 'string' || s.text.length > 256 * 1024 || typeof s.fileName !== 'string' || typeof s.preset !== 'string') return undefined;
  if (typeof s.steps !== 'number' || !Number.isInteger(s.steps) || s.steps < 0 || typeof s.explorer !== 'string' || s.explorer.length > 20) return undefined;
  if (!Array.isArray(s.extras) || s.extras.length > MAX_EXTRAS) return undefined;
  for (const e of s.extras as unknown[]) {
    if (typeof e !== 'object' || e === null) return undefined;
    const x = e as Record<string, unknown>;
    if (typeof x.at !== 'number' || typeof x.op !== 'object' || x.op === null) return undefined;
    if (!Number.isInteger(x.at) || (x.at as number) < 0 || !validExtraOp(x.op as Record<string, unknown>)) return undefined;
  }
  if (!parseScenario(s.text).ok) return undefined;
  return value as Saved;
}

function validExtraOp(op: Record<string, unknown>): boolean {
  const int = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  switch (op.kind) {
    case 'malloc': return int(op.size, 1, 1 << 29) && typeof op.noscan === 'boolean' && int(op.p, 0, 7) && op.count === 1 && op.as === undefined;
    case 'free': return typeof op.name === 'string' && op.name.length <= 64 && int(op.every, 1, 100000);
    case 'gc': return true;
    case 'scavenge': return op.bytes === undefined || int(op.bytes, 1, 2 ** 40);
    default: return false;
  }
}

/** Adds an event to the narration, chart and recency list. */
function record(event: AllocEvent, quiet = false): void {
  eventCount++;
  narration.push({ n: eventCount, event });
  if (narration.length > MAX_NARRATION) narration.splice(0, narration.length - MAX_NARRATION);
  if (event.op === 'malloc') touch(event.span.id);
  if (event.op === 'gc') recent = recent.filter((id) => sim.heap.spans.has(id));
  sample();
  dirty = true;
  if (!quiet) {
    const lines = narrate(lang, event);
    const now = performance.now();
    if (!playing || now - lastAnnounce > 500) {
      announce(lines.join('. '));
      lastAnnounce = now;
    }
  }
}

function touch(id: number): void {
  const i = recent.indexOf(id);
  if (i === 0) return;
  if (i > 0) recent.splice(i, 1);
  recent.unshift(id);
  if (recent.length > 200) recent.length = 200;
}

function sample(): void {
  const m = sim.heap.memStats();
  chart.push({ inuse: m.HeapInuse, released: m.HeapReleased, sys: m.Sys });
  if (chart.length > MAX_CHART_POINTS) chart.splice(0, chart.length - MAX_CHART_POINTS);
}

function recordError(message: string): void {
  eventCount++;
  narration.push({ n: eventCount, error: message });
  announce(L('errorOp', message));
  dirty = true;
}

// ---------------------------------------------------------------- actions

function stepOnce(): void {
  if (sim.done) return;
  const r = sim.step();
  if (r.ok) record(r.event);
  else { recordError(r.error); stop(); }
  persist();
  schedule();
}

function applyExtra(op: Op): void {
  if (sim.progress()) return;
  const r = sim.applyExtra(op);
  if (r.ok) {
    if (extras.length < MAX_EXTRAS) extras.push({ at: sim.next, op });
    record(r.event);
  } else recordError(r.error);
  persist();
  schedule();
}

function play(): void {
  if (sim.done) return;
  playing = true;
  lastPaced = 0;
  dirty = true;
  schedule();
}

function stop(): void {
  playing = false;
  fastReplay = false;
  dirty = true;
}

/** One animation frame of play: paced for short scenarios, time-budgeted for huge ones. */
function playFrame(now: number): void {
  const paced = !reducedMotion() && sim.scenario.ops.length <= 100 && !sim.progress() && !hugeOp();
  fastReplay = !paced;
  if (paced) {
    if (now - lastPaced >= PACED_OP_MS) {
      lastPaced = now;
      const r = sim.step();
      if (r.ok) record(r.event); else { recordError(r.error); stop(); }
    }
  } else {
    const start = performance.now();
    let allocs = 0;
    while (!sim.done && performance.now() - start < FRAME_BUDGET_MS && allocs < MAX_ALLOCS_PER_FRAME) {
      const r = sim.advance(250);
      if (!r.ok) { recordError(r.error); stop(); break; }
      allocs += r.done;
      if (r.event) record(r.event);
      else dirty = true;
    }
    if (sim.progress()) { touch(sim.heap.last.span.id); dirty = true; }
  }
  if (sim.done) { stop(); persist(); }
}

function hugeOp(): boolean {
  const op = sim.scenario.ops[sim.next];
  return op !== undefined && op.kind === 'malloc' && op.count > 1000;
}

function schedule(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(frame);
}

function frame(now: number): void {
  frameRequested = false;
  try {
    const t0 = performance.now();
    if (playing) playFrame(now);
    frameSimMs = performance.now() - t0;
    if (dirty) { dirty = false; render(); }
  } catch (e) {
    stop();
    showError((e as Error).message);
  }
  if (playing || dirty) schedule();
}

// ---------------------------------------------------------------- layout

const refs = {} as {
  errorBox: HTMLElement; presetTitle: HTMLElement; presetText: HTMLElement; progress: HTMLElement; stepBtn: HTMLButtonElement; runBtn: HTMLButtonElement;
  freeSelect: HTMLSelectElement; freeBtn: HTMLButtonElement; narration: HTMLOListElement; stats: HTMLElement; frag: HTMLElement; chart: SVGSVGElement; chartMax: HTMLElement;
  ps: HTMLElement; centrals: HTMLElement; arenas: HTMLElement; spans: HTMLElement; explorerResult: HTMLElement; mallocBtn: HTMLButtonElement;
};
const drawnSpans = new Map<number, { el: HTMLElement; slots: HTMLElement[]; states: Uint8Array; header: HTMLElement; freeShown: number; place: string }>();
let lastError: string | undefined;

function showError(message: string | undefined): void {
  lastError = message;
  if (!refs.errorBox) return;
  refs.errorBox.hidden = message === undefined;
  refs.errorBox.textContent = message === undefined ? '' : `${L('errorTitle')}: ${message}`;
}

function currentPreset(): Preset | undefined {
  return presetById(presetId);
}

function buildLayout(): void {
  drawnSpans.clear();
  document.documentElement.lang = lang === 'zh-cn' ? 'zh-CN' : 'en';
  const preset = currentPreset();
  const select = h('select', { 'data-testid': 'preset-select', 'aria-label': L('preset'), onchange: (e: Event) => loadPreset((e.target as HTMLSelectElement).value) },
    ...PRESETS.map((p) => h('option', { value: p.id, selected: p.id === presetId }, t(lang, `preset.${p.id}.title` as StringKey))),
    ...(preset ? [] : [h('option', { value: '', selected: true, disabled: true }, fileName || 'scenario')]),
  );
  const openNote = h('a', { href: '#', 'data-testid': 'open-note', onclick: (e: Event) => { e.preventDefault(); postToHost({ type: 'openNote', topicId: NOTE_TOPIC_ID, slug: (currentPreset()?.slug) ?? 'allocation-path' }); } }, L('openNote'));
  const save = h('button', { class: 'secondary', 'data-testid': 'save-scenario', onclick: () => postToHost({ type: 'saveScenario', text: scenarioText, fileName: fileName || 'scenario.alloc.json' }) }, L('saveScenario'));
  const open = h('button', { class: 'secondary', 'data-testid': 'open-scenario', onclick: () => postToHost({ type: 'openScenario' }) }, L('openScenario'));

  refs.errorBox = h('div', { class: 'error-box', role: 'alert', hidden: true });
  refs.presetTitle = h('h2', {}, preset ? t(lang, `preset.${preset.id}.title` as StringKey) : fileName);
  refs.presetText = h('p', { class: 'muted' }, preset ? t(lang, `preset.${preset.id}.text` as StringKey) : '');
  refs.stepBtn = h('button', { 'data-testid': 'alloc-step', onclick: () => { stop(); stepOnce(); } }, L('step'));
  refs.runBtn = h('button', { 'data-testid': 'alloc-run', 'aria-pressed': 'false', onclick: () => (playing ? stop() : play(), schedule()) }, L('run'));
  const reset = h('button', { class: 'secondary', 'data-testid': 'alloc-reset', onclick: () => loadScenario(scenarioText, fileName, presetId) }, L('reset'));
  refs.progress = h('span', { class: 'muted', 'aria-live': 'off' });

  const size = h('input', { type: 'number', min: 1, max: 1 << 29, value: '24', 'data-testid': 'alloc-size', 'aria-label': L('size'), class: 'size-input' });
  const noscan = h('input', { type: 'checkbox', 'data-testid': 'alloc-noscan' });
  const pSel = h('select', { 'data-testid': 'alloc-p', 'aria-label': L('onP') }, ...Array.from({ length: sim.heap.procs }, (_, p) => h('option', { value: p }, `P${p}`)));
  refs.mallocBtn = h('button', { 'data-testid': 'alloc-malloc', onclick: () => {
    const n = Number(size.value);
    if (!Number.isInteger(n) || n < 1 || n > 1 << 29) { recordError(L('explorerInvalid', 1 << 29)); schedule(); return; }
    applyExtra({ kind: 'malloc', size: n, noscan: noscan.checked, p: Number(pSel.value), count: 1 });
  } }, L('malloc'));
  size.addEventListener('keydown', (e) => { if (e.key === 'Enter') refs.mallocBtn.click(); });
  refs.freeSelect = h('select', { 'data-testid': 'alloc-free-select', 'aria-label': L('freeWhich') });
  refs.freeBtn = h('button', { class: 'secondary', 'data-testid': 'alloc-free', onclick: () => { if (refs.freeSelect.value) applyExtra({ kind: 'free', name: refs.freeSelect.value, every: 1 }); } }, L('free'));
  const gc = h('button', { class: 'secondary', 'data-testid': 'alloc-gc', onclick: () => applyExtra({ kind: 'gc' }) }, L('gc'));
  const scav = h('button', { class: 'secondary', 'data-testid': 'alloc-scavenge', onclick: () => applyExtra({ kind: 'scavenge' }) }, L('scavenge'));

  refs.narration = h('ol', { class: 'narration', 'data-testid': 'alloc-narration', 'aria-label': L('narration'), tabindex: 0 });
  refs.stats = h('div', { 'data-testid': 'alloc-stats', class: 'stats' });
  statCells = [];
  refs.frag = h('p', { class: 'muted small' });
  refs.chart = svg('svg', { class: 'chart', viewBox: '0 0 320 100', preserveAspectRatio: 'none', role: 'img', 'aria-label': L('chart'), 'data-testid': 'alloc-chart' });
  refs.chartMax = h('div', { class: 'muted small mono' });
  refs.ps = h('div', { class: 'ps' });
  refs.centrals = h('div', { class: 'centrals' });
  refs.arenas = h('div', { class: 'arenas' });
  refs.spans = h('div', { class: 'spans', role: 'list', 'aria-label': L('spans') });

  const exInput = h('input', { type: 'number', min: 1, max: EXPLORER_MAX, value: explorerValue, 'data-testid': 'size-explorer-input', 'aria-label': L('explorerLabel'), class: 'size-input' });
  const exPtr = h('input', { type: 'checkbox', checked: explorerPointers, 'data-testid': 'size-explorer-pointers' });
  refs.explorerResult = h('p', { 'data-testid': 'size-explorer-result', 'aria-live': 'polite' });
  const updateExplorer = (): void => { explorerValue = exInput.value; explorerPointers = exPtr.checked; renderExplorer(); persist(); };
  exInput.addEventListener('input', updateExplorer);
  exPtr.addEventListener('change', updateExplorer);

  replaceChildren(root,
    h('header', {},
      h('h1', {}, L('title')),
      h('p', { class: 'version' }, L('version', GO_VERSION, GO_PLATFORM)),
      h('div', { class: 'toolbar' }, h('label', {}, L('preset'), select), openNote, h('span', { class: 'sep' }), save, open),
    ),
    refs.errorBox,
    h('section', { class: 'card intro' }, refs.presetTitle, refs.presetText),
    h('div', { class: 'toolbar' }, refs.stepBtn, refs.runBtn, reset, refs.progress),
    h('div', { class: 'toolbar allocate', role: 'group', 'aria-label': L('allocate') },
      h('label', {}, L('size'), size), h('label', {}, noscan, L('noPointers')), h('label', {}, L('onP'), pSel), refs.mallocBtn,
      h('span', { class: 'sep' }), refs.freeSelect, refs.freeBtn, h('span', { class: 'sep' }), gc, scav),
    h('p', { class: 'muted small' }, L('stepHint')),
    h('div', { class: 'alloc-grid' },
      h('div', { class: 'col' },
        h('h2', {}, L('narration')), refs.narration,
        h('h2', {}, L('stats')), refs.stats, refs.frag,
        h('h3', {}, L('chart')), refs.chart,
        h('div', { class: 'legend' }, legendItem('ln l-inuse-t', L('chartLegendInuse')), legendItem('ln l-released-t', L('chartLegendReleased')), legendItem('ln l-sys-t', L('chartLegendSys'))),
        refs.chartMax,
        h('p', { class: 'muted small' }, L('sysNote')),
      ),
      h('div', { class: 'col' },
        h('h2', {}, L('ps')), refs.ps,
        h('h2', {}, L('centrals')), refs.centrals,
        h('h2', {}, L('heap')), refs.arenas,
      ),
    ),
    h('h2', {}, L('spans')),
    h('div', { class: 'legend' }, legendItem('slot used', L('slotUsed')), legendItem('slot dead', L('slotDead')), legendItem('slot free', L('slotFree')), legendItem('slot waste', L('slotWaste'))),
    refs.spans,
    h('section', { class: 'card explorer' },
      h('h2', {}, L('explorer')),
      h('div', { class: 'toolbar' }, h('label', {}, L('explorerLabel'), exInput), h('label', {}, exPtr, L('explorerPointers'))),
      refs.explorerResult,
      sizeTable(),
    ),
    h('section', { class: 'card history' }, h('h2', {}, L('history')), h('p', {}, L('historyText')), historyDiagram()),
  );
  showError(lastError);
  renderExplorer();
  dirty = false;
  render();
  if (dirty) schedule(); // span grids still to build
}

function legendItem(cls: string, label: string): HTMLElement {
  return h('span', { class: 'legend-item' }, h('span', { class: cls, 'aria-hidden': 'true' }), label);
}

function sizeTable(): HTMLElement {
  return h('details', {},
    h('summary', {}, `sizeclasses.go (${SIZE_CLASSES.length})`),
    h('table', { class: 'grid size-table' },
      h('thead', {}, h('tr', {}, ...['class', 'bytes/obj', 'bytes/span', 'objects', 'tail waste', 'max waste'].map((c) => h('th', {}, c)))),
      h('tbody', {}, ...SIZE_CLASSES.map((r) => h('tr', {}, h('td', {}, r.class), h('td', {}, r.size), h('td', {}, r.spanBytes), h('td', {}, r.objects), h('td', {}, r.tailWaste), h('td', {}, `${r.maxWaste.toFixed(2)}%`)))),
    ),
  );
}

function historyDiagram(): SVGSVGElement {
  // Pre-1.11 (to scale on a log-ish sketch): spans 512 MB | bitmap 16 GB | arena 512 GB, versus sparse 64 MB arenas.
  const box = (x: number, w: number, y: number, cls: string, label: string) =>
    [svg('rect', { x, y, width: w, height: 22, class: cls }), svg('text', { x: x + 4, y: y + 15, class: 'diagram-text' }, label)];
  return svg('svg', { class: 'history-diagram', viewBox: '0 0 560 90', role: 'img', 'aria-label': L('history') },
    svg('text', { x: 0, y: 12, class: 'diagram-text muted-fill' }, 'Go ≤ 1.10'),
    ...box(70, 84, 0, 'd-spans', 'spans 512 MB'), ...box(154, 96, 0, 'd-bitmap', 'bitmap 16 GB'), ...box(250, 310, 0, 'd-arena', 'arena 512 GB (one contiguous reservation)'),
    svg('text', { x: 0, y: 62, class: 'diagram-text muted-fill' }, 'Go ≥ 1.11'),
    ...[0, 1, 2].flatMap((i) => box(70 + i * 120, 90, 50, 'd-arena', `64 MB arena ${i}`)),
    svg('text', { x: 430, y: 66, class: 'diagram-text muted-fill' }, '… sparse, on demand'),
  );
}

// ---------------------------------------------------------------- rendering

function render(): void {
  if (!refs.narration) return;
  const total = sim.scenario.ops.length;
  const prog = sim.progress();
  const op = sim.scenario.ops[sim.next];
  refs.progress.textContent = sim.done ? L('finished', total) : prog && op && op.kind === 'malloc' ? L('progressPartial', sim.next + 1, total, prog.done, op.count) : L('progress', sim.next + 1, total);
  refs.stepBtn.disabled = sim.done;
  refs.runBtn.disabled = sim.done && !playing;
  refs.runBtn.textContent = playing ? L('pause') : L('run');
  refs.runBtn.setAttribute('aria-pressed', String(playing));
  refs.mallocBtn.disabled = prog !== undefined;

  if (!fastReplay) {
    if (narrationSkipped) { replaceChildren(refs.narration); narrationSkipped = false; }
    for (const view of VIEWS) view();
    return;
  }
  // A fast replay redraws one view per frame, one every REPLAY_VIEW_MS, in turn: no frame redraws them all.
  dirty = true;
  const now = performance.now();
  if (now - viewAt < REPLAY_VIEW_MS || frameSimMs > FRAME_BUDGET_MS * 2) return; // a slow op (a GC) had this frame
  viewAt = now;
  VIEWS[nextView]();
  nextView = (nextView + 1) % VIEWS.length;
}
const REPLAY_VIEW_MS = 50;
const VIEWS: (() => void)[] = [renderNarration, renderStats, renderSpans, renderChart, renderPs, renderFreeList, renderCentrals, renderArenas];
let viewAt = 0;
let nextView = 0;
let frameSimMs = 0;

function renderFreeList(): void {
  const names = sim.liveNames();
  const current = refs.freeSelect.value;
  if (refs.freeSelect.options.length !== Math.max(1, names.length) || names.some((n, i) => refs.freeSelect.options[i]?.value !== n)) {
    replaceChildren(refs.freeSelect, ...(names.length ? names.map((n) => h('option', { value: n, selected: n === current }, n)) : [h('option', { value: '' }, L('freeNone'))]));
  }
  refs.freeBtn.disabled = names.length === 0;
}

let renderedNarration = 0;
/** Entries a fast replay did not draw: the list is drawn afresh once it stops. */
let narrationSkipped = false;
const NARRATION_WHILE_REPLAYING = 12;
/** Newest entry first: prepending never needs a scroll position, so no forced layout per frame. */
function renderNarration(): void {
  const list = refs.narration;
  const first = narration[0]?.n ?? 0;
  while (list.lastElementChild && Number((list.lastElementChild as HTMLElement).dataset.n) < first) list.lastElementChild.remove();
  if (list.childElementCount === 0) renderedNarration = 0;
  let fresh = narration.filter((e) => e.n > renderedNarration);
  const limit = fastReplay ? NARRATION_WHILE_REPLAYING : MAX_NARRATION;
  if (fresh.length > limit) {
    narrationSkipped ||= fastReplay;
    fresh = fresh.slice(-limit);
  }
  if (fresh.length === 0) return;
  const frag = document.createDocumentFragment();
  for (let k = fresh.length - 1; k >= 0; k--) {
    const e = fresh[k];
    const lines = e.event ? narrate(lang, e.event) : [L('errorOp', e.error ?? '')];
    const li = h('li', { 'data-n': e.n, class: e.error !== undefined ? 'error' : undefined }, h('span', { class: 't' }, `#${e.n}`), lines[0]);
    if (lines.length > 1) li.append(h('ul', { class: 'path' }, ...lines.slice(1).map((l) => h('li', {}, l))));
    frag.append(li);
  }
  list.prepend(frag);
  renderedNarration = fresh[fresh.length - 1].n;
}

let statCells: HTMLElement[] = [];
function renderStats(): void {
  const m = sim.heap.memStats();
  const el = refs.stats;
  el.dataset.heapAlloc = String(m.HeapAlloc);
  el.dataset.heapInuse = String(m.HeapInuse);
  el.dataset.heapIdle = String(m.HeapIdle);
  el.dataset.heapReleased = String(m.HeapReleased);
  el.dataset.heapSys = String(m.HeapSys);
  el.dataset.sys = String(m.Sys);
  el.dataset.mallocs = String(m.Mallocs);
  el.dataset.frees = String(m.Frees);
  const rows: [string, string][] = [
    ['HeapAlloc', formatBytes(m.HeapAlloc)], ['HeapInuse', formatBytes(m.HeapInuse)], ['HeapIdle', formatBytes(m.HeapIdle)], ['HeapReleased', formatBytes(m.HeapReleased)],
    ['HeapSys', formatBytes(m.HeapSys)], ['Sys', formatBytes(m.Sys)], ['Mallocs', String(m.Mallocs)], ['Frees', String(m.Frees)], ['HeapObjects', String(m.HeapObjects)], ['NumGC', String(m.NumGC)],
  ];
  // Built once; later frames only change the numbers.
  if (statCells.length !== rows.length || !el.firstChild) {
    statCells = [];
    const cells = rows.map(([k]) => { const td = h('td', { class: 'num' }); statCells.push(td); return [h('th', {}, k), td]; });
    replaceChildren(el, h('table', { class: 'grid stats-table' }, h('tbody', {}, ...chunk(cells, 2).map((pair) => h('tr', {}, ...pair.flat())))));
  }
  rows.forEach(([, v], i) => { if (statCells[i].textContent !== v) statCells[i].textContent = v; });
  const f = sim.heap.fragmentation();
  refs.frag.textContent = L('fragmentation', formatBytes(f.requestedBytes), formatBytes(f.internalBytes), formatBytes(f.tailWasteBytes), formatBytes(f.freeSlotBytes), `${(f.ratio * 100).toFixed(1)}%`);
}

function chunk<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

function renderChart(): void {
  const c = refs.chart;
  const W = 320, H = 100;
  if (chart.length < 2) {
    replaceChildren(c);
    refs.chartMax.textContent = L('chartEmpty');
    return;
  }
  const max = Math.max(1, ...chart.map((p) => Math.max(p.sys, p.inuse, p.released)));
  const x = (i: number) => (i / (chart.length - 1)) * W;
  const y = (v: number) => H - (v / max) * (H - 2);
  const line = (key: 'inuse' | 'released' | 'sys', cls: string) => svg('polyline', { class: cls, points: chart.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ') });
  replaceChildren(c, line('sys', 'l-sys'), line('released', 'l-released'), line('inuse', 'l-inuse'));
  const last = chart[chart.length - 1];
  refs.chartMax.textContent = `max ${formatBytes(max)} · HeapInuse ${formatBytes(last.inuse)} · HeapReleased ${formatBytes(last.released)} · Sys ${formatBytes(last.sys)}`;
}

function renderPs(): void {
  const heap = sim.heap;
  replaceChildren(refs.ps, ...Array.from({ length: heap.procs }, (_, p) => {
    const spans = heap.cachedSpans(p);
    const tiny = heap.tinyBlock(p);
    return h('div', { class: 'card p-card', 'data-testid': `p-${p}` },
      h('strong', {}, L('pLabel', p)), ' ',
      h('span', { class: 'muted' }, tiny ? L('tinyBlock', tiny.span.id, tiny.slot, tiny.offset) : L('noTiny')),
      spans.length === 0 ? h('p', { class: 'muted small' }, L('mcacheEmpty')) :
        h('ul', { class: 'chips' }, ...spans.map((s) => h('li', { class: 'chip', title: `span class ${s.spanClass}` },
          `sc ${s.spanClass} · ${s.elemSize} B → span ${s.id} (${s.nelems - s.allocCount} ${L('slotFree')})`))),
    );
  }));
}

function renderCentrals(): void {
  const rows = sim.heap.centrals.map((c, sc) => ({ c, sc })).filter(({ c }) => c.partial.length + c.full.length > 0);
  if (rows.length === 0) { replaceChildren(refs.centrals, h('p', { class: 'muted small' }, L('noCentrals'))); return; }
  replaceChildren(refs.centrals, h('table', { class: 'grid centrals-table' }, h('tbody', {}, ...rows.slice(0, 40).map(({ c, sc }) => {
    const cls = sc >> 1;
    const tag = sc & 1 ? L('noscanTag') : '';
    return h('tr', {},
      h('th', {}, cls === 0 ? L('centralLarge', sc, tag) : L('centralRow', sc, cls, SIZE_CLASSES[cls - 1].size, tag)),
      h('td', {}, L('partialFull', idList(c.partial), idList(c.full))));
  }))));
}

function idList(spans: readonly Span[]): string {
  if (spans.length === 0) return '–';
  const ids = spans.slice(0, 8).map((s) => s.id).join(', ');
  return spans.length > 8 ? `${ids}, … (${spans.length})` : ids;
}

function renderArenas(): void {
  const heap = sim.heap;
  if (heap.arenas === 0) { replaceChildren(refs.arenas, h('p', { class: 'muted small' }, L('arenaNone')), osBoundary()); return; }
  const W = 512;
  const perPx = PAGES_PER_ARENA / W;
  const items: Node[] = [];
  for (let a = 0; a < heap.arenas && a < 16; a++) {
    const rects: SVGElement[] = [];
    let runStart = 0;
    let runCls = '';
    const base = a * PAGES_PER_ARENA;
    for (let px = 0; px <= W; px++) {
      let cls = '';
      if (px < W) {
        // A pixel shows "in use" if any page in it is, else idle, else released, else unmapped.
        let inuse = false, idle = false, released = false;
        const from = base + Math.floor(px * perPx), to = Math.min(MAX_PAGES, base + Math.floor((px + 1) * perPx));
        for (let i = from; i < to; i++) {
          const s = heap.pageState[i];
          if (s === PAGE_INUSE) { inuse = true; break; }
          if (s === PAGE_IDLE) idle = true; else if (s === PAGE_RELEASED) released = true;
        }
        cls = inuse ? 'pg-inuse' : idle ? 'pg-idle' : released ? 'pg-released' : 'pg-unmapped';
      }
      if (cls !== runCls) {
        if (runCls) rects.push(svg('rect', { x: runStart, y: 0, width: px - runStart, height: 14, class: runCls }));
        runStart = px;
        runCls = cls;
      }
    }
    const mappedInArena = Math.max(0, Math.min(PAGES_PER_ARENA, heap.mappedPages - base));
    items.push(h('div', { class: 'arena' },
      h('div', { class: 'arena-label' }, L('arena', a, '0x' + (ARENA_BASE_ADDRESS + base * PAGE_SIZE).toString(16)), ' · ', h('span', { class: 'muted' }, L('mapped', formatBytes(mappedInArena * PAGE_SIZE)))),
      svg('svg', { class: 'arena-bar', viewBox: `0 0 ${W} 14`, preserveAspectRatio: 'none', role: 'img', 'aria-label': L('arena', a, '') }, ...rects)));
  }
  // Zoom: the first pages of the heap, one column per page, where small spans are visible.
  const zoom = Math.min(heap.mappedPages, 1024);
  if (zoom > 0) {
    const rects: SVGElement[] = [];
    let runStart = 0;
    let runCls = '';
    for (let i = 0; i <= zoom; i++) {
      const st = i < zoom ? heap.pageState[i] : -1;
      const cls = st === PAGE_INUSE ? 'pg-inuse' : st === PAGE_IDLE ? 'pg-idle' : st === PAGE_RELEASED ? 'pg-released' : i < zoom ? 'pg-unmapped' : '';
      if (cls !== runCls) {
        if (runCls) rects.push(svg('rect', { x: runStart, y: 0, width: i - runStart, height: 14, class: runCls }));
        runStart = i;
        runCls = cls;
      }
    }
    if (heap.spans.size <= 400) for (const span of heap.spans.values()) {
      if (span.startPage < zoom) rects.push(svg('rect', { x: span.startPage, y: 0, width: Math.min(span.pages, zoom - span.startPage), height: 14, class: 'pg-span' }));
    }
    items.push(h('div', { class: 'arena' },
      h('div', { class: 'arena-label' }, L('zoom', zoom)),
      svg('svg', { class: 'arena-bar zoom', viewBox: `0 0 ${zoom} 14`, preserveAspectRatio: 'none', role: 'img', 'aria-label': L('zoom', zoom) }, ...rects)));
  }
  items.push(h('div', { class: 'legend' }, legendItem('pg pg-inuse', L('legendInuse')), legendItem('pg pg-idle', L('legendIdle')), legendItem('pg pg-released', L('legendReleased')), legendItem('pg pg-unmapped', L('legendUnmapped'))));
  items.push(osBoundary());
  replaceChildren(refs.arenas, ...items);
}

function osBoundary(): HTMLElement {
  return h('div', { class: 'os-boundary', role: 'note' }, L('osBoundary'));
}

function placeLabel(s: Span): string {
  return s.place === 'mcache' ? L('placeMcache', s.owner) : s.place === 'partial' ? L('placePartial') : L('placeFull');
}

function renderSpans(): void {
  const heap = sim.heap;
  const limit = fastReplay ? MAX_SPANS_WHILE_REPLAYING : MAX_SPANS_DRAWN;
  const ids = recent.filter((id) => heap.spans.has(id)).slice(0, limit);
  if (ids.length < limit && ids.length < heap.spans.size) {
    // Fill up with the other in-use spans, newest first (a counted malloc touches many spans at once).
    const shown = new Set(ids);
    const rest = [...heap.spans.keys()].filter((id) => !shown.has(id)).sort((a, b) => b - a);
    ids.push(...rest.slice(0, limit - ids.length));
  }
  const keep = new Set(ids);
  for (const [id, d] of drawnSpans) if (!keep.has(id)) { d.el.remove(); drawnSpans.delete(id); }
  let prev: HTMLElement | null = null;
  let built = 0;
  for (const id of ids) {
    const span = heap.spans.get(id)!;
    let d = drawnSpans.get(id);
    if (!d) {
      // A few new grids per frame (one during a fast replay): the rest follow in the next frames.
      if (built++ >= (fastReplay ? 1 : GRIDS_PER_FRAME)) { dirty = true; continue; }
      const n = Math.min(span.nelems, MAX_SLOTS_DRAWN);
      const grid = slotGrid(n);
      grid.setAttribute('aria-label', `span ${id}`);
      if (span.elemSize >= 4096) grid.classList.add('wide');
      const slots = Array.from(grid.children) as HTMLElement[];
      if (span.nelems > n) grid.append(h('span', { class: 'more muted' }, L('slotsHidden', span.nelems - n)));
      const tail = span.pages * PAGE_SIZE - span.nelems * span.elemSize;
      if (tail > 0 && span.sizeClass !== 0) grid.append(h('span', { class: 'slot tail', 'data-state': 'waste', title: `${L('slotWaste')}: ${tail} B` }));
      const header = h('div', { class: 'span-title' });
      const el = h('div', { class: 'span card', role: 'listitem', 'data-testid': `span-${id}`, 'data-span-class': span.spanClass }, header, grid);
      d = { el, slots, states: new Uint8Array(n).fill(255), header, freeShown: -1, place: '' };
      drawnSpans.set(id, d);
    }
    // Incremental slot update: touch only slots whose state changed.
    const tiny = span.tinyLive;
    for (let i = 0; i < d.slots.length; i++) {
      const used = span.alloc[i] === 1;
      const dead = used && (tiny ? tiny[i] === 0 : span.dead[i] === 1);
      const st = used ? (dead ? 2 : 1) : 0;
      if (d.states[i] !== st) {
        d.states[i] = st;
        const el = d.slots[i];
        el.dataset.state = used ? 'used' : 'free';
        if (dead) el.dataset.dead = 'true'; else delete el.dataset.dead;
      }
    }
    const free = span.nelems - span.allocCount;
    const place = placeLabel(span);
    if (free !== d.freeShown || place !== d.place) {
      d.freeShown = free;
      d.place = place;
      d.el.dataset.free = String(free);
      d.header.textContent = span.sizeClass === 0
        ? L('spanLarge', span.id, span.pages, span.startPage, place)
        : L('spanTitle', span.id, span.sizeClass, span.elemSize, span.nelems, span.pages, span.startPage, place) + ` · ${free} ${L('slotFree')}`;
    }
    // Keep DOM order = recency without re-inserting unchanged nodes.
    const want: ChildNode | null = prev ? prev.nextSibling : refs.spans.firstChild;
    if (want !== d.el) refs.spans.insertBefore(d.el, want);
    prev = d.el;
  }
  const hidden = heap.spans.size - ids.length;
  let note = refs.spans.querySelector(':scope > .hidden-note');
  if (hidden > 0) {
    if (!note) note = h('p', { class: 'hidden-note muted small' });
    note.textContent = L('spansHidden', hidden);
    refs.spans.append(note);
  } else note?.remove();
}

const gridTemplates = new Map<number, HTMLElement>();
/** A grid of `n` free slots, cloned from a cached template (much cheaper than building each slot). */
function slotGrid(n: number): HTMLElement {
  let template = gridTemplates.get(n);
  if (!template) {
    template = h('div', { class: 'slots', role: 'img' });
    for (let i = 0; i < n; i++) template.append(h('span', { class: 'slot', 'data-slot': i, 'data-state': 'free' }));
    gridTemplates.set(n, template);
  }
  return template.cloneNode(true) as HTMLElement;
}

function renderExplorer(): void {
  const el = refs.explorerResult;
  const n = Number(explorerValue);
  if (!Number.isInteger(n) || n < 1 || n > EXPLORER_MAX) { el.textContent = L('explorerInvalid', EXPLORER_MAX); return; }
  const d = decideSize(n, !explorerPointers);
  el.dataset.class = String(d.sizeClass);
  el.dataset.elemSize = String(d.elemSize);
  if (d.kind === 'tiny') el.textContent = L('explorerTiny', n, TINY_SPAN_CLASS, tinyAlignment(n));
  else if (d.kind === 'large') el.textContent = L('explorerLarge', n, d.pages, d.elemSize, d.waste);
  else {
    const row = SIZE_CLASSES[d.sizeClass - 1];
    el.textContent = d.header
      ? L('explorerHeader', n, MALLOC_HEADER_SIZE, d.lookupSize, d.sizeClass, d.elemSize, d.waste, row.pages, row.spanBytes, row.objects, d.spanClass)
      : L('explorerResult', n, d.sizeClass, d.elemSize, d.waste, row.pages, row.spanBytes, row.objects, row.tailWaste, d.spanClass);
  }
}

// ---------------------------------------------------------------- wiring

function onMessage(message: SimHostMessage): void {
  switch (message.type) {
    case 'preset':
      loadPreset(message.id);
      break;
    case 'scenario': {
      const name = message.fileName.split(/[\\/]/).pop() || 'scenario.alloc.json';
      const error = loadScenario(message.text, name, presetById(name.replace(/\.alloc\.json$/, ''))?.id ?? '');
      if (error) { showError(`${name}: ${error}`); schedule(); }
      break;
    }
    case 'lang':
      lang = message.lang;
      buildLayout();
      break;
  }
}

function onKey(e: KeyboardEvent): void {
  const target = e.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'ArrowRight') { e.preventDefault(); stop(); stepOnce(); }
  else if (e.key === ' ' && target?.tagName !== 'BUTTON' && target?.tagName !== 'A') { e.preventDefault(); if (playing) stop(); else play(); schedule(); }
  else if (e.key === 'r' || e.key === 'R') { loadScenario(scenarioText, fileName, presetId); }
}

function start(): void {
  root.classList.add('alloc-root');
  const saved = savedState(validateSaved);
  const wanted = initialPreset();
  let loaded = false;
  if (saved && (!wanted || wanted === saved.preset)) {
    explorerValue = saved.explorer;
    loaded = loadScenario(saved.text, saved.fileName, saved.preset, saved.steps, saved.extras) === undefined;
  }
  if (!loaded) loadPreset(wanted && presetById(wanted) ? wanted : PRESETS[0].id);
  document.addEventListener('keydown', onKey);
  onHostMessage(onMessage);
  postToHost({ type: 'ready' });
}

try {
  start();
} catch (e) {
  replaceChildren(root, h('div', { class: 'error-box', role: 'alert' }, `Allocator simulator failed to start: ${(e as Error).message}`));
}
