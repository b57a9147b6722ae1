/**
 * A Go tokenizer, enough for hover tips: identifiers, keywords, operators, literals, comments.
 * Follows the lexical rules of the Go spec (comments, interpreted and raw strings, runes), so
 * nothing inside a comment or a string is ever mistaken for code. Pure and allocation-light.
 */
import { GO_KEYWORDS, GO_OPERATORS } from '../shared/goLexicon';

export type GoTokenKind = 'ident' | 'keyword' | 'op' | 'string' | 'rune' | 'number' | 'comment';

export interface GoToken {
  readonly kind: GoTokenKind;
  readonly text: string;
  /** Offsets into the source: [start, end). */
  readonly start: number;
  readonly end: number;
}

const OPERATOR_SET = new Set(GO_OPERATORS);

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{Nd}_]/u;

/** ASCII fast paths; other characters go through the Unicode classes of the spec. */
function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function tokenizeGo(source: string): GoToken[] {
  const tokens: GoToken[] = [];
  const n = source.length;
  let i = 0;
  const push = (kind: GoTokenKind, start: number, end: number) => tokens.push({ kind, text: source.slice(start, end), start, end });
  while (i < n) {
    const c = source[i];
    const code = source.charCodeAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '/' && source[i + 1] === '/') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      push('comment', start, i);
    } else if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      push('comment', start, i);
    } else if (c === '`') {
      const close = source.indexOf('`', i + 1);
      i = close < 0 ? n : close + 1;
      push('string', start, i);
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i = Math.min(n, i + 1);
      push(c === '"' ? 'string' : 'rune', start, i);
    } else if (isDigit(code) || (c === '.' && isDigit(source.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const k = source.charCodeAt(i);
        if (!(isAsciiLetter(k) || isDigit(k) || k === 46)) break;
        // exponents carry a sign: 1e-9, 0x1p+3
        if ((k === 101 || k === 69 || k === 112 || k === 80) && (source[i + 1] === '+' || source[i + 1] === '-')) i++;
        i++;
      }
      push('number', start, i);
    } else if (isAsciiLetter(code) || (code > 127 && IDENT_START.test(String.fromCodePoint(source.codePointAt(i)!)))) {
      i += code > 0xffff ? 2 : 1;
      while (i < n) {
        const k = source.charCodeAt(i);
        if (isAsciiLetter(k) || isDigit(k)) {
          i++;
          continue;
        }
        if (k < 128) break;
        const ch = String.fromCodePoint(source.codePointAt(i)!);
        if (!IDENT_PART.test(ch)) break;
        i += ch.length;
      }
      const text = source.slice(start, i);
      push(GO_KEYWORDS.has(text) ? 'keyword' : 'ident', start, i);
    } else {
      const length = OPERATOR_SET.has(source.substr(i, 3)) ? 3 : OPERATOR_SET.has(source.substr(i, 2)) ? 2 : 1;
      i += length;
      push('op', start, i);
    }
  }
  return tokens;
}

/** Index of the token that contains `offset` (a cursor just after a token counts), or -1. */
export function tokenAt(tokens: readonly GoToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
