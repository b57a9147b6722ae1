/**
 * The InnoDB MVCC simulator panel: session columns like `mysql` prompts, a shared timeline, version
 * chains, read views with the visibility rule per version, data_locks and the wait-for graph.
 * The script is the source of truth: stepping runs its first k statements on a fresh engine
 * (undo = re-run to k-1); typing a statement into a session inserts it at the current position.
 */
import type { SimLanguage } from '../sim/protocol';
import { formatValue, type EngineSnapshot, type LockRow, type RowTrace, type SimEvent } from '../sim/mvcc/engine';
import { formatError, formatResultTable } from '../sim/mvcc/format';
import { ANOMALY_TABLE, LEVEL_KEYS, NOTE_TOPIC, PRESETS, presetById, type LevelKey } from '../sim/mvcc/presets';
import { parseScript, runSteps, type ScriptStep } from '../sim/mvcc/script';
import { ISOLATION_LEVELS, parseStatement, SqlError, type IsolationLevel } from '../sim/mvcc/sql';
import { isStringKey, t as tr, type StringKey } from '../sim/mvcc/strings';
import { announce, h, initialPreset, language, onHostMessage, postToHost, reducedMotion, replaceChildren, root, savedState, saveState, svg } from './simShell';

interface PanelState {
  script: string;
  level: IsolationLevel;
  position: number;
  finished: boolean;
  presetId: string;
  extraSessions: string[];
}

const MAX_NARRATION = 200;
const MAX_SESSIONS = 4;

let lang: SimLanguage = language();
let state: PanelState = defaultState(initialPreset());
let steps: readonly ScriptStep[] = [];
let scriptError: string | null = null;
let liveErrors = new Map<string, string>();
let lastAnnounce = 0;
let frame = 0;

function defaultState(presetId: string | undefined): PanelState {
  const preset = presetById(presetId ?? '') ?? PRESETS[0];
  return { script: preset.script, level: 'REPEATABLE READ', position: 0, finished: false, presetId: preset.id, extraSessions: [] };
}

function t(key: StringKey, ...args: (string | number)[]): string {
  return tr(lang, key, ...args);
}

function validate(value: unknown): PanelState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.script !== 'string' || v.script.length > 256 * 1024) return undefined;
  if (!ISOLATION_LEVELS.includes(v.level as IsolationLevel)) return undefined;
  if (typeof v.position !== 'number' || !Number.isInteger(v.position) || v.position < 0) return undefined;
  if (typeof v.finished !== 'boolean' || typeof v.presetId !== 'string') return undefined;
  if (!Array.isArray(v.extraSessions) || !v.extraSessions.every((s) => typeof s === 'string' && /^[A-Za-z0-9]{1,16}$/.test(s))) return undefined;
  const parsed = parseScript(v.script);
  if (!parsed.ok) return undefined;
  return { script: v.script, level: v.level as IsolationLevel, position: Math.min(v.position, parsed.steps.length), finished: v.finished, presetId: v.presetId, extraSessions: v.extraSessions.slice(0, MAX_SESSIONS) as string[] };
}

function loadScript(text: string): boolean {
  const parsed = parseScript(text);
  if (!parsed.ok) {
    scriptError = t('parseError', parsed.line, parsed.col, parsed.message);
    return false;
  }
  scriptError = null;
  steps = parsed.steps;
  return true;
}

function setState(next: Partial<PanelState>, opts: { announceStep?: boolean } = {}): void {
  state = { ...state, ...next };
  saveState(state);
  schedule(opts.announceStep ?? false);
}

let pendingAnnounce = false;
function schedule(announceStep: boolean): void {
  pendingAnnounce ||= announceStep;
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const a = pendingAnnounce;
    pendingAnnounce = false;
    render(a);
  });
}

// ------------------------------------------------------------------ actions

function step(): void {
  if (state.position < steps.length) setState({ position: state.position + 1, finished: false }, { announceStep: true });
  else if (!state.finished) setState({ finished: true }, { announceStep: true });
}
function runAll(): void {
  setState({ position: steps.length, finished: true }, { announceStep: true });
}
function undo(): void {
  if (state.finished) setState({ finished: false }, { announceStep: true });
  else if (state.position > 0) setState({ position: state.position - 1 }, { announceStep: true });
}
function reset(): void {
  setState({ position: 0, finished: false }, { announceStep: true });
}

function loadPreset(id: string): void {
  const preset = presetById(id);
  if (!preset) return;
  liveErrors = new Map();
  loadScript(preset.script);
  setState({ script: preset.script, presetId: preset.id, position: 0, finished: false, extraSessions: [] });
}

/** Inserts `session: sql` after the statements already run, then runs it. */
function typeStatement(session: string, sql: string): void {
  const text = sql.trim();
  if (!text) return;
  try {
    parseStatement(text);
  } catch (e) {
    liveErrors.set(session, t('liveError', e instanceof SqlError ? `${e.message} (col ${e.pos.col})` : String(e)));
    schedule(false);
    return;
  }
  liveErrors.delete(session);
  const lines = state.script.split('\n');
  const insertAt = state.position === 0 ? lines.length : steps[state.position - 1].line;
  const after = steps.slice(state.position).length > 0 ? insertAt : lines.length;
  const line = `${session}: ${text.replace(/;?\s*$/, ';')}`;
  const nextLines = [...lines.slice(0, after), line, ...lines.slice(after)];
  if (nextLines[nextLines.length - 1] !== '' && after === lines.length) nextLines.push('');
  const script = nextLines.join('\n').replace(/\n{3,}$/, '\n');
  if (!loadScript(script)) {
    schedule(false);
    return;
  }
  postToHost({ type: 'edit', text: script });
  setState({ script, position: state.position + 1, finished: false, presetId: '' }, { announceStep: true });
}

// ------------------------------------------------------------------ rendering

function sessionsOf(): string[] {
  const names: string[] = [];
  for (const s of steps) if (s.session !== null && !names.includes(s.session)) names.push(s.session);
  for (const s of state.extraSessions) if (!names.includes(s)) names.push(s);
  if (names.length < 2) for (const n of ['T1', 'T2']) if (!names.includes(n) && names.length < 2) names.push(n);
  return names.slice(0, MAX_SESSIONS);
}

function levelKey(level: IsolationLevel): LevelKey {
  return LEVEL_KEYS[level];
}
const LEVEL_LABEL: Record<LevelKey, StringKey> = { ru: 'levelRU', rc: 'levelRC', rr: 'levelRR', sr: 'levelSR' };

function render(announceStep: boolean): void {
  try {
    renderInner(announceStep);
  } catch (e) {
    replaceChildren(root, h('div', { class: 'error-box', role: 'alert' }, t('renderError', e instanceof Error ? e.message : String(e))));
  }
}

function renderInner(announceStep: boolean): void {
  const active = document.activeElement as HTMLElement | null;
  const focusId = active?.dataset.focusKey;
  const result = runSteps(steps, { isolation: state.level, limit: state.position, finish: state.finished, trace: true });
  const events = result.events;
  const snap = result.engine.snapshot();
  const sessions = sessionsOf();
  root.dataset.lang = lang;
  replaceChildren(
    root,
    h('header', { class: 'mvcc-head' }, h('h1', {}, t('title')), h('p', { class: 'muted' }, t('subtitle'))),
    toolbar(),
    scriptError ? h('div', { class: 'error-box', role: 'alert' }, scriptError) : null,
    explanation(),
    h('div', { class: 'mvcc-status muted', 'aria-live': 'off' }, t('stepOf', state.position, steps.length), ' · ', t('time', snap.time)),
    sessionColumns(sessions, events, snap),
    h('div', { class: 'mvcc-grid2' },
      h('section', { class: 'card', 'aria-labelledby': 'h-versions' }, h('h2', { id: 'h-versions' }, t('versions')), versionsView(snap)),
      h('section', { class: 'card', 'aria-labelledby': 'h-readviews' }, h('h2', { id: 'h-readviews' }, t('readviews')), readViewsView(snap, events)),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'h-locks' }, h('h2', { id: 'h-locks' }, t('locks')), locksView(snap.locks)),
    h('div', { class: 'mvcc-grid2' },
      h('section', { class: 'card', 'aria-labelledby': 'h-waits' }, h('h2', { id: 'h-waits' }, t('waitsFor')), waitsView(snap)),
      h('section', { class: 'card', 'aria-labelledby': 'h-narration' }, h('h2', { id: 'h-narration' }, t('narration')), narrationView(events)),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'h-timeline' }, h('h2', { id: 'h-timeline' }, t('timeline')), timelineView(events)),
    scriptEditor(),
    summaryTable(),
  );
  if (focusId) root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusId)}"]`)?.focus();
  for (const out of root.querySelectorAll<HTMLElement>('[data-testid="mvcc-output"]')) out.scrollTop = out.scrollHeight;
  if (announceStep) {
    const now = Date.now();
    const lastStep = result.perStep[result.perStep.length - 1] ?? [];
    if (now - lastAnnounce > 500 && lastStep.length > 0) {
      lastAnnounce = now;
      announce(lastStep.map(describeEvent).join('. '));
    }
  }
  if (reducedMotion()) root.classList.add('reduced');
}

function describeEvent(e: SimEvent): string {
  const who = e.session ?? t('setupSession');
  if (e.status === 'blocked') return `${who}: ${e.sql} — ${t('waiting', e.waitingFor ?? '?')}`;
  if (e.status === 'error') return `${who}: ${formatError(e)}`;
  if (e.rows) return `${who}: ${e.sql} — ${t('rowsInSet', e.rows.length)}`;
  return `${who}: ${e.sql} — ${t('queryOk', e.affected ?? 0)}`;
}

function toolbar(): HTMLElement {
  const presetSelect = h('select', {
    'data-testid': 'preset-select', 'aria-label': t('preset'), 'data-focus-key': 'preset',
    onchange: (ev: Event) => loadPreset((ev.target as HTMLSelectElement).value),
  }, ...PRESETS.map((p) => h('option', { value: p.id, selected: p.id === state.presetId }, t(`preset.${p.id}` as StringKey))));
  if (!presetById(state.presetId)) presetSelect.prepend(h('option', { value: '', selected: true }, '—'));
  const levelSelect = h('select', {
    'data-testid': 'mvcc-level', 'aria-label': t('level'), 'data-focus-key': 'level',
    onchange: (ev: Event) => setState({ level: (ev.target as HTMLSelectElement).value as IsolationLevel }, { announceStep: false }),
  }, ...ISOLATION_LEVELS.map((l) => h('option', { value: l, selected: l === state.level }, l)));
  const atEnd = state.position >= steps.length && state.finished;
  return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('title') },
    h('label', {}, t('preset'), presetSelect),
    h('label', {}, t('level'), levelSelect),
    h('span', { class: 'sep' }),
    h('button', { 'data-testid': 'mvcc-step', 'data-focus-key': 'step', onclick: step, disabled: atEnd, title: '→' }, t('step')),
    h('button', { 'data-testid': 'mvcc-run', 'data-focus-key': 'run', onclick: runAll, disabled: atEnd }, t('run')),
    h('button', { 'data-testid': 'mvcc-undo', 'data-focus-key': 'undo', class: 'secondary', onclick: undo, disabled: state.position === 0 && !state.finished, title: '←' }, t('undo')),
    h('button', { class: 'secondary', 'data-focus-key': 'reset', onclick: reset, disabled: state.position === 0 && !state.finished }, t('reset')),
    h('span', { class: 'sep' }),
    h('a', { href: '#', 'data-focus-key': 'note', onclick: (ev: Event) => { ev.preventDefault(); postToHost({ type: 'openNote', topicId: NOTE_TOPIC, slug: presetById(state.presetId)?.slug ?? 'isolation-levels' }); } }, t('openNote')),
    h('button', { class: 'secondary', 'data-focus-key': 'save', onclick: () => postToHost({ type: 'saveScenario', text: state.script, fileName: `${state.presetId || 'scenario'}.mvcc.sql` }) }, t('save')),
    h('button', { class: 'secondary', 'data-focus-key': 'open', onclick: () => postToHost({ type: 'openScenario' }) }, t('open')),
  );
}

function explanation(): HTMLElement | null {
  const preset = presetById(state.presetId);
  if (!preset) return null;
  const key = `preset.${preset.id}.${levelKey(state.level)}`;
  if (!isStringKey(key)) return null;
  return h('section', { class: 'card mvcc-explain', 'aria-labelledby': 'h-explain' },
    h('h2', { id: 'h-explain' }, `${t(`preset.${preset.id}` as StringKey)} — ${t('explanation', state.level)}`),
    h('p', {}, t(key)));
}

function sessionColumns(sessions: string[], events: readonly SimEvent[], snap: EngineSnapshot): HTMLElement {
  const cols = sessions.map((name) => {
    const info = snap.sessions.find((s) => s.name === name);
    const blocked = info?.blocked ?? false;
    const own = events.filter((e) => e.session === name);
    const level = info?.level ?? state.level;
    const input = h('textarea', {
      'data-testid': 'mvcc-input', 'data-focus-key': `input-${name}`, rows: 2, 'aria-label': t('inputLabel', name), placeholder: t('inputPlaceholder'),
      onkeydown: (ev: Event) => {
        const k = ev as KeyboardEvent;
        if (k.key === 'Enter' && !k.shiftKey) {
          k.preventDefault();
          typeStatement(name, (k.target as HTMLTextAreaElement).value);
        }
      },
    });
    const err = liveErrors.get(name);
    return h('section', { class: `mvcc-session${blocked ? ' blocked' : ''}`, 'data-testid': `mvcc-session-${name}`, 'data-blocked': blocked ? 'true' : 'false', 'aria-label': t('sessionLabel', name, level) },
      h('header', {}, h('strong', {}, name), h('span', { class: 'muted' }, level), h('span', { class: 'badge' + (blocked ? ' warn' : '') }, blocked ? t('lockWait') : info?.inTransaction ? 'BEGIN' : 'autocommit')),
      blocked && info?.waitLock
        ? h('div', { class: 'mvcc-wait', role: 'status' }, t('blocked', info.waitingFor ?? '?', info.waitLock.lockMode, `${info.waitLock.table} ${info.waitLock.lockData ?? ''}`), info.queued > 0 ? h('div', { class: 'muted' }, t('queued', info.queued)) : null)
        : null,
      h('div', { class: 'mvcc-output mono', 'data-testid': 'mvcc-output', role: 'log', tabindex: 0, 'aria-label': t('session', name) }, ...own.map(resultBlock)),
      err ? h('div', { class: 'error-text mono' }, err) : null,
      input,
    );
  });
  const grid = h('div', { class: 'mvcc-sessions' }, ...cols);
  grid.style.gridTemplateColumns = `repeat(${cols.length}, minmax(0, 1fr))`;
  const add = sessions.length < MAX_SESSIONS
    ? h('button', { class: 'secondary mvcc-add', 'data-focus-key': 'add', onclick: () => {
      const name = `T${[1, 2, 3, 4, 5].find((i) => !sessions.includes(`T${i}`))}`;
      setState({ extraSessions: [...state.extraSessions, name] });
    } }, t('addSession'))
    : null;
  return h('div', {}, grid, add);
}

function resultBlock(e: SimEvent): HTMLElement {
  const children: (Node | string)[] = [];
  if (e.status !== 'resumed') children.push(h('div', { class: 'prompt' }, `mysql> ${e.sql};`));
  if (e.status === 'blocked') children.push(h('div', { class: 'warn-text' }, t('waiting', e.waitingFor ?? '?')));
  else if (e.status === 'error') children.push(h('div', { class: 'error-text' }, formatError(e)));
  else {
    if (e.status === 'resumed') children.push(h('div', { class: 'muted' }, `(${t('resumed')}: ${e.sql})`));
    if (e.rows && e.columns) {
      children.push(e.rows.length > 0 ? h('pre', {}, formatResultTable(e.columns, e.rows)) : h('div', {}, t('emptySet')));
      if (e.rows.length > 0) children.push(h('div', { class: 'muted' }, t('rowsInSet', e.rows.length)));
    } else {
      children.push(h('div', {}, t('queryOk', e.affected ?? 0)));
      if (e.matched !== undefined) children.push(h('div', { class: 'muted' }, t('rowsMatched', e.matched, e.affected ?? 0)));
    }
  }
  return h('div', { class: `result ${e.status}`, 'data-status': e.status }, ...children);
}

function versionsView(snap: EngineSnapshot): HTMLElement {
  if (snap.tables.length === 0) return h('div', { 'data-testid': 'mvcc-versions', class: 'muted' }, t('noRows'));
  return h('div', { 'data-testid': 'mvcc-versions' }, ...snap.tables.map((table) =>
    h('div', {},
      h('h3', { class: 'mono' }, `${table.name} (${table.columns.join(', ')})`),
      table.rows.length === 0 ? h('div', { class: 'muted' }, t('noRows')) : h('ul', { class: 'chains' }, ...table.rows.map((row) =>
        h('li', { class: 'chain' },
          h('span', { class: 'mono key' }, `${table.pk}=${formatValue(row.key)}`),
          ...row.chain.map((v, i) => h('span', { class: `ver${v.deleted ? ' deleted' : ''}${v.committed ? '' : ' uncommitted'}`, title: `DB_TRX_ID ${v.trxId}${v.deleted ? ', delete-marked' : ''}${v.committed ? '' : ', uncommitted'}` },
            i > 0 ? h('span', { class: 'arrow', 'aria-hidden': 'true' }, '← DB_ROLL_PTR ') : null,
            h('span', { class: 'mono' }, `[${v.trxId}] (${v.values.map(formatValue).join(', ')})`),
            v.deleted ? h('span', { class: 'badge' }, t('colDeleted')) : null,
            v.committed ? null : h('span', { class: 'badge warn' }, t('uncommitted')),
          )),
        ))),
    )));
}

function viewText(v: EngineSnapshot['transactions'][number]['readView']): string {
  return v ? t('viewText', v.creator, v.upLimit, v.lowLimit, v.ids.join(', ')) : t('viewNone');
}

function readViewsView(snap: EngineSnapshot, events: readonly SimEvent[]): HTMLElement {
  const trxTable = snap.transactions.length === 0
    ? h('div', { class: 'muted' }, t('noTrx'))
    : h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ...[t('colSession'), t('colTrxId'), t('colLevel'), t('colView'), t('colWeight')].map((c) => h('th', {}, c)))),
      h('tbody', {}, ...snap.transactions.map((x) => h('tr', {},
        h('td', {}, x.session ?? t('setupSession')),
        h('td', { class: 'mono' }, x.id === 0 ? `${t('idNone')} · ${x.printId}` : String(x.id)),
        h('td', {}, x.level),
        h('td', { class: 'mono' }, x.level === 'READ COMMITTED' && x.lastView ? `${viewText(x.lastView)} (RC)` : viewText(x.readView)),
        h('td', {}, `${x.weight} = ${x.undoRecords} + ${x.lockStructs}`),
      ))));
  const lastRead = [...events].reverse().find((e) => e.trace && e.trace.length > 0);
  return h('div', { 'data-testid': 'mvcc-readviews' },
    h('div', { class: 'muted mono' }, `trx_sys: next id ${snap.nextTrxId}; rw_trx_ids [${snap.activeIds.join(', ')}]`),
    trxTable,
    h('h3', {}, lastRead ? t('visibility', lastRead.session ?? t('setupSession')) : t('noVisibility')),
    lastRead ? visibilityTable(lastRead) : null);
}

function visibilityTable(e: SimEvent): HTMLElement {
  const rows: HTMLElement[] = [];
  for (const r of e.trace as readonly RowTrace[]) {
    r.checks.forEach((c, i) => rows.push(h('tr', { class: c.visible ? 'vis' : 'invis' },
      i === 0 ? h('td', { rowspan: r.checks.length, class: 'mono' }, `${formatValue(r.key)} → ${t(`outcome.${r.outcome}` as StringKey)}`) : null,
      h('td', { class: 'mono' }, `[${c.trxId}] (${c.values.map(formatValue).join(', ')})${c.deleted ? ' ⌫' : ''}`),
      h('td', {}, c.visible ? '✓ ' + t('yes') : '✗ ' + t('no')),
      h('td', {}, t(`rule.${c.rule}` as StringKey)),
    )));
  }
  return h('div', {},
    h('div', { class: 'mono muted' }, `${e.sql} — ${e.view ? t('viewText', e.view.creator, e.view.upLimit, e.view.lowLimit, e.view.ids.join(', ')) : 'READ UNCOMMITTED'}`),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ...[t('colRow'), t('colVersion'), t('colVisible'), t('colRule')].map((c) => h('th', {}, c)))),
      h('tbody', {}, ...rows)));
}

function locksView(locks: readonly LockRow[]): HTMLElement {
  if (locks.length === 0) return h('div', { 'data-testid': 'mvcc-locks', class: 'muted' }, t('noLocks'));
  return h('div', { 'data-testid': 'mvcc-locks' }, h('table', { class: 'grid mono' },
    h('thead', {}, h('tr', {}, ...[t('colEngineTrx'), t('colSession'), t('colTable'), 'INDEX_NAME', t('colLockType'), t('colLockMode'), t('colLockStatus'), t('colLockData')].map((c) => h('th', {}, c)))),
    h('tbody', {}, ...locks.map((l) => h('tr', { class: l.lockStatus === 'WAITING' ? 'waiting' : '' },
      h('td', {}, String(l.engineTransactionId)), h('td', {}, l.session ?? t('setupSession')), h('td', {}, l.table), h('td', {}, l.lockType === 'RECORD' ? 'PRIMARY' : 'NULL'),
      h('td', {}, l.lockType), h('td', {}, l.lockMode), h('td', {}, l.lockStatus), h('td', {}, l.lockData ?? 'NULL'),
    )))));
}

function waitsView(snap: EngineSnapshot): HTMLElement {
  if (snap.waitsFor.length === 0) return h('div', { class: 'muted' }, t('noWaits'));
  const names = [...new Set(snap.waitsFor.flatMap((w) => [w.from ?? '?', w.to ?? '?']))];
  const width = 120 * names.length + 40;
  const pos = (n: string) => 60 + names.indexOf(n) * 120;
  const label = snap.waitsFor.map((w) => `${w.from} → ${w.to} (${w.lock.lockMode} ${w.lock.lockData})`).join('; ');
  const graph = svg('svg', { viewBox: `0 0 ${width} 110`, width, height: 110, role: 'img', 'aria-label': label, class: 'waits' },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }))),
    ...snap.waitsFor.map((w, i) => {
      const x1 = pos(w.from ?? '?');
      const x2 = pos(w.to ?? '?');
      const bend = x1 < x2 ? -30 - i * 6 : 30 + i * 6;
      return svg('path', { d: `M ${x1} ${55 + (bend < 0 ? -16 : 16)} Q ${(x1 + x2) / 2} ${55 + bend * 1.6} ${x2} ${55 + (bend < 0 ? -16 : 16)}`, class: 'edge', 'marker-end': 'url(#arrow)' });
    }),
    ...names.map((n) => svg('g', {}, svg('circle', { cx: pos(n), cy: 55, r: 18, class: 'node' }), svg('text', { x: pos(n), y: 60, 'text-anchor': 'middle', class: 'node-label' }, n))),
  );
  return h('div', {}, graph, h('ul', { class: 'plain' }, ...snap.waitsFor.map((w) => h('li', { class: 'mono' }, `${w.from} → ${w.to}: ${w.lock.lockMode} ${w.lock.table} (${w.lock.lockData})`))));
}

function timelineView(events: readonly SimEvent[]): HTMLElement {
  return h('ol', { class: 'narration mvcc-timeline', tabindex: 0 }, ...events.slice(-MAX_NARRATION).map((e) => h('li', { class: e.status },
    h('span', { class: 't' }, `${e.time}s`),
    h('span', { class: 'who' }, e.session ?? t('setupSession')), ' ',
    h('span', { class: 'mono' }, e.sql), ' ',
    h('span', { class: `status ${e.status}` }, e.status === 'error' ? `ERROR ${e.errno}` : e.status),
  )));
}

function narrationView(events: readonly SimEvent[]): HTMLElement {
  const items: HTMLElement[] = [];
  for (const e of events) {
    for (const n of e.notes) {
      const key = `note.${n.key}`;
      if (!isStringKey(key)) continue;
      items.push(h('li', { class: n.key.startsWith('deadlock') || n.key === 'timeout' ? 'error' : '' }, h('span', { class: 't' }, `${e.session ?? t('setupSession')} L${e.line}`), t(key, ...n.args)));
    }
  }
  return h('ol', { class: 'narration', 'data-testid': 'mvcc-narration', 'aria-label': t('narration'), tabindex: 0 }, ...items.slice(-MAX_NARRATION));
}

function scriptEditor(): HTMLElement {
  const area = h('textarea', { class: 'mvcc-script', rows: Math.min(18, state.script.split('\n').length + 1), 'aria-label': t('script'), 'data-focus-key': 'script', spellcheck: 'false' });
  area.value = state.script;
  return h('details', { class: 'card' },
    h('summary', {}, t('script')),
    h('p', { class: 'muted' }, t('scriptHint')),
    area,
    h('div', { class: 'toolbar' }, h('button', { 'data-focus-key': 'apply', onclick: () => {
      const text = area.value;
      if (loadScript(text)) {
        liveErrors = new Map();
        postToHost({ type: 'edit', text });
        setState({ script: text, position: 0, finished: false, presetId: PRESETS.find((p) => p.script === text)?.id ?? '' });
      } else schedule(false);
    } }, t('applyScript'))));
}

function summaryTable(): HTMLElement {
  const levels: LevelKey[] = ['ru', 'rc', 'rr', 'sr'];
  return h('section', { class: 'card', 'aria-labelledby': 'h-summary' },
    h('h2', { id: 'h-summary' }, t('summary')),
    h('table', { class: 'grid mvcc-summary' },
      h('thead', {}, h('tr', {}, h('th', {}, t('anomaly')), ...levels.map((l) => h('th', {}, t(LEVEL_LABEL[l]))))),
      h('tbody', {}, ...Object.entries(ANOMALY_TABLE).map(([id, row]) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: '#', onclick: (ev: Event) => { ev.preventDefault(); loadPreset(id); } }, t(`preset.${id}` as StringKey))),
        ...levels.map((l) => h('td', { class: `cell-${row[l]}` }, t(row[l]))),
      )))));
}

// ------------------------------------------------------------------ start

function isTextField(el: Element | null): boolean {
  return !!el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.tagName === 'SELECT' || (el as HTMLElement).isContentEditable);
}

document.addEventListener('keydown', (ev) => {
  if (isTextField(document.activeElement) || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  if (ev.key === 'ArrowRight' || ev.key === ' ') {
    if (ev.key === ' ' && (document.activeElement as HTMLElement | null)?.tagName === 'BUTTON') return;
    ev.preventDefault();
    step();
  } else if (ev.key === 'ArrowLeft') {
    ev.preventDefault();
    undo();
  }
});

onHostMessage((message) => {
  switch (message.type) {
    case 'preset':
      loadPreset(message.id);
      break;
    case 'scenario':
      if (loadScript(message.text)) {
        liveErrors = new Map();
        setState({ script: message.text, position: 0, finished: false, presetId: PRESETS.find((p) => p.script === message.text)?.id ?? '' });
      } else {
        loadScript(state.script);
        const err = scriptError;
        scriptError = `${message.fileName}: ${err}`;
        schedule(false);
      }
      break;
    case 'lang':
      lang = message.lang;
      if (scriptError) loadScript(state.script);
      schedule(false);
      break;
  }
});

try {
  const restored = savedState(validate);
  const requested = initialPreset();
  if (restored && (!requested || requested === restored.presetId)) state = restored;
  loadScript(state.script);
  saveState(state);
  render(false);
} catch (e) {
  replaceChildren(root, h('div', { class: 'error-box', role: 'alert' }, t('renderError', e instanceof Error ? e.message : String(e))));
}
postToHost({ type: 'ready' });
