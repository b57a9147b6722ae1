/**
 * The Raft simulator panel. The pure core (src/sim/raft) does all the work; this file draws it and
 * turns clicks into scenario steps. Every moment is reproducible: the session is the scenario plus
 * the user's actions with their virtual times, and scrubbing the timeline re-runs it from time 0.
 */
import type { SimLanguage } from '../sim/protocol';
import type { Message, RaftNode, TraceEvent } from '../sim/raft/engine';
import { narrate } from '../sim/raft/narrate';
import { PRESETS, RAFT_NOTE_TOPIC, presetById, scenarioFileName } from '../sim/raft/presets';
import { ScenarioRunner, type TimedAction } from '../sim/raft/runner';
import { parseScenario, scenarioToText, validateScenario, type Scenario, type Step } from '../sim/raft/scenario';
import { invariantName, t, type StringKey } from '../sim/raft/strings';
import { announce, h, initialPreset, language, onHostMessage, postToHost, reducedMotion, replaceChildren, root, savedState, saveState, svg } from './simShell';

const SPEEDS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const DEFAULT_SPEED = 0.1;
const MAX_NARRATION = 200;
/** The timeline never grows beyond this (virtual ms); playing stops there. */
const MAX_TIMELINE_MS = 600_000;
const MAX_FRAME_VIRTUAL_MS = 250;

interface Narrated { seq: number; t: number; en: string; zh: string; kind: string }

interface SavedState {
  v: 1;
  preset: string;
  scenario: string;
  actions: TimedAction[];
  t: number;
  speed: number;
}

// ---- state ------------------------------------------------------------------------------------

let lang: SimLanguage = language();
let presetId = 'custom';
let scenario: Scenario = PRESETS[0].scenario;
let actions: TimedAction[] = [];
let runner: ScenarioRunner;
let narration: Narrated[] = [];
let maxTime = 0;
let playing = false;
let speed = DEFAULT_SPEED;
let stateDirty = true;
let lastFrame = 0;
let lastAnnounce = 0;
let pendingAnnounce: string | undefined;
let frameRequested = false;
let errorText: string | undefined;
let narrationSeq = 0;
/** Sequence number of the last narration item in the list (for incremental updates). */
let shownLast = 0;
let lastPersist = 0;
let logsDirty = true;
let partitionDirty = true;
let lastLogsRender = 0;

// ---- the session ------------------------------------------------------------------------------

function onEvent(e: TraceEvent): void {
  if (e.type === 'send' || e.type === 'deliver' || e.type === 'drop') return;
  stateDirty = true;
  if (e.type !== 'vote' && e.type !== 'timeout') logsDirty = true;
  if (e.type === 'partition' || e.type === 'heal' || e.type === 'crash' || e.type === 'restart' || e.type === 'leader' || e.type === 'follower') partitionDirty = true;
  const en = narrate('en', e, runner?.sim);
  if (en === undefined) return;
  const zh = narrate('zh-cn', e, runner?.sim) ?? en;
  narration.push({ seq: ++narrationSeq, t: e.t, en, zh, kind: e.type });
  if (narration.length > MAX_NARRATION * 2) narration = narration.slice(-MAX_NARRATION);
  pendingAnnounce = lang === 'en' ? en : zh;
}

/** Rebuilds the run from time 0 up to virtual time `target` (deterministic replay). */
function rebuild(target: number): void {
  narration = [];
  shownLast = 0;
  runner = undefined as unknown as ScenarioRunner;
  runner = new ScenarioRunner(scenario, { trace: 'none', actions, onEvent });
  runner.advanceTo(Math.max(0, target));
  pendingAnnounce = undefined;
  stateDirty = logsDirty = partitionDirty = true;
}

function load(next: Scenario, id: string, keepActions: TimedAction[] = [], at = 0): void {
  scenario = next;
  presetId = id;
  actions = keepActions;
  playing = false;
  maxTime = 0;
  errorText = undefined;
  rebuild(at);
  maxTime = Math.max(at, runner.now);
  build();
  persist();
}

/** A user action at the current time: the future after now is discarded, then the action applies. */
function act(step: Step): void {
  runner.discardFutureActions();
  runner.act(step);
  actions = [...runner.actions];
  maxTime = runner.now;
  flushAnnounce(true);
  requestRender();
  persist();
}

/** The session as a scenario: the base scenario, or (after user actions) every step flattened to runs. */
function sessionScenario(): Scenario {
  if (actions.length === 0) return scenario;
  const steps: Step[] = [];
  let at = 0;
  for (const e of runner.executed) {
    if (e.at > at) steps.push({ run: round(e.at - at) });
    steps.push(e.step);
    at = e.at;
  }
  if (runner.now > at) steps.push({ run: round(runner.now - at) });
  return { ...scenario, steps };
}

const round = (x: number): number => Math.round(x * 10) / 10;

function persist(): void {
  const state: SavedState = { v: 1, preset: presetId, scenario: scenarioToText(scenario), actions, t: runner.now, speed };
  saveState(state);
}

function validateSaved(value: unknown): SavedState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.v !== 1 || typeof v.preset !== 'string' || typeof v.scenario !== 'string' || !Array.isArray(v.actions) || typeof v.t !== 'number' || typeof v.speed !== 'number') return undefined;
  const parsed = parseScenario(v.scenario);
  if (!parsed.ok || !Number.isFinite(v.t) || v.t < 0 || v.t > MAX_TIMELINE_MS || !SPEEDS.includes(v.speed)) return undefined;
  const acts: TimedAction[] = [];
  for (const a of v.actions as unknown[]) {
    if (typeof a !== 'object' || a === null) return undefined;
    const { at, step } = a as { at: unknown; step: unknown };
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return undefined;
    const check = validateScenario({ nodes: parsed.scenario.nodes, steps: [step] });
    if (!check.ok || 'run' in check.scenario.steps[0] || 'until' in check.scenario.steps[0]) return undefined;
    acts.push({ at, step: check.scenario.steps[0] });
  }
  return { v: 1, preset: v.preset, scenario: v.scenario, actions: acts, t: v.t, speed: v.speed };
}

// ---- rendering --------------------------------------------------------------------------------

const L = (key: StringKey, ...args: (string | number)[]): string => t(lang, key, ...args);

interface Refs {
  play: HTMLButtonElement;
  time: HTMLElement;
  timeline: HTMLInputElement;
  ring: SVGSVGElement;
  center: SVGTextElement;
  centerSub: SVGTextElement;
  nodes: { g: SVGGElement; body: SVGCircleElement; arc: SVGCircleElement; term: SVGTextElement; role: SVGTextElement; vote: SVGTextElement; x: number; y: number }[];
  msgLayer: SVGGElement;
  msgPool: SVGElement[];
  logs: HTMLElement;
  progress: HTMLElement;
  invariants: HTMLElement;
  narration: HTMLOListElement;
  status: HTMLElement;
  partition: HTMLElement;
  requestValue: HTMLInputElement;
  linkA: HTMLSelectElement;
  linkB: HTMLSelectElement;
}
let refs: Refs | undefined;

const RING = { w: 420, h: 360, cx: 210, cy: 178, r: 135, node: 30 };

function roleOf(n: RaftNode): 'follower' | 'candidate' | 'leader' | 'stopped' {
  if (!n.up) return 'stopped';
  return n.role === 'precandidate' ? 'candidate' : n.role;
}

function roleLabel(n: RaftNode): string {
  if (!n.up) return L('role.stopped');
  return L(`role.${n.role}` as StringKey);
}

function button(label: string, onClick: () => void, attrs: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs, onclick: () => safely(onClick) }, label);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    showError(L('error.internal', e instanceof Error ? e.message : String(e)));
  }
}

function showError(text: string): void {
  errorText = text;
  const box = root.querySelector<HTMLElement>('.raft-error');
  if (box) {
    box.hidden = false;
    box.textContent = text;
  } else build();
}

function build(): void {
  const n = scenario.nodes;
  const presetSelect = h('select', { 'data-testid': 'preset-select', 'aria-label': L('preset.label'), onchange: (ev: Event) => safely(() => selectPreset((ev.target as HTMLSelectElement).value)) },
    ...PRESETS.map((p) => h('option', { value: p.id, selected: p.id === presetId }, L(`preset.${p.id}.title` as StringKey))),
    h('option', { value: 'custom', selected: presetId === 'custom', disabled: presetId !== 'custom' }, L('preset.custom')));
  const preset = presetById(presetId);
  const noteLink = h('a', { href: '#', class: 'raft-note-link', onclick: (ev: Event) => { ev.preventDefault(); postToHost({ type: 'openNote', topicId: RAFT_NOTE_TOPIC, slug: preset?.slug ?? 'leader-election' }); } }, L('openNote'));

  const play = button(playing ? L('pause') : L('play'), togglePlay, { 'data-testid': 'raft-play', 'aria-pressed': String(playing), class: 'raft-play' });
  const speedSelect = h('select', { 'data-testid': 'raft-speed', 'aria-label': L('speed'), onchange: (ev: Event) => { speed = Number((ev.target as HTMLSelectElement).value); persist(); } },
    ...SPEEDS.map((s) => h('option', { value: s, selected: s === speed }, s < 1 ? `1/${Math.round(1 / s)}×` : `${s}×`)));
  const time = h('span', { 'data-testid': 'raft-time', class: 'raft-time mono', 'aria-live': 'off' });
  const timeline = h('input', { type: 'range', min: 0, max: 1, step: 'any', value: 0, class: 'raft-timeline', 'aria-label': L('timeline'), oninput: (ev: Event) => safely(() => scrub(Number((ev.target as HTMLInputElement).value))) });

  const ring = svg('svg', { class: 'raft-ring', viewBox: `0 0 ${RING.w} ${RING.h}`, role: 'img', 'aria-label': '' });
  const msgLayer = svg('g', { class: 'msgs' });
  const nodeRefs: Refs['nodes'] = [];
  const circumference = 2 * Math.PI * (RING.node + 5);
  for (let i = 0; i < n; i++) {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const x = RING.cx + RING.r * Math.cos(angle), y = RING.cy + RING.r * Math.sin(angle);
    const arc = svg('circle', { class: 'timer', cx: x, cy: y, r: RING.node + 5, 'stroke-dasharray': `${circumference} ${circumference}`, transform: `rotate(-90 ${x} ${y})` });
    const body = svg('circle', { class: 'body', cx: x, cy: y, r: RING.node });
    const label = svg('text', { class: 'id', x, y: y - 6, 'text-anchor': 'middle' }, `n${i + 1}`);
    const term = svg('text', { class: 'term', x, y: y + 9, 'text-anchor': 'middle' });
    const role = svg('text', { class: 'role', x, y: y + RING.node + 18, 'text-anchor': 'middle' });
    const vote = svg('text', { class: 'vote', x, y: y + RING.node + 31, 'text-anchor': 'middle' });
    const g = svg('g', { class: 'node', 'data-testid': `raft-node-${i + 1}`, tabindex: 0, role: 'img' }, arc, body, label, term, role, vote);
    nodeRefs.push({ g, body, arc, term, role, vote, x, y });
  }
  const center = svg('text', { class: 'center', x: RING.cx, y: RING.cy, 'text-anchor': 'middle' });
  const centerSub = svg('text', { class: 'center-sub', x: RING.cx, y: RING.cy + 18, 'text-anchor': 'middle' });
  ring.append(center, centerSub, msgLayer, ...nodeRefs.map((r) => r.g));

  const requestValue = h('input', { type: 'text', value: 'x=1', size: 8, maxlength: 200, 'aria-label': L('request.value'), class: 'mono' });
  const nodeOptions = () => Array.from({ length: n }, (_, i) => h('option', { value: i + 1 }, `n${i + 1}`));
  const linkA = h('select', { 'aria-label': L('dropLink.pick') }, ...nodeOptions());
  const linkB = h('select', { 'aria-label': L('and') }, ...nodeOptions());
  linkB.value = '2';

  const logs = h('div', { class: 'raft-logs' });
  const progress = h('div', { class: 'raft-progress' });
  const invariants = h('div', { 'data-testid': 'raft-invariants', class: 'raft-invariants', role: 'status' });
  const narrationList = h('ol', { 'data-testid': 'raft-narration', class: 'narration raft-narration', 'aria-label': L('narration'), tabindex: 0 });
  const status = h('p', { class: 'raft-status muted' });
  const partition = h('div', { class: 'raft-partition' });

  refs = { play, time, timeline, ring, center, centerSub, nodes: nodeRefs, msgLayer, msgPool: [], logs, progress, invariants, narration: narrationList, status, partition, requestValue, linkA, linkB };

  const settings = buildSettings();
  const errorBox = h('div', { class: 'error-box raft-error', role: 'alert', hidden: !errorText }, errorText ?? '');

  replaceChildren(root,
    h('header', { class: 'raft-header' },
      h('h1', {}, L('title')),
      h('p', { class: 'muted raft-subtitle' }, L('subtitle'))),
    h('div', { class: 'toolbar' },
      h('label', {}, L('preset.label'), presetSelect), noteLink,
      h('span', { class: 'sep' }),
      button(L('saveScenario'), saveScenarioFile, { class: 'secondary' }),
      button(L('openScenario'), () => postToHost({ type: 'openScenario' }), { class: 'secondary' })),
    errorBox,
    preset ? h('details', { class: 'card raft-explain', open: true }, h('summary', {}, `${L('explain')}: ${L(`preset.${preset.id}.title` as StringKey)}`), h('p', {}, L(`preset.${preset.id}.body` as StringKey))) : null,
    h('div', { class: 'toolbar raft-transport' },
      play,
      button(L('step'), stepOnce, { 'data-testid': 'raft-step', title: L('step.title') }),
      button(L('restart'), () => { playing = false; rebuild(0); requestRender(); persist(); }, { class: 'secondary', title: L('restart.title') }),
      h('label', {}, L('speed'), speedSelect),
      h('span', { class: 'sep' }),
      quickToggle('preVote', L('settings.prevote')),
      quickToggle('checkQuorum', L('settings.checkQuorum')),
      h('span', { class: 'sep' }),
      h('span', { class: 'muted' }, L('time')), time),
    timeline,
    h('div', { class: 'toolbar raft-actions' },
      requestValue,
      button(L('request'), sendRequest, { 'data-testid': 'raft-request' }),
      h('span', { class: 'sep' }),
      button(L('split'), splitThreeTwo, { 'data-testid': 'raft-split', class: 'secondary' }),
      button(L('isolateLeader'), isolateLeader, { 'data-testid': 'raft-isolate-leader', class: 'secondary' }),
      button(L('heal'), () => act({ heal: true }), { 'data-testid': 'raft-heal', class: 'secondary' }),
      h('span', { class: 'sep' }),
      h('label', {}, L('dropLink.pick'), linkA), h('label', {}, L('and'), linkB),
      button(L('dropLink'), dropLink, { class: 'secondary' })),
    h('div', { class: 'raft-main' },
      h('section', { class: 'card raft-ring-card' }, ring,
        h('p', { class: 'raft-legend muted' }, L('legend.timer'), ' · ', L('legend.msg'))),
      h('section', { class: 'raft-side' },
        h('div', { class: 'card' }, h('h2', {}, L('invariants')), invariants),
        h('div', { class: 'card' }, h('h2', {}, L('logs')), h('p', { class: 'muted raft-legend' }, L('legend.committed')), logs, progress))),
    h('section', { class: 'card raft-partition-card' }, h('h2', {}, L('partition.title')), h('p', { class: 'muted' }, L('partition.help')), partition),
    h('section', { class: 'raft-narration-card' }, h('h2', {}, L('narration')), status, narrationList),
    settings,
    h('p', { class: 'muted raft-keys' }, L('keys')));
  stateDirty = logsDirty = partitionDirty = true;
  shownLast = 0;
  renderNow();
}

function buildSettings(): HTMLElement {
  const s = scenario;
  const num = (name: string, value: number, min: number, max: number, step = 1) => h('input', { type: 'number', name, value, min, max, step, class: 'raft-num' });
  const fields = {
    nodes: num('nodes', s.nodes, 3, 9),
    seed: num('seed', s.seed, 0, 2 ** 32 - 1),
    eMin: num('eMin', s.electionTimeoutMs[0], 1, 60000),
    eMax: num('eMax', s.electionTimeoutMs[1], 1, 60000),
    hb: num('hb', s.heartbeatMs, 1, 60000),
    lMin: num('lMin', s.latencyMs[0], 0, 60000),
    lMax: num('lMax', s.latencyMs[1], 0, 60000),
    loss: num('loss', s.lossRate, 0, 1, 0.05),
  };
  const box = (name: string, checked: boolean) => h('input', { type: 'checkbox', name, checked });
  const checks = { noop: box('noop', s.noopOnElection), pre: box('pre', s.preVote), cq: box('cq', s.checkQuorum) };
  const apply = () => {
    const candidate = {
      nodes: Number(fields.nodes.value), seed: Number(fields.seed.value),
      electionTimeoutMs: [Number(fields.eMin.value), Number(fields.eMax.value)], heartbeatMs: Number(fields.hb.value),
      latencyMs: [Number(fields.lMin.value), Number(fields.lMax.value)], lossRate: Number(fields.loss.value),
      noopOnElection: checks.noop.checked, preVote: checks.pre.checked, checkQuorum: checks.cq.checked,
      steps: scenario.steps.filter((st) => !stepMentionsNodeAbove(st, Number(fields.nodes.value))),
    };
    const r = validateScenario(candidate);
    if (!r.ok) {
      showError(L('settings.invalid', r.error));
      return;
    }
    const next = scenario.title || scenario.description ? { ...r.scenario, title: scenario.title, description: scenario.description } : r.scenario;
    const keepPreset = presetById(presetId) ? presetId : 'custom';
    load(next, keepPreset);
    postToHost({ type: 'edit', text: scenarioToText(next) });
  };
  const row = (label: string, ...inputs: (Node | string)[]) => h('label', { class: 'raft-setting' }, h('span', {}, label), ...inputs);
  return h('details', { class: 'card raft-settings' },
    h('summary', {}, L('settings')),
    h('div', { class: 'raft-settings-grid' },
      row(L('settings.nodes'), fields.nodes), row(L('settings.seed'), fields.seed),
      row(L('settings.election'), fields.eMin, '–', fields.eMax), row(L('settings.heartbeat'), fields.hb),
      row(L('settings.latency'), fields.lMin, '–', fields.lMax), row(L('settings.loss'), fields.loss),
      row(L('settings.noop'), checks.noop), row(L('settings.prevote'), checks.pre), row(L('settings.checkQuorum'), checks.cq)),
    button(L('settings.apply'), apply));
}

/** PreVote / CheckQuorum checkboxes in the toolbar: flip the option and replay from time 0. */
function quickToggle(option: 'preVote' | 'checkQuorum', label: string): HTMLElement {
  return h('label', { class: 'raft-toggle' },
    h('input', { type: 'checkbox', checked: scenario[option], onchange: (ev: Event) => safely(() => {
      const next = { ...scenario, [option]: (ev.target as HTMLInputElement).checked };
      load(next, presetById(presetId) ? presetId : 'custom');
      postToHost({ type: 'edit', text: scenarioToText(next) });
    }) }), label);
}

function stepMentionsNodeAbove(st: Step, n: number): boolean {
  const ids: number[] = [];
  if ('crash' in st) ids.push(st.crash);
  if ('restart' in st) ids.push(st.restart);
  if ('timeout' in st) ids.push(st.timeout);
  if ('to' in st && st.to !== undefined) ids.push(st.to);
  if ('dropLink' in st) ids.push(...st.dropLink);
  if ('partition' in st) ids.push(...st.partition.flat());
  return ids.some((id) => id > n);
}

function requestRender(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(frame);
}

function frame(ts: number): void {
  frameRequested = false;
  safely(() => {
    if (playing) {
      const dtReal = lastFrame ? Math.min(100, ts - lastFrame) : 16;
      const target = Math.min(runner.now + Math.min(MAX_FRAME_VIRTUAL_MS, dtReal * speed), MAX_TIMELINE_MS);
      runner.advanceTo(target);
      if (runner.now > maxTime) maxTime = runner.now;
      if (runner.now >= MAX_TIMELINE_MS) playing = false;
      flushAnnounce(false);
      if (ts - lastPersist > 1000) {
        lastPersist = ts;
        persist();
      }
    }
    lastFrame = playing ? ts : 0;
    renderNow();
  });
  if (playing) requestRender();
}

function flushAnnounce(force: boolean): void {
  if (!pendingAnnounce) return;
  const now = performance.now();
  if (!force && now - lastAnnounce < 500) return;
  announce(pendingAnnounce);
  pendingAnnounce = undefined;
  lastAnnounce = now;
}

function renderNow(): void {
  if (!refs) return;
  const sim = runner.sim;
  const r = refs;
  r.time.textContent = L('time.value', sim.now.toFixed(1));
  r.timeline.max = String(Math.max(maxTime, sim.now, 1));
  r.timeline.value = String(sim.now);
  r.play.textContent = playing ? L('pause') : L('play');
  r.play.setAttribute('aria-pressed', String(playing));
  renderRing();
  if (stateDirty) {
    stateDirty = false;
    renderInvariants();
    renderNarration();
    renderStatus();
  }
  // The tables are the expensive part: at most ~8 updates per second while playing.
  const now = performance.now();
  if (logsDirty && (!playing || now - lastLogsRender > 120)) {
    logsDirty = false;
    lastLogsRender = now;
    renderLogs();
  }
  if (partitionDirty) {
    partitionDirty = false;
    renderPartition();
  }
}

function renderRing(): void {
  const r = refs!;
  const sim = runner.sim;
  const circumference = 2 * Math.PI * (RING.node + 5);
  const leader = sim.leader();
  sim.nodes.forEach((n, i) => {
    const ref = r.nodes[i];
    if (!ref) return;
    const role = roleOf(n);
    ref.g.setAttribute('data-role', role);
    ref.g.setAttribute('data-term', String(n.term));
    ref.g.setAttribute('data-group', String(sim.group[n.id]));
    ref.g.classList.toggle('pre', n.up && n.role === 'precandidate');
    ref.term.textContent = `T${n.term}`;
    ref.role.textContent = roleLabel(n);
    ref.vote.textContent = n.votedFor !== null ? `→ n${n.votedFor}` : '';
    let fraction = 0;
    if (n.up && n.role !== 'leader' && Number.isFinite(n.electionDeadline)) {
      const span = n.electionDeadline - n.electionStart;
      fraction = span > 0 ? Math.max(0, Math.min(1, (n.electionDeadline - sim.now) / span)) : 0;
    } else if (n.up && n.role === 'leader') fraction = 1;
    ref.arc.setAttribute('stroke-dashoffset', String(circumference * (1 - fraction)));
    ref.g.setAttribute('aria-label', L('node.aria', n.id, roleLabel(n), n.term, n.votedFor ? `n${n.votedFor}` : L('node.votedNone'), n.commitIndex, n.log.length));
  });
  // messages in flight
  const msgs: Message[] = [];
  for (const m of sim.inFlight.values()) if (m.deliverAt >= sim.now) msgs.push(m);
  const still = reducedMotion();
  while (r.msgPool.length < msgs.length) {
    const el = still ? svg('line', { class: 'msg' }) : svg('circle', { class: 'msg', r: 5 });
    r.msgPool.push(el);
    r.msgLayer.append(el);
  }
  msgs.forEach((m, i) => {
    const el = r.msgPool[i];
    const a = r.nodes[m.from - 1], b = r.nodes[m.to - 1];
    if (!a || !b) return;
    const k = m.deliverAt > m.sentAt ? Math.max(0, Math.min(1, (sim.now - m.sentAt) / (m.deliverAt - m.sentAt))) : 1;
    el.setAttribute('class', `msg ${m.kind}${sim.connected(m.from, m.to) && !m.lost ? '' : ' doomed'}`);
    el.removeAttribute('display');
    if (still) {
      el.setAttribute('x1', String(a.x)); el.setAttribute('y1', String(a.y));
      el.setAttribute('x2', String(b.x)); el.setAttribute('y2', String(b.y));
    } else {
      el.setAttribute('cx', String(a.x + (b.x - a.x) * k));
      el.setAttribute('cy', String(a.y + (b.y - a.y) * k));
    }
  });
  for (let i = msgs.length; i < r.msgPool.length; i++) r.msgPool[i].setAttribute('display', 'none');
  r.center.textContent = leader ? L('center.leader', leader.id, leader.term) : L('center.none');
  r.centerSub.textContent = L('center.inflight', msgs.length);
  r.ring.setAttribute('aria-label', L('ring.aria', sim.nodes.length, leader ? `n${leader.id} (T${leader.term})` : L('ring.noLeader'), msgs.length));
}

const MAX_LOG_CELLS = 14;

function renderLogs(): void {
  const r = refs!;
  const sim = runner.sim;
  const longest = Math.max(0, ...sim.nodes.map((n) => n.log.length));
  const from = Math.max(1, longest - MAX_LOG_CELLS + 1);
  const rows = sim.nodes.map((n) => {
    const cells: Node[] = [];
    for (let i = from; i <= n.log.length; i++) {
      const e = n.log[i - 1];
      const committed = i <= n.commitIndex;
      cells.push(h('span', {
        class: `entry term-${e.term % 6}${committed ? ' committed' : ''}${e.value === null ? ' noop' : ''}`,
        title: L('logs.entry', i, e.term, e.value ?? L('logs.noop'), committed ? L('logs.committedMark') : ''),
        'aria-label': L('logs.entry', i, e.term, e.value ?? L('logs.noop'), committed ? L('logs.committedMark') : ''),
      }, h('span', { class: 'idx' }, i), h('span', { class: 'val' }, e.value === null ? '∅' : e.value || '""')));
    }
    const up = n.up;
    return h('tr', { class: `role-${roleOf(n)}` },
      h('th', { scope: 'row' }, `n${n.id}`),
      h('td', { class: 'mono' }, n.term),
      h('td', { class: 'mono' }, n.commitIndex),
      h('td', { class: 'log-cells' }, from > 1 && n.log.length >= from ? h('span', { class: 'muted more' }, L('logs.more', from - 1)) : null, ...cells),
      h('td', { class: 'node-actions' },
        button(up ? L('node.crash') : L('node.restart'), () => act(up ? { crash: n.id } : { restart: n.id }), { class: 'secondary small', 'aria-label': `${up ? L('node.crash') : L('node.restart')} n${n.id}` }),
        button(L('node.timeout'), () => act({ timeout: n.id }), { class: 'secondary small', 'aria-label': `${L('node.timeout')} n${n.id}`, disabled: !up || n.role === 'leader' })));
  });
  replaceChildren(r.logs, h('table', { class: 'grid raft-log-table' },
    h('thead', {}, h('tr', {}, h('th', {}, L('logs.node')), h('th', {}, L('logs.term')), h('th', {}, L('logs.commit')), h('th', {}, L('logs.entries')), h('th', {}, ''))),
    h('tbody', {}, ...rows)));
  const leader = sim.leader();
  if (leader) {
    const peers = sim.nodes.filter((p) => p.id !== leader.id);
    replaceChildren(r.progress, h('h3', {}, L('progress', leader.id)), h('table', { class: 'grid raft-progress-table' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), ...peers.map((p) => h('th', {}, `n${p.id}`)))),
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, L('logs.next')), ...peers.map((p) => h('td', { class: 'mono' }, leader.nextIndex[p.id] ?? ''))),
        h('tr', {}, h('th', { scope: 'row' }, L('logs.match')), ...peers.map((p) => h('td', { class: 'mono' }, leader.matchIndex[p.id] ?? ''))))));
  } else replaceChildren(r.progress);
}

function renderInvariants(): void {
  const r = refs!;
  const v = runner.sim.violations;
  r.invariants.classList.toggle('bad', v.length > 0);
  r.invariants.textContent = v.length === 0 ? L('invariants.ok') : L('invariants.bad', invariantName(lang, v[0].invariant), v[0].detail);
}

function narrationItem(n: Narrated): HTMLLIElement {
  return h('li', { class: `ev-${n.kind}${n.kind === 'violation' ? ' error' : ''}` }, h('span', { class: 't' }, L('time.value', n.t.toFixed(1))), lang === 'en' ? n.en : n.zh);
}

/** Appends new narration items and trims old ones; rebuilds the list only after a replay or language change. */
function renderNarration(full = false): void {
  const r = refs!;
  const items = narration.slice(-MAX_NARRATION);
  const first = items[0]?.seq ?? 0;
  const last = items[items.length - 1]?.seq ?? 0;
  if (full || shownLast === 0 || first > shownLast + 1 || last < shownLast) {
    replaceChildren(r.narration, ...items.map(narrationItem));
  } else {
    for (const n of items) if (n.seq > shownLast) r.narration.append(narrationItem(n));
    while (r.narration.childElementCount > MAX_NARRATION) r.narration.firstElementChild?.remove();
  }
  shownLast = last;
  r.narration.scrollTop = r.narration.scrollHeight;
}

function renderStatus(): void {
  const r = refs!;
  if (runner.failed) r.status.textContent = L('scriptFailed', runner.failed.step, runner.failed.reason);
  else r.status.textContent = runner.scriptDone ? L('scriptDone') : '';
}

function renderPartition(): void {
  const r = refs!;
  const sim = runner.sim;
  const n = sim.nodes.length;
  // groups are numbered by their lowest member so the picture is stable
  const groupOf = currentGroups();
  const zones = [0, 1, 2].map((g) => {
    const chips = sim.nodes.filter((x) => groupOf[x.id] === g).map((x) => {
      const sel = h('select', { 'aria-label': L('partition.nodeGroup', x.id), onchange: (ev: Event) => safely(() => moveNode(x.id, Number((ev.target as HTMLSelectElement).value))) },
        ...[0, 1, 2].map((k) => h('option', { value: k, selected: k === g }, L('partition.group', k + 1))));
      return h('div', { class: `chip role-${roleOf(x)}`, draggable: 'true', 'data-node': x.id, ondragstart: (ev: Event) => (ev as DragEvent).dataTransfer?.setData('text/plain', String(x.id)) }, h('strong', {}, `n${x.id}`), sel);
    });
    return h('div', {
      class: 'zone', 'data-group': g,
      ondragover: (ev: Event) => ev.preventDefault(),
      ondrop: (ev: Event) => { ev.preventDefault(); const id = Number((ev as DragEvent).dataTransfer?.getData('text/plain')); if (id >= 1 && id <= n) safely(() => moveNode(id, g)); },
    }, h('div', { class: 'zone-title muted' }, L('partition.group', g + 1)), ...chips);
  });
  replaceChildren(r.partition, ...zones);
}

/** Each node's zone (0..2) from the sim's partition groups, numbered by first appearance. */
function currentGroups(): number[] {
  const sim = runner.sim;
  const map = new Map<number, number>();
  const out: number[] = [0];
  for (const x of sim.nodes) {
    const g = sim.group[x.id];
    if (!map.has(g)) map.set(g, Math.min(map.size, 2));
    out[x.id] = map.get(g)!;
  }
  return out;
}

function moveNode(id: number, zone: number): void {
  const groups = currentGroups();
  groups[id] = zone;
  const lists: number[][] = [[], [], []];
  for (let i = 1; i < groups.length; i++) lists[groups[i]].push(i);
  const nonEmpty = lists.filter((l) => l.length > 0);
  act(nonEmpty.length >= 2 ? { partition: nonEmpty } : { heal: true });
}

// ---- controls ---------------------------------------------------------------------------------

function togglePlay(): void {
  playing = !playing;
  lastFrame = 0;
  requestRender();
  persist();
}

function stepOnce(): void {
  playing = false;
  const next = runner.sim.nextEventTime();
  if (Number.isFinite(next)) runner.advanceTo(next);
  if (runner.now > maxTime) maxTime = runner.now;
  flushAnnounce(true);
  requestRender();
  persist();
}

let scrubTarget: number | undefined;
function scrub(target: number): void {
  playing = false;
  scrubTarget = target;
  requestAnimationFrame(() => {
    if (scrubTarget === undefined) return;
    const at = scrubTarget;
    scrubTarget = undefined;
    safely(() => {
      rebuild(Math.min(at, maxTime));
      renderNow();
      persist();
    });
  });
}

function sendRequest(): void {
  const value = refs?.requestValue.value.slice(0, 200) ?? 'x';
  act({ request: value });
  const m = /^(.*?)(\d+)$/.exec(value);
  if (m && refs) refs.requestValue.value = `${m[1]}${Number(m[2]) + 1}`;
}

function splitThreeTwo(): void {
  const sim = runner.sim;
  const n = sim.nodes.length;
  const minority = Math.floor(n / 2);
  const leader = sim.leader();
  // The leader goes to the minority side: the classic "split brain" picture.
  const small: number[] = leader ? [leader.id] : [];
  for (let id = n; small.length < minority && id >= 1; id--) if (!small.includes(id)) small.push(id);
  const big = sim.nodes.map((x) => x.id).filter((id) => !small.includes(id));
  act({ partition: [big, small.sort((a, b) => a - b)] });
}

function isolateLeader(): void {
  const leader = runner.sim.leader();
  if (!leader) return;
  act({ partition: [runner.sim.nodes.map((x) => x.id).filter((id) => id !== leader.id), [leader.id]] });
}

function dropLink(): void {
  const a = Number(refs?.linkA.value), b = Number(refs?.linkB.value);
  if (a === b || !a || !b) return;
  act({ dropLink: [a, b] });
}

function saveScenarioFile(): void {
  postToHost({ type: 'saveScenario', text: scenarioToText(sessionScenario()), fileName: scenarioFileName(presetId === 'custom' ? 'scenario' : presetId) });
}

function selectPreset(id: string): void {
  const p = presetById(id);
  if (!p) return;
  load(p.scenario, p.id);
}

document.addEventListener('keydown', (ev) => {
  const target = ev.target as HTMLElement | null;
  if (target?.closest('input, select, textarea, button, summary, a, [contenteditable]')) return;
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
  if (ev.key === ' ') { ev.preventDefault(); safely(togglePlay); }
  else if (ev.key === 'ArrowRight') { ev.preventDefault(); safely(stepOnce); }
  else if (ev.key === 'r' || ev.key === 'R') safely(sendRequest);
  else if (ev.key === 'h' || ev.key === 'H') safely(() => act({ heal: true }));
});

onHostMessage((message) => safely(() => {
  switch (message.type) {
    case 'preset':
      selectPreset(message.id);
      break;
    case 'scenario': {
      const parsed = parseScenario(message.text);
      if (!parsed.ok) {
        showError(L('error.scenario', `${message.fileName}: ${parsed.error}`));
        return;
      }
      load(parsed.scenario, 'custom');
      break;
    }
    case 'lang':
      lang = message.lang;
      build();
      break;
  }
}));

// ---- start ------------------------------------------------------------------------------------

function start(): void {
  const saved = savedState(validateSaved);
  const wanted = initialPreset();
  if (saved && (!wanted || wanted === saved.preset)) {
    speed = saved.speed;
    const parsed = parseScenario(saved.scenario);
    if (parsed.ok) {
      load(parsed.scenario, saved.preset, saved.actions, saved.t);
      postToHost({ type: 'ready' });
      return;
    }
  }
  const p = presetById(wanted ?? '') ?? PRESETS[0];
  load(p.scenario, p.id);
  postToHost({ type: 'ready' });
}

try {
  start();
} catch (e) {
  replaceChildren(root, h('div', { class: 'error-box', role: 'alert' }, L('error.internal', e instanceof Error ? e.message : String(e))));
}
