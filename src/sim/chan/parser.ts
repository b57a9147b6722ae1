/**
 * A hand-written recursive-descent parser for the Go subset the channel simulator runs.
 *
 * There is no well-kept Go parser for JavaScript small enough for a webview bundle (the options are
 * tree-sitter-go, which needs a WASM runtime, or compiling go/parser with GopherJS/TinyGo), so this
 * follows the grammar of The Go Programming Language Specification directly. Anything outside the
 * subset is refused with `line:col: unsupported: <what>`; malformed input with `line:col: <message>`.
 */
import type { Block, CommClause, Expr, FuncDef, GoType, Program, Stmt } from './ast';
import { checkProgram } from './check';
import { GoSyntaxError, tokenize, type Tok } from './lexer';

export const MAX_PROGRAM_CHARS = 64 * 1024;

export class GoUnsupported extends GoSyntaxError {
  constructor(line: number, col: number, what: string) {
    super(line, col, `unsupported: ${what}`);
  }
}

const PACKAGES: Record<string, ReadonlySet<string>> = {
  fmt: new Set(['Println', 'Printf', 'Sprintf', 'Sprint', 'Sprintln', 'Print', 'Errorf']),
  time: new Set(['Sleep', 'After', 'Nanosecond', 'Microsecond', 'Millisecond', 'Second', 'Minute', 'Hour', 'Duration']),
  sync: new Set(['WaitGroup', 'Mutex']),
  errors: new Set(['New']),
};
/** Package functions that may block the calling goroutine. */
const BLOCKING_PKG = new Set(['time.Sleep']);
const BUILTINS = new Set(['len', 'cap', 'append', 'make', 'close', 'panic', 'recover']);
const UNSUPPORTED_BUILTINS = new Set(['new', 'copy', 'delete', 'min', 'max', 'clear', 'print', 'println', 'complex', 'real', 'imag']);
const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte', 'rune']);
const BINARY_PREC: Record<string, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3,
  '+': 4, '-': 4, '|': 4, '^': 4, '*': 5, '/': 5, '%': 5, '<<': 5, '>>': 5, '&': 5, '&^': 5,
};
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '&^=']);

export function parseProgram(src: string): Program {
  if (src.length > MAX_PROGRAM_CHARS) throw new GoSyntaxError(1, 1, `program too large (${src.length} characters; the limit is ${MAX_PROGRAM_CHARS})`);
  return new Parser(tokenize(src)).program();
}

/** A parse of `src` that never throws: the program or the `line:col` message. */
export function tryParseProgram(src: string): { ok: true; program: Program } | { ok: false; error: string; line: number; col: number } {
  try {
    return { ok: true, program: parseProgram(src) };
  } catch (e) {
    if (e instanceof GoSyntaxError) return { ok: false, error: e.message, line: e.line, col: e.col };
    return { ok: false, error: `1:1: ${e instanceof Error ? e.message : String(e)}`, line: 1, col: 1 };
  }
}

class Parser {
  private p = 0;
  private imports = new Set<string>();
  private importPos = new Map<string, { line: number; col: number }>();
  private typePkgs = new Set<string>();
  private depth = 0;
  private topName = '';
  private litCount = 0;

  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok { return this.toks[this.p]; }
  private peek(k = 1): Tok { return this.toks[Math.min(this.p + k, this.toks.length - 1)]; }
  private is(text: string): boolean { const t = this.tok; return (t.kind === 'op' || t.kind === 'keyword' || t.kind === ';') && t.text === text || (text === ';' && t.kind === ';'); }
  private next(): Tok { const t = this.tok; if (t.kind !== 'eof') this.p++; return t; }
  private fail(t: { line: number; col: number }, msg: string): never { throw new GoSyntaxError(t.line, t.col, msg); }
  private unsupported(t: { line: number; col: number }, what: string): never { throw new GoUnsupported(t.line, t.col, what); }
  private describe(t: Tok): string {
    if (t.kind === 'eof') return 'EOF';
    if (t.kind === ';') return t.auto ? 'newline' : 'semicolon';
    if (t.kind === 'string') return `literal ${JSON.stringify(t.text)}`;
    if (t.kind === 'int' || t.kind === 'float' || t.kind === 'rune') return `literal ${t.text}`;
    if (t.kind === 'ident') return `name ${t.text}`;
    if (t.kind === 'keyword') return `keyword ${t.text}`;
    return t.text;
  }
  private expect(text: string, context = ''): Tok {
    if (!this.is(text)) this.fail(this.tok, `syntax error: unexpected ${this.describe(this.tok)}, expected ${text}${context ? ` ${context}` : ''}`);
    return this.next();
  }
  private ident(): Tok {
    if (this.tok.kind !== 'ident') this.fail(this.tok, `syntax error: unexpected ${this.describe(this.tok)}, expected name`);
    return this.next();
  }
  private semi(context: string): void {
    if (this.is(')') || this.is('}')) return;
    if (this.tok.kind === ';') { this.next(); return; }
    this.fail(this.tok, `syntax error: unexpected ${this.describe(this.tok)} ${context}`);
  }
  private enter(t: Tok): void {
    if (++this.depth > 200) this.fail(t, 'nesting too deep');
  }

  program(): Program {
    const pk = this.tok;
    if (!this.is('package')) this.fail(pk, 'syntax error: package statement must be first');
    this.next();
    const name = this.ident();
    if (name.text !== 'main') this.unsupported(name, `package ${name.text} (only package main)`);
    this.semi('after package clause');
    while (this.is('import')) {
      this.next();
      const one = () => {
        if (this.tok.kind === 'ident' || this.is('.')) this.unsupported(this.tok, 'import alias');
        const path = this.tok;
        if (path.kind !== 'string') this.fail(path, `syntax error: unexpected ${this.describe(path)}, expected import path`);
        this.next();
        if (!PACKAGES[path.text]) this.unsupported(path, `import "${path.text}" (only fmt, sync, time, errors)`);
        if (this.imports.has(path.text)) this.fail(path, `${path.text} redeclared in this block`);
        this.imports.add(path.text);
        this.importPos.set(path.text, { line: path.line, col: path.col });
      };
      if (this.is('(')) {
        this.next();
        while (!this.is(')')) { one(); this.semi('in import declaration'); }
        this.next();
      } else one();
      this.semi('after import declaration');
    }
    const funcs = new Map<string, FuncDef>();
    const globals: Stmt[] = [];
    while ((this.tok as Tok).kind !== 'eof') {
      const t = this.tok;
      if (this.is('func')) {
        this.next();
        if (this.is('(')) this.unsupported(this.tok, 'methods');
        const name = this.ident();
        if (this.is('[')) this.unsupported(this.tok, 'generic functions');
        if (name.text === 'init') this.unsupported(name, 'func init');
        if (funcs.has(name.text)) this.fail(name, `${name.text} redeclared in this block`);
        this.topName = name.text;
        this.litCount = 0;
        const fn = this.signatureAndBody(name.text, t.line);
        funcs.set(name.text, fn);
      } else if (this.is('var') || this.is('const')) {
        globals.push(...this.varDecl());
      } else if (this.is('import')) {
        this.fail(t, 'syntax error: imports must appear before other declarations');
      } else if (this.is('type')) {
        this.unsupported(t, 'type declarations');
      } else {
        this.fail(t, `syntax error: non-declaration statement outside function body`);
      }
      if ((this.tok as Tok).kind !== 'eof') this.semi('after top level declaration');
    }
    if (!funcs.has('main')) this.fail(this.tok, 'function main is undeclared in the main package');
    const program: Program = { funcs, globals, imports: [...this.imports], importPos: this.importPos, typePkgs: this.typePkgs };
    checkProgram(program);
    return program;
  }

  private signatureAndBody(name: string, line: number): FuncDef {
    const sig = this.signature();
    if (!this.is('{')) this.fail(this.tok, 'missing function body');
    const body = this.block();
    return { name, ...sig, body, line };
  }

  private signature(): { params: FuncDef['params']; results: FuncDef['results']; variadic: boolean } {
    const { items, variadic } = this.paramList(true);
    const params = items.map((it) => ({ name: it.name ?? '_', type: it.type }));
    let results: FuncDef['results'] = [];
    if (this.is('(')) {
      const r = this.paramList(false);
      results = r.items.map((it) => ({ name: it.name, type: it.type }));
    } else if (this.startsType()) {
      results = [{ type: this.type() }];
    }
    return { params, results, variadic };
  }

  private startsType(): boolean {
    const t = this.tok;
    if (t.kind === 'ident') return true;
    return t.kind === 'op' && (t.text === '[' || t.text === '*' || t.text === '<-') || t.kind === 'keyword' && ['chan', 'func', 'struct', 'interface', 'map'].includes(t.text);
  }

  private paramList(allowVariadic: boolean): { items: { name?: string; type: GoType }[]; variadic: boolean } {
    this.expect('(');
    type Item = { name?: string; bare?: Tok; type?: GoType };
    const raw: Item[] = [];
    let variadic = false;
    while (!this.is(')')) {
      if (variadic) this.fail(this.tok, 'can only use ... with final parameter in list');
      const t = this.tok;
      const nx = this.peek();
      if (t.kind === 'ident' && (nx.text === ',' || nx.text === ')') && nx.kind !== 'string') {
        this.next();
        raw.push({ bare: t });
      } else if (t.kind === 'ident' && nx.text !== '.') {
        this.next();
        if (this.is('...')) {
          if (!allowVariadic) this.fail(this.tok, 'cannot use ... in result list');
          this.next();
          variadic = true;
          raw.push({ name: t.text, type: { k: 'slice', elem: this.type() } });
        } else raw.push({ name: t.text, type: this.type() });
      } else {
        if (this.is('...')) {
          if (!allowVariadic) this.fail(this.tok, 'cannot use ... in result list');
          this.next();
          variadic = true;
          raw.push({ type: { k: 'slice', elem: this.type() } });
        } else raw.push({ type: this.type() });
      }
      if (!this.is(')')) this.expect(',', 'in parameter list');
    }
    this.next();
    const named = raw.some((r) => r.name !== undefined);
    const items: { name?: string; type: GoType }[] = [];
    if (named) {
      let pendingType: GoType | undefined;
      for (let i = raw.length - 1; i >= 0; i--) {
        const r = raw[i];
        if (r.name !== undefined && r.type) { pendingType = r.type; items.unshift({ name: r.name, type: r.type }); }
        else if (r.bare && pendingType) items.unshift({ name: r.bare.text, type: pendingType });
        else this.fail(r.bare ?? this.tok, 'syntax error: mixed named and unnamed parameters');
      }
    } else {
      for (const r of raw) items.push({ type: r.type ?? this.namedType(r.bare as Tok) });
    }
    return { items, variadic };
  }

  private namedType(t: Tok): GoType {
    if (INT_TYPES.has(t.text)) return { k: 'int' };
    switch (t.text) {
      case 'string': return { k: 'string' };
      case 'bool': return { k: 'bool' };
      case 'error': return { k: 'error' };
      case 'any': return { k: 'any' };
      case 'float32': case 'float64': return this.unsupported(t, 'floating-point numbers');
      case 'complex64': case 'complex128': return this.unsupported(t, 'complex numbers');
    }
    return this.unsupported(t, `type ${t.text} (named types other than int, string, bool, error)`);
  }

  private type(): GoType {
    const t = this.tok;
    this.enter(t);
    try {
      if (t.kind === 'ident') {
        this.next();
        if (this.is('.')) {
          this.next();
          const sel = this.ident();
          const full = `${t.text}.${sel.text}`;
          if (!this.imports.has(t.text)) this.fail(t, `undefined: ${t.text}`);
          this.typePkgs.add(t.text);
          if (full === 'sync.WaitGroup') return { k: 'wg' };
          if (full === 'sync.Mutex') return { k: 'mutex' };
          if (full === 'time.Duration') return { k: 'duration' };
          return this.unsupported(t, `type ${full}`);
        }
        return this.namedType(t);
      }
      if (this.is('(')) { this.next(); const ty = this.type(); this.expect(')'); return ty; }
      if (this.is('*')) {
        this.next();
        const elem = this.type();
        if (elem.k !== 'wg' && elem.k !== 'mutex') this.unsupported(t, 'pointers (other than *sync.WaitGroup and *sync.Mutex)');
        return { k: 'ptr', elem };
      }
      if (this.is('[')) {
        this.next();
        if (!this.is(']')) this.unsupported(t, 'arrays (use a slice)');
        this.next();
        const elem = this.type();
        return { k: 'slice', elem };
      }
      if (this.is('<-')) {
        this.next();
        this.expect('chan');
        return { k: 'chan', dir: 'recv', elem: this.type() };
      }
      if (this.is('chan')) {
        this.next();
        if (this.is('<-')) { this.next(); return { k: 'chan', dir: 'send', elem: this.type() }; }
        return { k: 'chan', dir: 'both', elem: this.type() };
      }
      if (this.is('struct')) {
        this.next();
        this.expect('{');
        if (!this.is('}')) this.unsupported(t, 'structs with fields (only struct{})');
        this.next();
        return { k: 'empty' };
      }
      if (this.is('interface')) {
        this.next();
        this.expect('{');
        if (!this.is('}')) this.unsupported(t, 'interfaces with methods');
        this.next();
        return { k: 'any' };
      }
      if (this.is('func')) {
        this.next();
        const sig = this.signature();
        return { k: 'func', params: sig.params.map((p) => p.type), results: sig.results.map((r) => r.type), variadic: sig.variadic };
      }
      if (this.is('map')) this.unsupported(t, 'maps');
      return this.fail(t, `syntax error: unexpected ${this.describe(t)}, expected type`);
    } finally {
      this.depth--;
    }
  }

  private block(): Block {
    const open = this.expect('{');
    const stmts = this.stmtList();
    const close = this.expect('}');
    return { stmts, line: open.line, endLine: close.line };
  }

  private stmtList(): Stmt[] {
    const stmts: Stmt[] = [];
    while (!this.is('}') && !this.is('case') && !this.is('default') && this.tok.kind !== 'eof') {
      const s = this.stmt();
      if (s.k !== 'empty') stmts.push(s);
      if (this.is('}') || this.is('case') || this.is('default')) break;
      this.semi('at end of statement');
    }
    return stmts;
  }

  private stmt(): Stmt {
    const t = this.tok;
    const pos = { line: t.line, col: t.col };
    if (t.kind === ';') return { k: 'empty', ...pos };
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'var': case 'const': {
          const decls = this.varDecl();
          return decls.length === 1 ? decls[0] : { k: 'block', block: { stmts: decls, line: t.line, endLine: t.line }, ...pos, ...{ flat: true } } as Stmt;
        }
        case 'go': case 'defer': {
          this.next();
          const call = this.expr();
          if (call.k !== 'call' && call.k !== 'builtin') this.fail(call, `expression in ${t.text} must be function call`);
          if (call.k === 'builtin' && ['len', 'cap', 'append', 'make'].includes(call.name)) this.fail(call, `${t.text} discards result of ${call.name}`);
          return { k: t.text, call, ...pos };
        }
        case 'return': {
          this.next();
          const values = this.is(';') || this.is('}') ? [] : this.exprList();
          return { k: 'return', values, ...pos };
        }
        case 'if': return this.ifStmt();
        case 'for': return this.forStmt();
        case 'switch': return this.switchStmt();
        case 'select': return this.selectStmt();
        case 'break': case 'continue': {
          this.next();
          const label = this.tok.kind === 'ident' ? this.next().text : undefined;
          return { k: t.text, label, ...pos };
        }
        case 'goto': return this.unsupported(t, 'goto');
        case 'fallthrough': return this.unsupported(t, 'fallthrough');
        case 'type': return this.unsupported(t, 'type declarations');
        case 'func': break;
        default:
          if (t.text !== 'chan' && t.text !== 'struct' && t.text !== 'map' && t.text !== 'interface') this.fail(t, `syntax error: unexpected ${this.describe(t)}`);
      }
    }
    if (this.is('{')) return { k: 'block', block: this.block(), ...pos };
    if (t.kind === 'ident' && this.peek().text === ':' && this.peek().kind === 'op') {
      this.next();
      this.next();
      const target = this.tok;
      if (!(this.is('for') || this.is('select') || this.is('switch'))) this.unsupported(target, 'labels other than on for, switch and select');
      const s = this.stmt() as Stmt & { label?: string };
      return { ...s, label: t.text } as Stmt;
    }
    return this.simpleStmt(false).stmt;
  }

  private varDecl(): Stmt[] {
    const kw = this.next();
    const isConst = kw.text === 'const';
    const one = (): Stmt => {
      const first = this.tok;
      const names = [this.ident().text];
      while (this.is(',')) { this.next(); names.push(this.ident().text); }
      let type: GoType | undefined;
      if (!this.is('=')) type = this.type();
      let values: Expr[] = [];
      if (this.is('=')) { this.next(); values = this.exprList(); }
      else if (isConst) this.unsupported(first, 'const without a value (iota)');
      if (values.length && values.length !== names.length) {
        if (!(values.length === 1 && names.length === 2 && values[0].k === 'recv')) this.fail(first, `assignment mismatch: ${names.length} variables but ${values.length} value${values.length === 1 ? '' : 's'}`);
      }
      if (isConst && values.some((v) => v.k === 'ident' && v.name === 'iota')) this.unsupported(first, 'iota');
      return { k: 'var', names, type, values, isConst, line: first.line, col: first.col };
    };
    if (this.is('(')) {
      this.next();
      const out: Stmt[] = [];
      while (!this.is(')')) { out.push(one()); this.semi(`in ${kw.text} declaration`); }
      this.next();
      return out;
    }
    return [one()];
  }

  private simpleStmt(rangeOk: boolean, header = false): { stmt: Stmt; range?: boolean } {
    const t = this.tok;
    const pos = { line: t.line, col: t.col };
    if (rangeOk && this.is('range')) {
      this.next();
      const x = this.expr();
      return { stmt: { k: 'range', define: false, x, body: { stmts: [], line: 0, endLine: 0 }, ...pos }, range: true };
    }
    const lhs = this.exprList();
    const op = this.tok;
    if (op.kind === 'op') {
      if (op.text === ':=' || ASSIGN_OPS.has(op.text)) {
        this.next();
        if (rangeOk && this.is('range') && (op.text === ':=' || op.text === '=')) {
          this.next();
          const x = this.expr();
          if (lhs.length > 2) this.fail(lhs[2], 'range clause permits at most two iteration variables');
          if (op.text === ':=') for (const l of lhs) if (l.k !== 'ident') this.fail(l, `non-name ${this.exprText(l)} on left side of :=`);
          return { stmt: { k: 'range', key: lhs[0], value: lhs[1], define: op.text === ':=', x, body: { stmts: [], line: 0, endLine: 0 }, ...pos }, range: true };
        }
        const rhs = this.exprList();
        const twoFromRecv = lhs.length === 2 && rhs.length === 1 && rhs[0].k === 'recv';
        if (lhs.length !== rhs.length && !twoFromRecv && !(rhs.length === 1 && rhs[0].k === 'call')) {
          this.fail(op, `assignment mismatch: ${lhs.length} variable${lhs.length === 1 ? '' : 's'} but ${rhs.length} value${rhs.length === 1 ? '' : 's'}`);
        }
        if (op.text === ':=') {
          const names: string[] = [];
          for (const l of lhs) {
            if (l.k !== 'ident') this.fail(l, `non-name ${this.exprText(l)} on left side of :=`);
            names.push(l.name);
          }
          return { stmt: { k: 'define', names, rhs, namePos: lhs.map((l) => ({ line: l.line, col: l.col })), ...pos } };
        }
        if (op.text !== '=' && (lhs.length !== 1 || rhs.length !== 1)) this.fail(op, `assignment operation ${op.text} requires single-valued expressions`);
        for (const l of lhs) if (l.k !== 'ident' && l.k !== 'index') this.fail(l, `cannot assign to ${this.exprText(l)}`);
        return { stmt: { k: 'assign', lhs, op: op.text, rhs, ...pos } };
      }
      if (op.text === '++' || op.text === '--') {
        this.next();
        if (lhs.length !== 1) this.fail(op, `syntax error: unexpected ${op.text}, expected := or = or comma`);
        return { stmt: { k: 'incdec', x: lhs[0], op: op.text, ...pos } };
      }
      if (op.text === '<-') {
        this.next();
        if (lhs.length !== 1) this.fail(op, `syntax error: unexpected <-, expected := or = or comma`);
        const value = this.expr();
        return { stmt: { k: 'send', ch: lhs[0], value, ...pos } };
      }
    }
    if (lhs.length !== 1) this.fail(op, `syntax error: unexpected ${this.describe(op)}, expected := or = or comma`);
    const x = lhs[0];
    if (header) return { stmt: { k: 'expr', x, ...pos } };
    if (x.k !== 'call' && x.k !== 'builtin' && x.k !== 'recv') this.fail(x, `${this.exprText(x)} (value) is not used`);
    if (x.k === 'builtin' && ['len', 'cap', 'append', 'make'].includes(x.name)) this.fail(x, `${x.name}(...) (value) is not used`);
    return { stmt: { k: 'expr', x, ...pos } };
  }

  private exprText(e: Expr): string {
    switch (e.k) {
      case 'ident': return e.name;
      case 'lit': return typeof e.value === 'string' ? JSON.stringify(e.value) : String(e.value);
      default: return 'expression';
    }
  }

  private header(): Stmt | undefined {
    // An optional simple statement before the condition of if / switch.
    if (this.is('{')) return undefined;
    return this.simpleStmt(false, true).stmt;
  }

  private ifStmt(): Stmt {
    const t = this.next();
    this.enter(t);
    let init: Stmt | undefined;
    let cond: Expr;
    if (this.is('{')) this.fail(this.tok, 'missing condition in if statement');
    const first = this.tok.kind === ';' ? undefined : this.header();
    if (this.tok.kind === ';' && this.tok.auto && this.peek().text === '{') this.fail(this.tok, 'syntax error: unexpected newline, expected { after if clause');
    if (this.tok.kind === ';') {
      this.next();
      init = first;
      cond = this.expr();
    } else {
      if (!first || first.k !== 'expr') this.fail(first ?? this.tok, 'cannot use assignment as value; missing condition in if statement');
      cond = first.x;
    }
    const then = this.block();
    let els: Stmt | undefined;
    if (this.is('else')) {
      this.next();
      if (this.is('if')) els = this.ifStmt();
      else if (this.is('{')) { const b = this.tok; els = { k: 'block', block: this.block(), line: b.line, col: b.col }; }
      else this.fail(this.tok, 'else must be followed by if or statement block');
    }
    this.depth--;
    return { k: 'if', init, cond, then, else: els, line: t.line, col: t.col };
  }

  private forStmt(): Stmt {
    const t = this.next();
    this.enter(t);
    const pos = { line: t.line, col: t.col };
    let result: Stmt;
    if (this.is('{')) {
      result = { k: 'for', body: this.block(), ...pos };
    } else {
      let init: Stmt | undefined;
      let cond: Expr | undefined;
      let post: Stmt | undefined;
      const first = this.tok.kind === ';' ? undefined : this.simpleStmt(true, true);
      if (first?.range) {
        const r = first.stmt as Extract<Stmt, { k: 'range' }>;
        result = { ...r, body: this.block(), ...pos };
      } else if (this.is('{')) {
        if (!first || first.stmt.k !== 'expr') this.fail(first?.stmt ?? this.tok, 'expected for loop condition');
        result = { k: 'for', cond: first.stmt.x, body: this.block(), ...pos };
      } else {
        init = first?.stmt;
        if (init && init.k !== 'define' && init.k !== 'assign' && init.k !== 'incdec' && init.k !== 'expr' && init.k !== 'send') this.fail(init, 'invalid for loop init');
        if (this.tok.kind !== ';') this.fail(this.tok, `syntax error: expected for loop condition`);
        this.next();
        if (this.tok.kind !== ';') cond = this.expr();
        if (this.tok.kind !== ';') this.fail(this.tok, `syntax error: expected semicolon after for loop condition`);
        this.next();
        if (!this.is('{')) {
          post = this.simpleStmt(false).stmt;
          if (post.k === 'define') this.fail(post, 'cannot declare in post statement of for loop');
        }
        result = { k: 'for', init, cond, post, body: this.block(), ...pos };
      }
    }
    this.depth--;
    return result;
  }

  private switchStmt(): Stmt {
    const t = this.next();
    this.enter(t);
    let init: Stmt | undefined;
    let tag: Expr | undefined;
    if (!this.is('{')) {
      const first = this.tok.kind === ';' ? undefined : this.simpleStmt(false, true).stmt;
      if (this.tok.kind === ';') {
        this.next();
        init = first;
        if (!this.is('{')) tag = this.expr();
      } else {
        if (!first || first.k !== 'expr') this.fail(first ?? this.tok, 'switch expression must be an expression');
        tag = first.x;
      }
    }
    if (this.is('.')) this.unsupported(this.tok, 'type switches');
    this.expect('{');
    const cases: { exprs?: Expr[]; body: Stmt[]; line: number }[] = [];
    let sawDefault = false;
    while (!this.is('}')) {
      const c = this.tok;
      let exprs: Expr[] | undefined;
      if (this.is('case')) { this.next(); exprs = this.exprList(); }
      else if (this.is('default')) {
        if (sawDefault) this.fail(c, 'multiple defaults in switch');
        sawDefault = true;
        this.next();
      } else this.fail(c, `syntax error: unexpected ${this.describe(c)}, expected case or default or }`);
      this.expect(':');
      cases.push({ exprs, body: this.stmtList(), line: c.line });
    }
    this.next();
    this.depth--;
    return { k: 'switch', init, tag, cases, line: t.line, col: t.col };
  }

  private selectStmt(): Stmt {
    const t = this.next();
    this.enter(t);
    this.expect('{');
    const cases: CommClause[] = [];
    let sawDefault = false;
    while (!this.is('}')) {
      const c = this.tok;
      if (this.is('default')) {
        if (sawDefault) this.fail(c, 'multiple defaults in select');
        sawDefault = true;
        this.next();
        this.expect(':');
        cases.push({ body: this.stmtList(), line: c.line });
        continue;
      }
      if (!this.is('case')) this.fail(c, `syntax error: unexpected ${this.describe(c)}, expected case or default or }`);
      this.next();
      const s = this.simpleStmt(false).stmt;
      let comm: CommClause['comm'];
      if (s.k === 'send') comm = { kind: 'send', ch: s.ch, value: s.value };
      else if (s.k === 'expr' && s.x.k === 'recv') comm = { kind: 'recv', ch: s.x.x, lhs: [], define: false };
      else if ((s.k === 'define' || (s.k === 'assign' && s.op === '=')) && s.rhs.length === 1 && s.rhs[0].k === 'recv') {
        const rhs = s.rhs[0];
        const lhs: Expr[] = s.k === 'define' ? s.names.map((name) => ({ k: 'ident', name, line: s.line, col: s.col, sync: true })) : [...s.lhs];
        if (lhs.length > 2) this.fail(s, 'select case must be receive, send or assign recv');
        comm = { kind: 'recv', ch: rhs.x, lhs, define: s.k === 'define' };
      } else this.fail(s, 'select case must be receive, send or assign recv');
      this.expect(':');
      cases.push({ comm, body: this.stmtList(), line: c.line });
    }
    this.next();
    this.depth--;
    return { k: 'select', cases, line: t.line, col: t.col };
  }

  private exprList(): Expr[] {
    const list = [this.expr()];
    while (this.is(',')) { this.next(); list.push(this.expr()); }
    return list;
  }

  expr(prec = 1): Expr {
    let x = this.unary();
    for (;;) {
      const op = this.tok;
      const p = op.kind === 'op' ? BINARY_PREC[op.text] : undefined;
      if (p === undefined || p < prec) return x;
      this.next();
      const y = this.expr(p + 1);
      x = { k: 'binary', op: op.text, x, y, line: op.line, col: op.col, sync: !!(x.sync && y.sync) };
    }
  }

  private unary(): Expr {
    const t = this.tok;
    this.enter(t);
    try {
      if (t.kind === 'op') {
        if (t.text === '<-') {
          this.next();
          if (this.is('chan')) this.unsupported(t, 'channel type in expression position');
          const x = this.unary();
          return { k: 'recv', x, line: t.line, col: t.col, sync: false };
        }
        if (t.text === '-' || t.text === '+' || t.text === '!' || t.text === '^') {
          this.next();
          const x = this.unary();
          return { k: 'unary', op: t.text, x, line: t.line, col: t.col, sync: x.sync };
        }
        if (t.text === '&') {
          this.next();
          const x = this.unary();
          if (x.k !== 'ident') this.unsupported(t, 'taking the address of anything but a sync.WaitGroup or sync.Mutex variable');
          return { k: 'unary', op: '&', x, line: t.line, col: t.col, sync: true };
        }
        if (t.text === '*') this.unsupported(t, 'pointer dereference');
      }
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): Expr {
    let x = this.operand();
    for (;;) {
      const t = this.tok;
      if (this.is('.')) {
        this.next();
        if (this.is('(')) this.unsupported(t, 'type assertions');
        const name = this.ident();
        if (x.k === 'ident' && this.imports.has(x.name)) this.fail(t, 'internal: package selector');
        x = { k: 'method', x, name: name.text, line: name.line, col: name.col, sync: x.sync };
      } else if (this.is('[')) {
        this.next();
        let lo: Expr | undefined;
        if (!this.is(':')) lo = this.expr();
        if (this.is(':')) {
          this.next();
          const hi = this.is(']') ? undefined : this.expr();
          if (this.is(':')) this.unsupported(this.tok, 'full slice expressions');
          this.expect(']');
          x = { k: 'slice', x, lo, hi, line: t.line, col: t.col, sync: !!(x.sync && (lo?.sync ?? true) && (hi?.sync ?? true)) };
        } else {
          this.expect(']');
          if (!lo) this.fail(t, 'expected operand');
          x = { k: 'index', x, index: lo, line: t.line, col: t.col, sync: !!(x.sync && lo.sync) };
        }
      } else if (this.is('(')) {
        const { args, spread } = this.callArgs();
        const fnSync = x.k === 'method' ? x.name === 'Error' : false;
        x = { k: 'call', fn: x, args, spread, line: t.line, col: t.col, sync: fnSync && args.every((a) => a.sync) };
      } else if (this.is('{') && x.k === 'ident' && !this.imports.has(x.name)) {
        return x;
      } else return x;
    }
  }

  private callArgs(): { args: Expr[]; spread: boolean } {
    this.expect('(');
    const args: Expr[] = [];
    let spread = false;
    while (!this.is(')')) {
      args.push(this.expr());
      if (this.is('...')) { this.next(); spread = true; if (!this.is(')')) { if (this.is(',')) this.next(); if (!this.is(')')) this.fail(this.tok, 'can only use ... with final argument in list'); } break; }
      if (!this.is(')')) this.expect(',', 'in argument list');
    }
    this.next();
    return { args, spread };
  }

  private operand(): Expr {
    const t = this.tok;
    const pos = { line: t.line, col: t.col };
    switch (t.kind) {
      case 'int': {
        this.next();
        const clean = t.text.replace(/_/g, '');
        let v: number;
        if (/^0[0-7]+$/.test(clean)) v = parseInt(clean.slice(1), 8);
        else if (/^0[oO]/.test(clean)) v = parseInt(clean.slice(2), 8);
        else if (/^0[bB]/.test(clean)) v = parseInt(clean.slice(2), 2);
        else v = Number(clean);
        if (!Number.isSafeInteger(v)) this.unsupported(t, `integer constant ${t.text} (beyond 2^53)`);
        return { k: 'lit', value: v, ...pos, sync: true };
      }
      case 'float': case 'imag':
        return this.unsupported(t, 'floating-point numbers');
      case 'string':
        this.next();
        return { k: 'lit', value: t.text, ...pos, sync: true };
      case 'rune':
        this.next();
        return { k: 'lit', value: t.text.codePointAt(0) as number, ...pos, sync: true };
      case 'ident': {
        this.next();
        if (t.text === 'true' || t.text === 'false') return { k: 'lit', value: t.text === 'true', ...pos, sync: true };
        if (t.text === 'nil') return { k: 'nil', ...pos, sync: true };
        if (this.imports.has(t.text) && this.is('.')) {
          this.next();
          const name = this.ident();
          if (!PACKAGES[t.text].has(name.text)) this.unsupported(t, `${t.text}.${name.text}`);
          const full = `${t.text}.${name.text}`;
          if (full === 'sync.WaitGroup' || full === 'sync.Mutex') this.unsupported(t, `${full} as a value (declare it with var)`);
          if (full === 'time.Duration') {
            const ty: GoType = { k: 'duration' };
            this.expect('(');
            const x = this.expr();
            this.expect(')');
            return { k: 'convert', type: ty, x, ...pos, sync: x.sync };
          }
          const fn: Expr = { k: 'pkg', pkg: t.text, name: name.text, ...pos, sync: true };
          if (this.is('(')) {
            const c = this.tok;
            const { args, spread } = this.callArgs();
            return { k: 'call', fn, args, spread, line: c.line, col: c.col, sync: !BLOCKING_PKG.has(full) && args.every((a) => a.sync) };
          }
          return fn;
        }
        if (['fmt', 'sync', 'time', 'errors', 'os', 'strings', 'strconv', 'math', 'sort', 'context', 'runtime'].includes(t.text) && this.is('.')) {
          return this.fail(t, `undefined: ${t.text}`);
        }
        if (UNSUPPORTED_BUILTINS.has(t.text) && this.is('(')) this.unsupported(t, `built-in ${t.text}`);
        if (BUILTINS.has(t.text) && this.is('(')) return this.builtinCall(t);
        if ((INT_TYPES.has(t.text) || t.text === 'string' || t.text === 'bool') && this.is('(')) {
          const ty = this.namedType(t);
          this.expect('(');
          const x = this.expr();
          this.expect(')');
          return { k: 'convert', type: ty, x, ...pos, sync: x.sync };
        }
        if (t.text === 'float64' || t.text === 'float32') this.unsupported(t, 'floating-point numbers');
        return { k: 'ident', name: t.text, ...pos, sync: true };
      }
      case 'keyword':
        if (t.text === 'func') {
          this.next();
          // Go names closures after the enclosing function: main.main.func1, main.main.func2, …
          const fn = this.signatureAndBody(`${this.topName || 'glob'}.func${++this.litCount}`, t.line);
          return { k: 'funcLit', fn, ...pos, sync: true };
        }
        if (t.text === 'struct' || t.text === 'map' || t.text === 'chan' || t.text === 'interface') {
          const ty = this.type();
          return this.composite(ty, t);
        }
        break;
      case 'op':
        if (t.text === '(') {
          this.next();
          const x = this.expr();
          this.expect(')');
          return x;
        }
        if (t.text === '[') {
          const ty = this.type();
          return this.composite(ty, t);
        }
        break;
      default:
        break;
    }
    return this.fail(t, `syntax error: unexpected ${this.describe(t)}, expected expression`);
  }

  private composite(ty: GoType, t: Tok): Expr {
    if (!this.is('{')) {
      if (this.is('(')) {
        this.next();
        const x = this.expr();
        this.expect(')');
        return { k: 'convert', type: ty, x, line: t.line, col: t.col, sync: x.sync };
      }
      this.fail(this.tok, `syntax error: unexpected ${this.describe(this.tok)}, expected {`);
    }
    if (ty.k !== 'slice' && ty.k !== 'empty') this.unsupported(t, 'composite literals other than slices and struct{}{}');
    this.next();
    const elems: Expr[] = [];
    while (!this.is('}')) {
      const e = this.is('{') && ty.k === 'slice' && ty.elem.k === 'empty' ? this.composite(ty.elem, this.tok) : this.expr();
      if (this.is(':')) this.unsupported(this.tok, 'keyed composite literal elements');
      elems.push(e);
      if (!this.is('}')) {
        if (this.tok.kind === ';' && this.tok.auto) this.fail(this.tok, 'syntax error: unexpected newline in composite literal; possibly missing comma or }');
        this.expect(',', 'in composite literal');
      }
    }
    this.next();
    if (ty.k === 'empty' && elems.length) this.fail(t, 'too many values in struct{}{…}');
    return { k: 'composite', type: ty, elems, line: t.line, col: t.col, sync: elems.every((e) => e.sync) };
  }

  private builtinCall(t: Tok): Expr {
    const pos = { line: t.line, col: t.col };
    this.expect('(');
    if (t.text === 'make') {
      const type = this.type();
      if (type.k !== 'chan' && type.k !== 'slice') this.unsupported(t, 'make of anything but channels and slices');
      const args: Expr[] = [];
      while (this.is(',')) { this.next(); if (this.is(')')) break; args.push(this.expr()); }
      this.expect(')');
      if (type.k === 'chan' && args.length > 1) this.fail(t, 'invalid operation: make(chan) expects 1 or 2 arguments');
      if (type.k === 'slice' && args.length < 1) this.fail(t, `invalid operation: make(${'[]T'}) expects 2 or 3 arguments; found 1`);
      return { k: 'builtin', name: 'make', type, args, spread: false, ...pos, sync: args.every((a) => a.sync) };
    }
    this.p--;
    const { args, spread } = this.callArgs();
    const arity: Record<string, [number, number]> = { len: [1, 1], cap: [1, 1], close: [1, 1], panic: [1, 1], recover: [0, 0], append: [1, Infinity] };
    const [lo, hi] = arity[t.text];
    if (args.length < lo) this.fail(t, `not enough arguments for ${t.text}`);
    if (args.length > hi) this.fail(t, `too many arguments for ${t.text}`);
    return { k: 'builtin', name: t.text, args, spread, ...pos, sync: args.every((a) => a.sync) };
  }
}
