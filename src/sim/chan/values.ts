/** Runtime values of the Go subset, Go's fmt formatting for them, and panics. */
import type { FuncDef, GoType } from './ast';
import type { HChan } from './hchan';

export interface SliceV { readonly k: 'slice'; arr: Value[]; readonly off: number; readonly len: number; readonly cap: number; readonly nil: boolean }
export interface FuncV { readonly k: 'func'; readonly def: FuncDef; readonly scope: unknown; readonly name: string }
export interface PkgFuncV { readonly k: 'pkgfunc'; readonly name: string }
export interface ErrorV { readonly k: 'error'; readonly msg: string; readonly runtime: boolean }
export interface WaitGroupV { readonly k: 'wg'; counter: number; waiters: import('./hchan').G[]; readonly id: number }
export interface MutexV { readonly k: 'mutex'; locked: boolean; waiters: import('./hchan').G[]; readonly id: number }
export interface EmptyV { readonly k: 'empty' }
export interface TimeV { readonly k: 'time'; readonly ns: number }
export interface BoundMethodV { readonly k: 'bound'; readonly recv: Value; readonly name: string }

export type Value = number | string | boolean | null | SliceV | FuncV | PkgFuncV | HChan | ErrorV | WaitGroupV | MutexV | EmptyV | TimeV | BoundMethodV;

export const EMPTY: EmptyV = { k: 'empty' };

/** A Go panic unwinding a goroutine. `link` is the panic that was in progress when this one started. */
export class GoPanic {
  link?: GoPanic;
  recovered = false;
  constructor(readonly value: Value, readonly line: number) {}
}

/** A fatal runtime error (runtime.throw / fatal): not recoverable. */
export class GoFatal {
  constructor(readonly message: string) {}
}

/** The program used something outside the supported subset, found while running. */
export class RunError extends Error {
  constructor(readonly line: number, readonly col: number, readonly detail: string) {
    super(`${line}:${col}: ${detail}`);
  }
}

export function runtimeError(msg: string): ErrorV {
  return { k: 'error', msg, runtime: true };
}

export function zeroValue(t: GoType | undefined): Value {
  if (!t) return null;
  switch (t.k) {
    case 'int': case 'duration': return 0;
    case 'string': return '';
    case 'bool': return false;
    case 'empty': return EMPTY;
    case 'slice': return { k: 'slice', arr: [], off: 0, len: 0, cap: 0, nil: true };
    default: return null;
  }
}

export function typeName(t: GoType | undefined): string {
  if (!t) return 'interface {}';
  switch (t.k) {
    case 'slice': return `[]${typeName(t.elem)}`;
    case 'chan': return `${t.dir === 'recv' ? '<-chan' : t.dir === 'send' ? 'chan<-' : 'chan'} ${typeName(t.elem)}`;
    case 'ptr': return `*${typeName(t.elem)}`;
    case 'func': return `func(${t.params.map(typeName).join(', ')})${t.results.length === 1 ? ' ' + typeName(t.results[0]) : t.results.length ? ` (${t.results.map(typeName).join(', ')})` : ''}`;
    case 'empty': return 'struct {}';
    case 'any': return 'interface {}';
    case 'wg': return 'sync.WaitGroup';
    case 'mutex': return 'sync.Mutex';
    case 'duration': return 'time.Duration';
    default: return t.k;
  }
}

/** The dynamic type of a value as %T prints it (approximate for values whose static type we do not track). */
export function dynamicTypeName(v: Value): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'number': return 'int';
    case 'string': return 'string';
    case 'boolean': return 'bool';
  }
  switch (v.k) {
    case 'slice': return v.arr.length && v.len ? `[]${dynamicTypeName(v.arr[v.off])}` : '[]int';
    case 'chan': return typeName({ k: 'chan', dir: 'both', elem: v.elemType });
    case 'error': return v.runtime ? 'runtime.Error' : '*errors.errorString';
    case 'empty': return 'struct {}';
    case 'func': case 'pkgfunc': case 'bound': return 'func()';
    case 'wg': return '*sync.WaitGroup';
    case 'mutex': return '*sync.Mutex';
    case 'time': return 'time.Time';
  }
}

/** A fake but stable address for reference values that fmt prints as pointers. */
function address(id: number): string {
  return `0xc0000${(0x12000 + id * 0x60).toString(16)}`;
}

/** fmt's %v for one value (as Println and Sprint print operands). */
export function formatV(v: Value, line = 0): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'number': return String(v);
    case 'string': return v;
    case 'boolean': return v ? 'true' : 'false';
  }
  switch (v.k) {
    case 'slice': {
      const parts: string[] = [];
      for (let i = 0; i < v.len; i++) parts.push(formatV(v.arr[v.off + i], line));
      return `[${parts.join(' ')}]`;
    }
    case 'chan': return address(v.id);
    case 'error': return v.msg;
    case 'empty': return '{}';
    case 'func': case 'pkgfunc': case 'bound': return address(1000);
    case 'wg': return `&{{} {{} {} ${v.counter}} 0}`;
    case 'mutex': return `&{${v.locked ? 1 : 0} 0}`;
    case 'time': throw new RunError(line, 1, 'unsupported: printing a time.Time value');
  }
}

export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

export function sprintln(args: readonly Value[], line = 0): string {
  return args.map((a) => formatV(a, line)).join(' ') + '\n';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly Value[], line = 0): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(args[i], line);
  }
  return out;
}

function pad(s: string, width: number | undefined, minus: boolean, zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (minus) return s + ' '.repeat(width - s.length);
  if (zero) {
    const neg = s.startsWith('-');
    const digits = neg ? s.slice(1) : s;
    return (neg ? '-' : '') + '0'.repeat(width - s.length) + digits;
  }
  return ' '.repeat(width - s.length) + s;
}

function badVerb(verb: string, v: Value, line: number): string {
  return `%!${verb}(${v === null ? '<nil>' : `${dynamicTypeName(v)}=${formatV(v, line)}`})`;
}

function formatVerb(verb: string, v: Value, line: number): string {
  if (v !== null && typeof v === 'object' && v.k === 'slice' && verb !== 'v' && verb !== 'T') {
    const parts: string[] = [];
    for (let i = 0; i < v.len; i++) parts.push(formatVerb(verb, v.arr[v.off + i], line));
    return `[${parts.join(' ')}]`;
  }
  switch (verb) {
    case 'v': return formatV(v, line);
    case 'T': return dynamicTypeName(v);
    case 'd': return typeof v === 'number' ? String(v) : badVerb(verb, v, line);
    case 's': return typeof v === 'string' ? v : v !== null && typeof v === 'object' && v.k === 'error' ? v.msg : badVerb(verb, v, line);
    case 't': return typeof v === 'boolean' ? String(v) : badVerb(verb, v, line);
    case 'q':
      if (typeof v === 'string') return goQuote(v);
      if (v !== null && typeof v === 'object' && v.k === 'error') return goQuote(v.msg);
      if (typeof v === 'number') return `'${v === 39 ? "\\'" : String.fromCodePoint(v)}'`;
      return badVerb(verb, v, line);
    case 'c': return typeof v === 'number' ? String.fromCodePoint(v) : badVerb(verb, v, line);
    case 'x': return typeof v === 'number' ? (v < 0 ? '-' + (-v).toString(16) : v.toString(16)) : typeof v === 'string' ? [...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0')).join('') : badVerb(verb, v, line);
    default: return badVerb(verb, v, line);
  }
}

/** fmt.Sprintf for the verbs %v %d %s %t %q %c %x %T %% with optional -, 0 flags and a width. */
export function sprintf(format: string, args: readonly Value[], line = 0): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') { out += c; continue; }
    i++;
    let minus = false;
    let zero = false;
    let plus = false;
    while (i < format.length && '-0+ #'.includes(format[i])) {
      if (format[i] === '-') minus = true;
      else if (format[i] === '0') zero = true;
      else if (format[i] === '+') plus = true;
      i++;
    }
    let width: number | undefined;
    while (i < format.length && /[0-9]/.test(format[i])) { width = (width ?? 0) * 10 + Number(format[i]); i++; }
    if (i >= format.length) { out += '%!(NOVERB)'; break; }
    const verb = format[i];
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const v = args[argi++];
    let s = formatVerb(verb, v, line);
    if (plus && verb === 'v' && false) s = '+' + s;
    if (plus && verb === 'd' && typeof v === 'number' && v >= 0) s = '+' + s;
    out += pad(s, width, minus, zero && !minus && (verb === 'd' || verb === 'x'));
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => (a === null ? '<nil>' : `${dynamicTypeName(a)}=${formatV(a, line)}`)).join(', ') + ')';
  }
  return out;
}

/** What Go prints after "panic: " for a panic value (runtime/error.go printpanicval; errors print Error()). */
export function panicValueText(v: Value): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v.k === 'error') return v.msg;
  return `(${dynamicTypeName(v)}) ${formatV(v)}`;
}

/** Go's growslice capacity rule (runtime/slice.go, threshold 256) rounded up to a malloc size class. */
const SIZE_CLASSES = [0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768];
export function growCap(oldCap: number, needed: number, elemSize: number): number {
  let newcap = oldCap;
  const doublecap = newcap + newcap;
  if (needed > doublecap) newcap = needed;
  else {
    const threshold = 256;
    if (oldCap < threshold) newcap = doublecap;
    else {
      while (newcap < needed) newcap += (newcap + 3 * threshold) >> 2;
    }
  }
  const bytes = newcap * elemSize;
  let rounded = bytes;
  if (bytes <= 32768) rounded = SIZE_CLASSES.find((s) => s >= bytes) ?? bytes;
  else rounded = Math.ceil(bytes / 8192) * 8192;
  return Math.floor(rounded / elemSize);
}
