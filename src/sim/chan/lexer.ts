/**
 * A Go tokenizer with line:column positions and the spec's automatic semicolon insertion
 * ("When the input is broken into tokens, a semicolon is automatically inserted into the token
 * stream immediately after a line's final token if that token is an identifier, a literal, one of
 * the keywords break, continue, fallthrough, return, or one of ++ -- ) ] }" — The Go Programming
 * Language Specification, "Semicolons").
 *
 * Written for this simulator rather than reusing src/hover/goTokens.ts (they share the keyword
 * and operator tables, src/shared/goLexicon.ts) because the parser needs
 * positions, semicolon insertion and errors for unterminated literals, which the hover tokenizer
 * deliberately tolerates.
 */

import { GO_KEYWORDS, GO_OPERATORS } from '../../shared/goLexicon';

export type TokKind = 'ident' | 'keyword' | 'op' | 'int' | 'string' | 'rune' | 'float' | 'imag' | ';' | 'eof';

export interface Tok {
  readonly kind: TokKind;
  /** For strings and runes: the decoded value; otherwise the source text. */
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** True for a semicolon inserted at a newline (or end of file). */
  readonly auto?: boolean;
}

export class GoSyntaxError extends Error {
  constructor(readonly line: number, readonly col: number, readonly detail: string) {
    super(`${line}:${col}: ${detail}`);
  }
}

const SEMI_AFTER_KEYWORD = new Set(['break', 'continue', 'fallthrough', 'return']);
const SEMI_AFTER_OP = new Set(['++', '--', ')', ']', '}']);

function needsSemicolon(tok: Tok | undefined): boolean {
  if (!tok) return false;
  switch (tok.kind) {
    case 'ident': case 'int': case 'string': case 'rune': case 'float': case 'imag':
      return true;
    case 'keyword':
      return SEMI_AFTER_KEYWORD.has(tok.text);
    case 'op':
      return SEMI_AFTER_OP.has(tok.text);
    default:
      return false;
  }
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = src.length;
  const last = () => toks[toks.length - 1];
  const newline = (at: number) => {
    if (needsSemicolon(last())) toks.push({ kind: ';', text: '\n', line, col: at - lineStart + 1, auto: true });
  };
  while (i < n) {
    const c = src[i];
    const col = i - lineStart + 1;
    if (c === '\n') {
      newline(i);
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new GoSyntaxError(line, col, 'comment not terminated');
      const body = src.slice(i, end + 2);
      const nls = body.split('\n').length - 1;
      if (nls > 0) {
        // A general comment containing newlines acts like a newline.
        newline(i);
        line += nls;
        lineStart = i + body.lastIndexOf('\n') + 1;
      }
      i = end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(c) || c.charCodeAt(0) > 127) {
      let j = i + 1;
      while (j < n && (/[A-Za-z0-9_]/.test(src[j]) || src.charCodeAt(j) > 127)) j++;
      const word = src.slice(i, j);
      toks.push({ kind: GO_KEYWORDS.has(word) ? 'keyword' : 'ident', text: word, line, col });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i;
      let kind: TokKind = 'int';
      if (c === '0' && /[xXbBoO]/.test(src[i + 1] ?? '')) {
        j += 2;
        while (j < n && /[0-9a-fA-F_]/.test(src[j])) j++;
      } else {
        while (j < n && /[0-9_]/.test(src[j])) j++;
        if (src[j] === '.') { kind = 'float'; j++; while (j < n && /[0-9_]/.test(src[j])) j++; }
        if (/[eE]/.test(src[j] ?? '')) {
          kind = 'float';
          j++;
          if (src[j] === '+' || src[j] === '-') j++;
          while (j < n && /[0-9]/.test(src[j])) j++;
        }
      }
      if (src[j] === 'i') { kind = 'imag'; j++; }
      toks.push({ kind, text: src.slice(i, j), line, col });
      i = j;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new GoSyntaxError(line, col, 'raw string literal not terminated');
      const body = src.slice(i + 1, end).replace(/\r/g, '');
      toks.push({ kind: 'string', text: body, line, col });
      const nls = body.split('\n').length - 1;
      if (nls > 0) { line += nls; lineStart = i + 1 + src.slice(i + 1, end).lastIndexOf('\n') + 1; }
      i = end + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= n || src[j] === '\n') throw new GoSyntaxError(line, col, c === '"' ? 'string literal not terminated' : 'rune literal not terminated');
        const d = src[j];
        if (d === c) break;
        if (d === '\\') {
          const e = src[j + 1];
          if (e !== undefined && ESCAPES[e] !== undefined) { value += ESCAPES[e]; j += 2; continue; }
          const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
          if (hex) {
            const digits = src.slice(j + 2, j + 2 + hex);
            if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw new GoSyntaxError(line, j - lineStart + 1, 'invalid escape sequence');
            value += String.fromCodePoint(parseInt(digits, 16));
            j += 2 + hex;
            continue;
          }
          if (/[0-7]/.test(e ?? '')) {
            const digits = src.slice(j + 1, j + 4);
            if (!/^[0-7]{3}$/.test(digits)) throw new GoSyntaxError(line, j - lineStart + 1, 'invalid escape sequence');
            value += String.fromCharCode(parseInt(digits, 8));
            j += 4;
            continue;
          }
          throw new GoSyntaxError(line, j - lineStart + 1, 'unknown escape sequence');
        }
        value += d;
        j++;
      }
      if (c === "'" && [...value].length !== 1) throw new GoSyntaxError(line, col, 'rune literal must hold exactly one character');
      toks.push({ kind: c === '"' ? 'string' : 'rune', text: value, line, col });
      i = j + 1;
      continue;
    }
    const op = GO_OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new GoSyntaxError(line, col, `invalid character ${JSON.stringify(c)}`);
    toks.push(op === ';' ? { kind: ';', text: ';', line, col } : { kind: 'op', text: op, line, col });
    i += op.length;
  }
  newline(n);
  toks.push({ kind: 'eof', text: '', line, col: n - lineStart + 1 });
  return toks;
}
