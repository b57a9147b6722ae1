/** Runs inside the note panel. No inline script: loaded by nonce; talks only through typed messages. */
import { parseNoteHostMessage, parseNotePanelState, type NotePanelState, type NoteViewMessage } from '../protocol';

interface VsCodeApi {
  postMessage(message: NoteViewMessage): void;
  getState(): unknown;
  setState(state: NotePanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const main = document.getElementById('note') as HTMLElement;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function currentTopicId(): string {
  return main.dataset.topicId ?? '';
}

function scrollToSlug(slug: string, smooth: boolean): void {
  const target = document.getElementById(slug);
  if (!target) return;
  target.scrollIntoView({ block: 'start', behavior: smooth && !reducedMotion ? 'smooth' : 'auto' });
  target.classList.remove('flash');
  void target.offsetWidth; // restart the highlight animation
  target.classList.add('flash');
  saveState(slug);
}

function saveState(slug: string | undefined): void {
  vscode.setState(slug ? { topicId: currentTopicId(), slug } : { topicId: currentTopicId() });
}

/** The last heading whose top is above the upper third of the viewport. */
function visibleSection(): string | undefined {
  let found: string | undefined;
  for (const heading of main.querySelectorAll<HTMLElement>('h2[id], h3[id]')) {
    if (heading.getBoundingClientRect().top > window.innerHeight / 3) break;
    found = heading.id;
  }
  return found;
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link) return;
  const href = link.getAttribute('href');
  event.preventDefault();
  if (!href) return;
  if (href.startsWith('#')) {
    scrollToSlug(decodeURIComponent(href.slice(1)), true);
    return;
  }
  vscode.postMessage({ type: 'openLink', href });
});

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseNoteHostMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'scrollTo':
      scrollToSlug(message.slug, true);
      break;
    case 'update': {
      const keep = visibleSection();
      main.innerHTML = message.html;
      main.dataset.topicId = message.topicId;
      document.title = message.title;
      if (keep) scrollToSlug(keep, false);
      break;
    }
  }
});

let scrollPending = false;
window.addEventListener(
  'scroll',
  () => {
    if (scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      saveState(visibleSection());
    });
  },
  { passive: true },
);

const restored = parseNotePanelState(vscode.getState());
const initialSlug = main.dataset.initialSlug || (restored?.topicId === currentTopicId() ? restored.slug : undefined);
if (initialSlug) scrollToSlug(initialSlug, false);
else saveState(undefined);
vscode.postMessage({ type: 'ready' });
