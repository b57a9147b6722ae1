/**
 * The compile-time checks Go makes that change what a program "prints": an import that is not used
 * and a local variable that is declared and never used are compile errors (The Go Programming
 * Language Specification, "Import declarations" and "Variable declarations": "Implementation
 * restriction: A compiler may make it illegal to declare a variable inside a function body if the
 * variable is never used" — gc does). Messages follow cmd/compile (Go 1.20+ wording).
 * Names that are not declared anywhere are reported as `undefined: x`.
 */
import type { Block, Expr, FuncDef, Pos, Program, Stmt } from './ast';
import { GoSyntaxError } from './lexer';

interface VarInfo { used: boolean; pos: Pos; reported: boolean }
type Scope = Map<string, VarInfo | null>; // null: declared but exempt (params, results, globals, funcs)

const PREDECLARED = new Set(['true', 'false', 'nil', 'iota', 'len', 'cap', 'append', 'make', 'close', 'panic', 'recover']);

class Checker {
  private scopes: Scope[] = [];
  private usedPkgs = new Set<string>();
  private errors: GoSyntaxError[] = [];

  constructor(private readonly program: Program) {}

  run(): void {
    const top: Scope = new Map();
    for (const name of this.program.funcs.keys()) top.set(name, null);
    for (const g of this.program.globals) if (g.k === 'var') for (const n of g.names) top.set(n, null);
    this.scopes.push(top);
    for (const g of this.program.globals) if (g.k === 'var') for (const v of g.values) this.expr(v);
    for (const fn of this.program.funcs.values()) this.func(fn);
    for (const p of this.program.typePkgs ?? []) this.usedPkgs.add(p);
    for (const path of this.program.imports) {
      if (!this.usedPkgs.has(path)) {
        const pos = this.program.importPos?.get(path) ?? { line: 1, col: 1 };
        this.errors.push(new GoSyntaxError(pos.line, pos.col, `"${path}" imported and not used`));
      }
    }
    if (this.errors.length) {
      this.errors.sort((a, b) => a.line - b.line || a.col - b.col);
      throw this.errors[0];
    }
  }

  private func(fn: FuncDef): void {
    const s: Scope = new Map();
    for (const p of fn.params) s.set(p.name, null);
    for (const r of fn.results) if (r.name) s.set(r.name, null);
    this.scopes.push(s);
    this.block(fn.body.stmts);
    this.pop();
  }

  private pop(): void {
    const s = this.scopes.pop() as Scope;
    for (const [name, info] of s) {
      if (info && !info.used && !info.reported && name !== '_') {
        info.reported = true;
        this.errors.push(new GoSyntaxError(info.pos.line, info.pos.col, `declared and not used: ${name}`));
      }
    }
  }

  private declare(name: string, pos: Pos): void {
    if (name === '_') return;
    this.scopes[this.scopes.length - 1].set(name, { used: false, pos, reported: false });
  }

  private use(name: string, pos: Pos): void {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      if (s.has(name)) {
        const info = s.get(name);
        if (info) info.used = true;
        return;
      }
    }
    if (PREDECLARED.has(name)) return;
    this.errors.push(new GoSyntaxError(pos.line, pos.col, `undefined: ${name}`));
  }

  /** An assignment target: not a use, but it must exist. */
  private target(e: Expr): void {
    if (e.k === 'ident') {
      if (e.name === '_') return;
      for (let i = this.scopes.length - 1; i >= 0; i--) if (this.scopes[i].has(e.name)) return;
      this.errors.push(new GoSyntaxError(e.line, e.col, `undefined: ${e.name}`));
      return;
    }
    this.expr(e);
  }

  private block(stmts: readonly Stmt[], fresh = false): void {
    if (fresh) this.scopes.push(new Map());
    for (const s of stmts) this.stmt(s);
    if (fresh) this.pop();
  }

  private body(b: Block): void {
    this.block(b.stmts, true);
  }

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'expr': this.expr(s.x); break;
      case 'send': this.expr(s.ch); this.expr(s.value); break;
      case 'incdec': this.target(s.x); break;
      case 'assign':
        for (const r of s.rhs) this.expr(r);
        for (const l of s.lhs) (s.op === '=' ? this.target(l) : this.expr(l));
        break;
      case 'define': {
        for (const r of s.rhs) this.expr(r);
        const cur = this.scopes[this.scopes.length - 1];
        s.names.forEach((n, i) => {
          if (!cur.has(n)) this.declare(n, s.namePos?.[i] ?? s);
        });
        break;
      }
      case 'var':
        for (const v of s.values) this.expr(v);
        for (const n of s.names) this.declare(n, s);
        break;
      case 'go': case 'defer': this.expr(s.call); break;
      case 'return': for (const v of s.values) this.expr(v); break;
      case 'if':
        this.scopes.push(new Map());
        if (s.init) this.stmt(s.init);
        this.expr(s.cond);
        this.body(s.then);
        if (s.else) this.stmt(s.else);
        this.pop();
        break;
      case 'for':
        this.scopes.push(new Map());
        if (s.init) this.stmt(s.init);
        if (s.cond) this.expr(s.cond);
        if (s.post) this.stmt(s.post);
        this.body(s.body);
        this.pop();
        break;
      case 'range':
        this.expr(s.x);
        this.scopes.push(new Map());
        for (const t of [s.key, s.value]) {
          if (!t) continue;
          if (s.define && t.k === 'ident') this.declare(t.name, t);
          else this.target(t);
        }
        this.body(s.body);
        this.pop();
        break;
      case 'switch':
        this.scopes.push(new Map());
        if (s.init) this.stmt(s.init);
        if (s.tag) this.expr(s.tag);
        for (const c of s.cases) {
          for (const e of c.exprs ?? []) this.expr(e);
          this.block(c.body, true);
        }
        this.pop();
        break;
      case 'select':
        for (const c of s.cases) {
          this.scopes.push(new Map());
          if (c.comm) {
            this.expr(c.comm.ch);
            if (c.comm.kind === 'send') this.expr(c.comm.value);
            else for (const l of c.comm.lhs) {
              if (c.comm.define && l.k === 'ident') this.declare(l.name, l);
              else this.target(l);
            }
          }
          this.block(c.body);
          this.pop();
        }
        break;
      case 'block':
        this.block(s.block.stmts, !(s as { flat?: boolean }).flat);
        break;
      default:
        break;
    }
  }

  private expr(e: Expr): void {
    switch (e.k) {
      case 'ident': this.use(e.name, e); break;
      case 'binary': this.expr(e.x); this.expr(e.y); break;
      case 'unary': case 'recv': this.expr(e.x); break;
      case 'call': this.expr(e.fn); for (const a of e.args) this.expr(a); break;
      case 'builtin': for (const a of e.args) this.expr(a); break;
      case 'pkg': this.usedPkgs.add(e.pkg); break;
      case 'method': this.expr(e.x); break;
      case 'index': this.expr(e.x); this.expr(e.index); break;
      case 'slice': this.expr(e.x); if (e.lo) this.expr(e.lo); if (e.hi) this.expr(e.hi); break;
      case 'funcLit': this.func(e.fn); break;
      case 'composite': for (const x of e.elems) this.expr(x); break;
      case 'convert': if (e.type.k === 'duration') this.usedPkgs.add('time'); this.expr(e.x); break;
      default: break;
    }
  }
}

/** Throws a GoSyntaxError for the first unused import, unused variable or undefined name. */
export function checkProgram(program: Program): void {
  new Checker(program).run();
}
