import { tokenAt, tokenizeGo, type GoToken } from './goTokens';

/** Every construct that has a tip. */
export const TIP_IDS = [
  'go', 'chan', 'chan-send-only', 'chan-recv-only', 'send', 'receive', 'select', 'select-default', 'defer', 'panic', 'recover',
  'make-chan', 'make-slice', 'make-map', 'new', 'close', 'len-chan', 'cap-chan', 'range-chan',
  'sync-mutex', 'sync-rwmutex', 'sync-waitgroup', 'sync-once', 'context', 'context-withcancel', 'context-withtimeout',
  'runtime-gc', 'runtime-gosched', 'runtime-gomaxprocs', 'atomic',
] as const;
export type TipId = (typeof TIP_IDS)[number];

/** What a Go file looks like to the classifier: code tokens (no comments), imports, channel names. */
export interface GoFile {
  readonly code: readonly GoToken[];
  /** Import name (alias or last path element) → import path. */
  readonly imports: ReadonlyMap<string, string>;
  /** Identifiers declared or assigned as channels anywhere in the file. */
  readonly channels: ReadonlySet<string>;
}

export interface TipMatch {
  readonly tip: TipId;
  readonly start: number;
  readonly end: number;
}

export function analyzeGo(source: string): GoFile {
  const code = tokenizeGo(source).filter((t) => t.kind !== 'comment');
  return { code, imports: readImports(code), channels: findChannels(code) };
}

const PACKAGE_TIPS: Record<string, Record<string, TipId> | TipId> = {
  sync: { Mutex: 'sync-mutex', RWMutex: 'sync-rwmutex', WaitGroup: 'sync-waitgroup', Once: 'sync-once' },
  context: { Context: 'context', WithCancel: 'context-withcancel', WithTimeout: 'context-withtimeout', WithDeadline: 'context-withtimeout' },
  runtime: { GC: 'runtime-gc', Gosched: 'runtime-gosched', GOMAXPROCS: 'runtime-gomaxprocs' },
  'sync/atomic': 'atomic',
};

const BUILTINS: Record<string, TipId> = { panic: 'panic', recover: 'recover', new: 'new', close: 'close' };

/** The tip for the token at `offset`, or undefined: comments, strings and look-alike identifiers get nothing. */
export function classifyAt(file: GoFile, offset: number): TipMatch | undefined {
  const { code } = file;
  const i = tokenAt(code, offset);
  if (i < 0) return undefined;
  const t = code[i];
  const prev = code[i - 1];
  const next = code[i + 1];
  const match = (tip: TipId, from = t, to = t): TipMatch => ({ tip, start: from.start, end: to.end });
  const is = (token: GoToken | undefined, text: string) => token !== undefined && token.text === text && token.kind !== 'string' && token.kind !== 'rune';

  if (t.kind === 'keyword') {
    switch (t.text) {
      case 'go':
      case 'defer':
      case 'select':
        return match(t.text);
      case 'chan':
        if (is(prev, '<-')) return match('chan-recv-only', prev, t);
        if (is(next, '<-')) return match('chan-send-only', t, next);
        return match('chan');
      case 'default':
        return enclosingKeyword(code, i) === 'select' ? match('select-default') : undefined;
      case 'range':
        return next?.kind === 'ident' && file.channels.has(next.text) ? match('range-chan') : undefined;
      default:
        return undefined;
    }
  }
  if (t.kind === 'op' && t.text === '<-') {
    if (next?.kind === 'keyword' && next.text === 'chan') return match('chan-recv-only', t, next);
    if (prev?.kind === 'keyword' && prev.text === 'chan') return match('chan-send-only', prev, t);
    return match(endsOperand(prev) ? 'send' : 'receive');
  }
  if (t.kind !== 'ident') return undefined;

  // Qualified identifiers: pkg.Name, hovered on either part.
  const selector = is(next, '.') && code[i + 2]?.kind === 'ident' ? [t, code[i + 2]] : is(prev, '.') && code[i - 2]?.kind === 'ident' ? [code[i - 2], t] : undefined;
  if (selector) {
    const path = file.imports.get(selector[0].text);
    const tips = path ? PACKAGE_TIPS[path] : undefined;
    const tip = typeof tips === 'string' ? tips : tips?.[selector[1].text];
    if (tip) return match(tip, selector[0], selector[1]);
    return undefined;
  }

  // Built-in functions, only when called (not a method x.close(), not a declaration func close()).
  if (!is(next, '(') || is(prev, 'func')) return undefined;
  const arg = code[i + 2];
  switch (t.text) {
    case 'make':
      if (arg?.kind === 'keyword' && arg.text === 'chan') return match('make-chan');
      if (arg?.kind === 'keyword' && arg.text === 'map') return match('make-map');
      if (is(arg, '[')) return match('make-slice');
      return undefined;
    case 'len':
    case 'cap':
      return arg?.kind === 'ident' && file.channels.has(arg.text) && is(code[i + 3], ')') ? match(t.text === 'len' ? 'len-chan' : 'cap-chan') : undefined;
    default:
      return BUILTINS[t.text] ? match(BUILTINS[t.text]) : undefined;
  }
}

/** True when the token ends an operand, so a following `<-` is a send (`ch <- v`), not a receive. */
function endsOperand(token: GoToken | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'ident' || token.kind === 'number' || token.kind === 'string' || token.kind === 'rune') return true;
  return token.kind === 'op' && (token.text === ')' || token.text === ']' || token.text === '}');
}

/** The keyword that opened the innermost `{ … }` around token `i` (`select`, `switch`, …). */
function enclosingKeyword(code: readonly GoToken[], i: number): string | undefined {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const text = code[j].kind === 'op' ? code[j].text : '';
    if (text === '}') depth++;
    else if (text === '{') {
      if (depth === 0) return code[j - 1]?.kind === 'keyword' ? code[j - 1].text : undefined;
      depth--;
    }
  }
  return undefined;
}

function readImports(code: readonly GoToken[]): Map<string, string> {
  const imports = new Map<string, string>();
  const add = (alias: GoToken | undefined, spec: GoToken) => {
    const path = spec.text.slice(1, -1);
    const parts = path.split('/');
    const last = /^v\d+$/.test(parts.at(-1) ?? '') && parts.length > 1 ? parts.at(-2)! : parts.at(-1)!;
    const name = alias && alias.kind === 'ident' ? alias.text : last;
    if (alias?.text !== '_' && alias?.text !== '.') imports.set(name, path);
  };
  for (let i = 0; i < code.length; i++) {
    if (code[i].kind !== 'keyword' || code[i].text !== 'import') continue;
    let j = i + 1;
    const group = code[j]?.text === '(';
    if (group) j++;
    while (j < code.length) {
      const token = code[j];
      if (group && token.text === ')') break;
      if (token.kind === 'string') add(undefined, token);
      else if ((token.kind === 'ident' || token.text === '.') && code[j + 1]?.kind === 'string') add(token, code[++j]);
      else if (token.text !== ';') break;
      j++;
      if (!group) break;
    }
  }
  return imports;
}

/** `ch := make(chan …)`, `ch = make(chan …)`, `ch chan T`, `ch <-chan T`, `ch chan<- T`. */
function findChannels(code: readonly GoToken[]): Set<string> {
  const channels = new Set<string>();
  for (let i = 0; i + 1 < code.length; i++) {
    const t = code[i];
    if (t.kind !== 'ident') continue;
    const next = code[i + 1];
    if ((next.text === ':=' || next.text === '=') && code[i + 2]?.text === 'make' && code[i + 3]?.text === '(' && code[i + 4]?.text === 'chan') {
      channels.add(t.text);
    } else if (next.kind === 'keyword' && next.text === 'chan') channels.add(t.text);
    else if (next.text === '<-' && code[i + 2]?.kind === 'keyword' && code[i + 2].text === 'chan') channels.add(t.text);
  }
  return channels;
}

/** Tokenizes once per document version; hovers on the same version reuse the analysis. */
export class GoFileCache {
  private readonly entries = new Map<string, { version: number; file: GoFile }>();

  constructor(private readonly capacity = 20) {}

  get(key: string, version: number, source: () => string): GoFile {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.file;
    const file = analyzeGo(source());
    this.entries.delete(key);
    this.entries.set(key, { version, file });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return file;
  }
}
