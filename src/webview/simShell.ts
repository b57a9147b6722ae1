/**
 * What every simulator webview shares: the VS Code API (or a stand-in when the bundle runs in a
 * plain page, as the frame-time benchmark does), typed messages, saved state, a live region for
 * screen readers, reduced motion, and a tiny DOM builder that never parses HTML.
 */
import { parseSimHostMessage, type SimHostMessage, type SimLanguage, type SimViewMessage } from '../sim/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

function standInApi(): VsCodeApi {
  let state: unknown;
  return {
    postMessage: (message) => console.debug('[sim → host]', message),
    getState: () => state,
    setState: (next) => { state = next; },
  };
}

const api: VsCodeApi = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : standInApi();

/** The panel's root element, `<main id="sim" data-lang data-preset>`, written by the extension. */
export const root: HTMLElement = document.getElementById('sim') ?? document.body.appendChild(Object.assign(document.createElement('main'), { id: 'sim' }));

/** The UI language chosen by the extension (VS Code's display language or the notes setting). */
export function language(): SimLanguage {
  return root.dataset.lang === 'zh-cn' ? 'zh-cn' : 'en';
}

/**
 * What VS Code keeps for the page: the simulator's own state, and which page load (nonce) last
 * saved it — so a preset in the page's HTML is applied once, not again each time a hidden panel
 * is rebuilt from the same HTML.
 */
interface ShellState {
  readonly shell: 1;
  readonly app: unknown;
  readonly page?: string;
}

function rawState(): ShellState | undefined {
  try {
    const raw = api.getState() as Partial<ShellState> | undefined;
    return raw && typeof raw === 'object' && raw.shell === 1 ? (raw as ShellState) : undefined;
  } catch {
    return undefined;
  }
}

/** The preset the panel was opened with (from a note link or a command argument), if it is still to be applied. */
export function initialPreset(): string | undefined {
  const page = root.dataset.page;
  if (page && rawState()?.page === page) return undefined; // this HTML's preset was applied already
  return root.dataset.preset || undefined;
}

/** True in a scenario file's editor ("Open With…"): report scenario changes with `reportEdit`. */
export function editingFile(): boolean {
  return root.dataset.mode === 'file';
}

let lastEdit: string | undefined;
let fileLoaded = false;
/**
 * Tells the extension the scenario text changed in the panel (a preset picked, a setting changed,
 * code typed). In a file editor this becomes an undoable edit of the document; elsewhere, and
 * before the file's own text has arrived, nothing is sent. Use the text "Save scenario" saves.
 */
export function reportEdit(text: string): void {
  postToHost({ type: 'edit', text });
}

export function postToHost(message: SimViewMessage): void {
  if (message.type === 'edit') {
    // A file editor starts with the file: a default preset loaded before it arrives must not overwrite it.
    if (!editingFile() || !fileLoaded || message.text === lastEdit) return;
    lastEdit = message.text;
  }
  api.postMessage(message);
}

/** Calls `handler` with each valid message from the extension; others are dropped with a console note. */
export function onHostMessage(handler: (message: SimHostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const message = parseSimHostMessage(event.data);
    if (message?.type === 'scenario') {
      fileLoaded = true;
      lastEdit = message.text;
    }
    if (message?.type === 'lang') {
      root.dataset.lang = message.lang;
      document.documentElement.lang = message.lang;
    }
    if (message) handler(message);
    else console.warn('ignored an unknown message', event.data);
  });
}

/** The state saved by `saveState`, if it passes `validate` (a corrupted state is dropped, never trusted). */
export function savedState<T>(validate: (value: unknown) => T | undefined): T | undefined {
  try {
    const raw = rawState();
    return raw ? validate(raw.app) : undefined;
  } catch {
    return undefined;
  }
}

/** Kept by VS Code while the panel is hidden and across window reloads. Keep it small (JSON). */
export function saveState(state: unknown): void {
  api.setState({ shell: 1, app: state, page: root.dataset.page } satisfies ShellState);
}

let liveRegion: HTMLElement | undefined;
/** Reads `text` to screen readers (a polite live region), without moving focus. */
export function announce(text: string): void {
  if (!liveRegion) {
    liveRegion = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'sim-live' });
    document.body.appendChild(liveRegion);
  }
  liveRegion.textContent = text;
}

const motionQuery = window.matchMedia?.('(prefers-reduced-motion: reduce)');
/** True when the user asked for reduced motion: jump to end states instead of animating. */
export function reducedMotion(): boolean {
  return motionQuery?.matches ?? false;
}

type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

/**
 * Builds an element. Attributes starting with "on" are event listeners; `true` sets a boolean
 * attribute, `false`/`undefined` skip it. Children are nodes or text (never parsed as HTML).
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

/** The same for SVG elements. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

function setAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
}

/** Replaces all children of `element`. */
export function replaceChildren(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  append(element, children);
}
