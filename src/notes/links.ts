/** What a link in a note may do. The one place that decides; renderer and click handler both ask it. */
export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'anchor'; slug: string }
  | { kind: 'note'; path: string; slug?: string }
  | { kind: 'command'; command: string; args: unknown[] }
  | { kind: 'refused'; reason: string };

/** Only our own commands may be run from a note. */
export const COMMAND_PREFIX = 'interviewPrep.';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function classifyLink(rawHref: string): LinkTarget {
  const href = rawHref.trim();
  if (!href) return { kind: 'refused', reason: 'empty link' };
  const scheme = SCHEME.exec(href)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') return { kind: 'external', url: href };
  if (scheme === 'command') return classifyCommand(href.slice('command:'.length));
  if (scheme) return { kind: 'refused', reason: `links with scheme "${scheme}:" are not allowed` };
  if (href.startsWith('//')) return { kind: 'refused', reason: 'protocol-relative links are not allowed' };
  if (href.startsWith('#')) return { kind: 'anchor', slug: safeDecode(href.slice(1)) };
  const [pathPart, fragment] = splitOnce(href, '#');
  const path = safeDecode(pathPart.split('?')[0]);
  if (!/\.(md|markdown|txt)$/i.test(path)) return { kind: 'refused', reason: 'only links to other notes (.md) are allowed' };
  return fragment ? { kind: 'note', path, slug: safeDecode(fragment) } : { kind: 'note', path };
}

function classifyCommand(rest: string): LinkTarget {
  const [command, query] = splitOnce(rest, '?');
  if (!command.startsWith(COMMAND_PREFIX) || !/^[\w.]+$/.test(command)) {
    return { kind: 'refused', reason: `command "${command}" is not one of Interview Prep's` };
  }
  if (!query) return { kind: 'command', command, args: [] };
  try {
    const parsed: unknown = JSON.parse(safeDecode(query));
    return { kind: 'command', command, args: Array.isArray(parsed) ? parsed : [parsed] };
  } catch {
    return { kind: 'refused', reason: 'command arguments are not valid JSON' };
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Resolves a relative note path against the URI string of the note that links to it. */
export function resolveRelative(fromFile: string, relativePath: string): string {
  const base = fromFile.slice(0, fromFile.lastIndexOf('/') + 1);
  const parts = (base + relativePath).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') {
      if (out.length > 3) out.pop();
    } else if (part !== '.') out.push(part);
  }
  return out.join('/');
}
