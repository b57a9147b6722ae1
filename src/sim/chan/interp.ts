/**
 * The interpreter and scheduler. Each goroutine is a JS generator over the syntax tree; it yields at
 * every statement (a scheduling point) and when it parks. The scheduler picks the next goroutine
 * uniformly at random among the runnable ones with a seeded PRNG (any interleaving Go's preemptive
 * scheduler could produce on parallel Ps), keeps a virtual clock for timers, and reports a deadlock
 * exactly when Go's checkdead does: no goroutine can run and no timer is pending.
 */
import type { Block, Expr, GoType, Program, Stmt } from './ast';
import {
  chanrecv, chanrecvWoken, chansend, chansendWoken, closechan, makechan, selectgo, selectgoWoken,
  type ChanEvent, type ChanHost, type G, type HChan, type SelectCase,
} from './hchan';
import { mulberry32 } from '../../shared/random';
import {
  EMPTY, GoFatal, GoPanic, RunError, formatV, growCap, panicValueText, runtimeError, sprint, sprintf, sprintln, zeroValue,
  type FuncV, type MutexV, type SliceV, type Value, type WaitGroupV,
} from './values';

export type OutcomeKind = 'exit' | 'panic' | 'deadlock' | 'fatal' | 'budget' | 'error';

export interface Outcome {
  readonly kind: OutcomeKind;
  readonly exitCode: number;
  /** The panic / fatal error message (without the "panic: " prefix), or the error text. */
  readonly message: string;
  /** What Go prints on stderr (panic trace, fatal error with goroutine list, "exit status 2"). */
  readonly stderr: string;
}

export interface MachineOptions {
  readonly seed: number;
  /** Scheduling steps before the run is stopped (default 2,000,000). */
  readonly maxSteps?: number;
  /** Record narrated events (default true). */
  readonly trace?: boolean;
  /** Keep at most this many events (oldest dropped; default 5000). */
  readonly maxEvents?: number;
  /** Output limit in characters (default 1 MB). */
  readonly maxOutput?: number;
}

type Ref = { v: Value };
type Scope = Record<string, Ref>;

interface Frame {
  readonly fn: string;
  readonly defers: (() => Generator<unknown, unknown, unknown>)[];
  /** This frame is a function called directly by the defer mechanism (recover works here). */
  readonly deferred: boolean;
  readonly results?: { name: string; type: GoType }[];
  readonly scope: Scope;
}

type Ctl = undefined | { readonly k: 'break' | 'continue'; readonly label?: string } | { readonly k: 'return'; readonly values: Value[] };
const BREAK: Ctl = { k: 'break' };
const CONTINUE: Ctl = { k: 'continue' };

interface Timer { when: number; seq: number; fire: () => void; readonly label: string }

export interface GoroutineView {
  readonly id: number;
  readonly state: G['state'];
  readonly line: number;
  readonly waitReason: string;
  readonly fn: string;
}

interface Goroutine extends G {
  gen: Generator<unknown, void, unknown>;
  panicking: GoPanic | undefined;
}

const MAX_SLICE = 1 << 20;

/** Whether a statement list declares variables directly (then it needs a scope of its own). Cached on the list. */
function declares(stmts: readonly Stmt[]): boolean {
  const c = stmts as { declares?: boolean };
  if (c.declares === undefined) c.declares = stmts.some((s) => s.k === 'define' || s.k === 'var');
  return c.declares;
}

/** Whether a subtree contains a function literal (only then are per-iteration loop variables observable). Cached on the node. */
function hasClosure(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const c = node as { hasClosure?: boolean; k?: string };
  if (c.hasClosure !== undefined) return c.hasClosure;
  let found = c.k === 'funcLit';
  if (!found) {
    for (const [key, v] of Object.entries(node)) {
      if (key !== 'hasClosure' && key !== 'declares' && v !== null && typeof v === 'object' && hasClosure(v)) { found = true; break; }
    }
  }
  c.hasClosure = found;
  return found;
}

export class Machine implements ChanHost {
  ops = 0;
  steps = 0;
  clock = 0;
  stdout = '';
  outcome: Outcome | undefined;
  readonly events: ChanEvent[] = [];
  readonly goroutines: Goroutine[] = [];
  readonly chans: HChan[] = [];
  private runq: Goroutine[] = [];
  private timers: Timer[] = [];
  private timerSeq = 0;
  private nextChanId = 1;
  private nextObjId = 1;
  private readonly rand: () => number;
  private cur: Goroutine | undefined;
  private lastRan: Goroutine | undefined;
  readonly trace: boolean;
  private readonly maxSteps: number;
  private readonly maxEvents: number;
  private readonly maxOutput: number;
  private readonly globals: Scope = Object.create(null) as Scope;
  private main!: Goroutine;

  constructor(private readonly program: Program, opts: MachineOptions) {
    this.rand = mulberry32(opts.seed);
    this.trace = opts.trace ?? true;
    this.maxSteps = opts.maxSteps ?? 2_000_000;
    this.maxEvents = opts.maxEvents ?? 5000;
    this.maxOutput = opts.maxOutput ?? 1 << 20;
    for (const [name, def] of program.funcs) this.globals[name] = { v: { k: 'func', def, scope: this.globals, name: `main.${name}` } };
    this.main = this.spawn(`main.main`, this.mainBody());
  }

  // ---- ChanHost ----
  ready(g: G): void {
    const gr = g as Goroutine;
    if (gr.state === 'done' || gr.state === 'runnable' || gr.state === 'running') return;
    gr.state = 'runnable';
    gr.waitReason = '';
    this.runq.push(gr);
    if (this.trace && this.cur && gr !== this.cur) this.event(this.cur, 'goready', null, { other: gr.id });
  }

  event(g: G, kind: string, c: HChan | null, args?: Record<string, string | number>): void {
    if (!this.trace) return;
    if (this.events.length >= this.maxEvents) this.events.shift();
    this.events.push({ step: this.steps, g: g.id, kind, ch: c ? c.name : undefined, line: g.line, args: args ?? {} });
  }

  randn(n: number): number {
    return Math.floor(this.rand() * n);
  }

  show(v: Value): string {
    return this.trace ? this.describe(v) : '';
  }

  describe(v: Value): string {
    try {
      const s = typeof v === 'string' ? JSON.stringify(v) : formatV(v);
      return s.length > 40 ? s.slice(0, 39) + '…' : s;
    } catch {
      return '?';
    }
  }

  // ---- public API ----
  get done(): boolean {
    return this.outcome !== undefined;
  }

  goroutineViews(): GoroutineView[] {
    // The goroutine that ran the last step is shown as running while it can still run.
    return this.goroutines.map((g) => ({ id: g.id, state: g === this.lastRan && g.state === 'runnable' && !this.outcome ? 'running' : g.state, line: g.line, waitReason: g.waitReason, fn: g.fn }));
  }

  /** Runs up to `n` scheduling steps; returns true while the program is still running. */
  run(n: number): boolean {
    for (let i = 0; i < n && !this.outcome; i++) this.step();
    return !this.outcome;
  }

  /** One scheduling step: fire due timers if nothing can run, else run one goroutine to its next yield. */
  step(): void {
    if (this.outcome) return;
    if (this.steps >= this.maxSteps) {
      this.finish('budget', 2, `step budget exhausted after ${this.steps} steps (the program may loop forever)`, '');
      return;
    }
    this.steps++;
    if (this.runq.length === 0) {
      if (this.timers.length === 0) { this.deadlock(); return; }
      // Advance the virtual clock to the earliest timer and fire every timer due then.
      let when = Infinity;
      for (const t of this.timers) if (t.when < when) when = t.when;
      this.clock = when;
      const due = this.timers.filter((t) => t.when === when).sort((a, b) => a.seq - b.seq);
      this.timers = this.timers.filter((t) => t.when !== when);
      for (const t of due) t.fire();
      return;
    }
    const idx = this.runq.length === 1 ? 0 : this.randn(this.runq.length);
    const g = this.runq[idx];
    this.runq[idx] = this.runq[this.runq.length - 1];
    this.runq.pop();
    g.state = 'running';
    this.cur = g;
    this.lastRan = g;
    try {
      const r = g.gen.next();
      if (r.done) {
        g.state = 'done';
        if (g === this.main) {
          if (this.trace) this.event(g, 'main.exit', null);
          this.finish('exit', 0, '', '');
        } else this.event(g, 'g.exit', null);
      } else if (g.state === 'running') {
        g.state = 'runnable';
        this.runq.push(g);
      }
    } catch (e) {
      this.crash(g, e);
    } finally {
      this.cur = undefined;
    }
  }

  private finish(kind: OutcomeKind, exitCode: number, message: string, stderr: string): void {
    this.outcome = { kind, exitCode, message, stderr };
    for (const g of this.goroutines) if (g.state === 'running') g.state = 'runnable';
  }

  private traceback(g: Goroutine, status: string, line?: number): string {
    return `goroutine ${g.id} [${status}]:\n${g.fn}(…)\n\tmain.go:${line ?? g.line}\n`;
  }

  private crash(g: Goroutine, e: unknown): void {
    if (e instanceof GoPanic) {
      const chain: GoPanic[] = [];
      for (let p: GoPanic | undefined = e; p; p = p.link) chain.unshift(p);
      let text = '';
      chain.forEach((p, i) => {
        text += `${i > 0 ? '\t' : ''}panic: ${panicValueText(p.value)}${p.recovered ? ' [recovered]' : ''}\n`;
      });
      const msg = panicValueText(e.value);
      if (this.trace) this.event(g, 'panic', null, { message: msg });
      g.state = 'running';
      this.finish('panic', 2, msg, `${text}\n${this.traceback(g, 'running', e.line || g.line)}exit status 2\n`);
      g.state = 'done';
    } else if (e instanceof GoFatal) {
      if (this.trace) this.event(g, 'fatal', null, { message: e.message });
      this.finish('fatal', 2, e.message, `fatal error: ${e.message}\n\n${this.traceback(g, 'running')}exit status 2\n`);
    } else if (e instanceof RunError) {
      this.finish('error', 2, e.message, e.message + '\n');
    } else {
      const m = e instanceof Error ? e.message : String(e);
      this.finish('error', 2, `${g.line}:1: internal error: ${m}`, m + '\n');
    }
  }

  private deadlock(): void {
    const msg = 'all goroutines are asleep - deadlock!';
    let dump = '';
    for (const g of this.goroutines) if (g.state !== 'done') dump += '\n' + this.traceback(g, g.waitReason || 'runnable');
    if (this.trace) this.event(this.main, 'deadlock', null);
    this.finish('deadlock', 2, msg, `fatal error: ${msg}\n${dump}exit status 2\n`);
  }

  private spawn(fn: string, gen: Generator<unknown, void, unknown>): Goroutine {
    const g: Goroutine = {
      id: this.goroutines.length + 1,
      state: 'runnable', waitReason: '', line: 0, fn, selectDone: false, param: null, waiting: [], gen, panicking: undefined,
    };
    this.goroutines.push(g);
    this.runq.push(g);
    return g;
  }

  private *mainBody(): Generator<unknown, void, unknown> {
    const g = this.cur as Goroutine;
    for (const s of this.program.globals) {
      const ctl = yield* this.execStmt(s, this.globals, { fn: 'main.init', defers: [], deferred: false, scope: this.globals });
      void ctl;
    }
    void g;
    const main = this.globals.main.v as FuncV;
    yield* this.callFunc(main, [], main.def.line, false);
    // main has returned; other goroutines may still run until the runtime calls exit(0).
    yield;
  }

  // ---- output ----
  private write(s: string, line: number): void {
    if (this.stdout.length + s.length > this.maxOutput) throw new RunError(line, 1, `output limit of ${this.maxOutput} characters exceeded`);
    this.stdout += s;
    if (this.trace && this.cur) this.event(this.cur, 'print', null, { text: s.length > 60 ? s.slice(0, 59) + '…' : s });
  }

  // ---- statements ----
  private *execBlock(stmts: readonly Stmt[], scope: Scope, fr: Frame): Generator<unknown, Ctl, unknown> {
    const g = this.cur as Goroutine;
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i];
      // Every statement is a scheduling point.
      g.line = s.line;
      yield;
      g.line = s.line;
      // Fast paths: statements that cannot block run without a generator of their own.
      switch (s.k) {
        case 'expr':
          if (s.x.sync) { this.evalSync(s.x, scope, fr, true); continue; }
          break;
        case 'incdec':
          this.incdec(s, scope, fr);
          continue;
        case 'assign':
          if (s.op !== '=' && s.rhs[0].sync && s.lhs[0].k === 'ident') {
            const ref = scope[s.lhs[0].name];
            if (!ref) throw new RunError(s.line, s.col, `undefined: ${s.lhs[0].name}`);
            ref.v = this.binary(s.op.slice(0, -1), ref.v, this.evalSync(s.rhs[0], scope, fr), s);
            continue;
          }
          break;
        case 'send':
          if (s.ch.sync && s.value.sync) {
            const c = this.chanOf(this.evalSync(s.ch, scope, fr), s.ch, 'send to');
            if (chansend(this, c, this.evalSync(s.value, scope, fr), g, true) === 'parked') {
              yield;
              chansendWoken(this, g);
            }
            continue;
          }
          break;
        default:
          break;
      }
      const ctl = yield* this.execStmt(s, scope, fr);
      if (ctl) return ctl;
    }
    return undefined;
  }

  private incdec(s: Extract<Stmt, { k: 'incdec' }>, scope: Scope, fr: Frame): void {
    if (s.x.k === 'ident') {
      const ref = scope[s.x.name];
      if (!ref) throw new RunError(s.x.line, s.x.col, `undefined: ${s.x.name}`);
      if (typeof ref.v !== 'number') throw new RunError(s.line, s.col, `invalid operation: ${s.op} on a non-integer`);
      ref.v = this.checkInt(ref.v + (s.op === '++' ? 1 : -1), s);
      return;
    }
    const ref = this.lref(s.x, scope, fr);
    const old = ref.get();
    if (typeof old !== 'number') throw new RunError(s.line, s.col, `invalid operation: ${s.op} on a non-integer`);
    ref.set(this.checkInt(old + (s.op === '++' ? 1 : -1), s));
  }

  private *execStmt(s: Stmt, scope: Scope, fr: Frame): Generator<unknown, Ctl, unknown> {
    const g = this.cur as Goroutine;
    g.line = s.line;
    switch (s.k) {
      case 'expr':
        if (s.x.sync) this.evalSync(s.x, scope, fr, true); else yield* this.evalMulti(s.x, scope, fr);
        return undefined;
      case 'send': {
        const c = this.chanOf(s.ch.sync ? this.evalSync(s.ch, scope, fr) : yield* this.eval(s.ch, scope, fr), s.ch, 'send to');
        const v = s.value.sync ? this.evalSync(s.value, scope, fr) : yield* this.eval(s.value, scope, fr);
        g.line = s.line;
        if (chansend(this, c, v, g, true) === 'parked') {
          yield;
          chansendWoken(this, g);
        }
        return undefined;
      }
      case 'incdec':
        this.incdec(s, scope, fr);
        return undefined;
      case 'define': {
        const vals = yield* this.evalRhs(s.rhs, s.names.length, scope, fr, s);
        let fresh = false;
        for (let i = 0; i < s.names.length; i++) {
          const name = s.names[i];
          if (name === '_') continue;
          if (Object.prototype.hasOwnProperty.call(scope, name)) scope[name].v = vals[i];
          else { scope[name] = { v: vals[i] }; fresh = true; }
          this.nameChan(vals[i], name);
        }
        if (!fresh && s.names.some((n) => n !== '_')) throw new RunError(s.line, s.col, 'no new variables on left side of :=');
        return undefined;
      }
      case 'assign': {
        if (s.op !== '=') {
          const ref = this.lref(s.lhs[0], scope, fr);
          const rhs = s.rhs[0].sync ? this.evalSync(s.rhs[0], scope, fr) : yield* this.eval(s.rhs[0], scope, fr);
          ref.set(this.binary(s.op.slice(0, -1), ref.get(), rhs, s));
          return undefined;
        }
        const refs = s.lhs.map((l) => (l.k === 'ident' && l.name === '_' ? undefined : this.lref(l, scope, fr)));
        const vals = yield* this.evalRhs(s.rhs, s.lhs.length, scope, fr, s);
        refs.forEach((r, i) => r?.set(vals[i]));
        s.lhs.forEach((l, i) => { if (l.k === 'ident') this.nameChan(vals[i], l.name); });
        return undefined;
      }
      case 'var': {
        let vals: Value[];
        if (s.values.length) vals = yield* this.evalRhs(s.values, s.names.length, scope, fr, s);
        else vals = s.names.map(() => this.zeroOf(s.type));
        for (let i = 0; i < s.names.length; i++) {
          if (s.names[i] === '_') continue;
          scope[s.names[i]] = { v: vals[i] };
          this.nameChan(vals[i], s.names[i]);
        }
        return undefined;
      }
      case 'go': {
        const { fn, args, name } = yield* this.prepareCall(s.call, scope, fr);
        const child = this.spawn(name, this.goBody(fn, args, s.call));
        if (this.trace) this.event(g, 'go', null, { other: child.id, fn: name });
        return undefined;
      }
      case 'defer': {
        const { fn, args } = yield* this.prepareCall(s.call, scope, fr);
        const call = s.call;
        fr.defers.push(() => this.invokeDeferred(fn, args, call));
        return undefined;
      }
      case 'return': {
        if (s.values.length === 0) {
          return { k: 'return', values: fr.results ? fr.results.map((r) => fr.scope[r.name]?.v ?? null) : [] };
        }
        const n = fr.results ? fr.results.length : s.values.length;
        const values = yield* this.evalRhs(s.values, n, scope, fr, s);
        if (fr.results) fr.results.forEach((r, i) => { if (fr.scope[r.name]) fr.scope[r.name].v = values[i]; });
        return { k: 'return', values };
      }
      case 'if': {
        const inner = s.init ? Object.create(scope) as Scope : scope;
        if (s.init) { const c = yield* this.execInline(s.init, inner, fr); if (c) return c; }
        const cond = s.cond.sync ? this.evalSync(s.cond, inner, fr) : yield* this.eval(s.cond, inner, fr);
        if (typeof cond !== 'boolean') throw new RunError(s.cond.line, s.cond.col, 'non-boolean condition in if statement');
        if (cond) return yield* this.execBlock(s.then.stmts, declares(s.then.stmts) ? Object.create(inner) as Scope : inner, fr);
        if (s.else) return yield* this.execStmt(s.else, inner, fr);
        return undefined;
      }
      case 'block': {
        if ((s as { flat?: boolean }).flat) return yield* this.execBlock(s.block.stmts, scope, fr);
        return yield* this.execBlock(s.block.stmts, Object.create(scope) as Scope, fr);
      }
      case 'for': return yield* this.execFor(s, scope, fr);
      case 'range': return yield* this.execRange(s, scope, fr);
      case 'switch': {
        const inner = Object.create(scope) as Scope;
        if (s.init) { const c = yield* this.execInline(s.init, inner, fr); if (c) return c; }
        const tag: Value = s.tag ? (s.tag.sync ? this.evalSync(s.tag, inner, fr) : yield* this.eval(s.tag, inner, fr)) : true;
        let chosen: (typeof s.cases)[number] | undefined;
        outer: for (const c of s.cases) {
          if (!c.exprs) continue;
          for (const e of c.exprs) {
            const v = e.sync ? this.evalSync(e, inner, fr) : yield* this.eval(e, inner, fr);
            if (this.equal(tag, v)) { chosen = c; break outer; }
          }
        }
        chosen ??= s.cases.find((c) => !c.exprs);
        if (!chosen) return undefined;
        const ctl = yield* this.execBlock(chosen.body, Object.create(inner) as Scope, fr);
        if (ctl && ctl.k === 'break' && (!ctl.label || ctl.label === s.label)) return undefined;
        return ctl;
      }
      case 'select': return yield* this.execSelect(s, scope, fr);
      case 'break': return s.label ? { k: 'break', label: s.label } : BREAK;
      case 'continue': return s.label ? { k: 'continue', label: s.label } : CONTINUE;
      case 'empty': return undefined;
    }
  }

  /** A simple statement in a header (if/switch/for init/post) runs without its own scheduling point. */
  private *execInline(s: Stmt, scope: Scope, fr: Frame): Generator<unknown, Ctl, unknown> {
    const g = this.cur as Goroutine;
    const line = g.line;
    if (s.k === 'incdec') { this.incdec(s, scope, fr); return undefined; }
    const ctl = yield* this.execStmt(s, scope, fr);
    g.line = line;
    return ctl;
  }

  private *execFor(s: Extract<Stmt, { k: 'for' }>, scope: Scope, fr: Frame): Generator<unknown, Ctl, unknown> {
    const g = this.cur as Goroutine;
    let iter = Object.create(scope) as Scope;
    const loopVars = s.init && s.init.k === 'define' ? s.init.names : [];
    const copyVars = loopVars.length > 0 && hasClosure(s);
    const bodyScope = declares(s.body.stmts);
    if (s.init) { const c = yield* this.execInline(s.init, iter, fr); if (c) return c; }
    let first = true;
    for (;;) {
      if (!first) {
        // Go 1.22: each iteration has its own copy of the loop variables; post runs on the new copy.
        if (copyVars) {
          const next = Object.create(scope) as Scope;
          for (const n of loopVars) if (n !== '_') next[n] = { v: iter[n].v };
          iter = next;
        }
        if (s.post) { const c = yield* this.execInline(s.post, iter, fr); if (c) return c; }
        g.line = s.line;
        // The back edge is a scheduling point only for an empty body (the body's statements already are).
        if (s.body.stmts.length === 0) yield;
      }
      first = false;
      g.line = s.line;
      if (s.cond) {
        const cond = s.cond.sync ? this.evalSync(s.cond, iter, fr) : yield* this.eval(s.cond, iter, fr);
        if (typeof cond !== 'boolean') throw new RunError(s.cond.line, s.cond.col, 'non-boolean condition in for statement');
        if (!cond) return undefined;
      }
      const ctl = yield* this.execBlock(s.body.stmts, bodyScope ? Object.create(iter) as Scope : iter, fr);
      if (ctl) {
        if (ctl.k === 'break' && (!ctl.label || ctl.label === s.label)) return undefined;
        if (ctl.k === 'continue' && (!ctl.label || ctl.label === s.label)) continue;
        return ctl;
      }
    }
  }

  private *execRange(s: Extract<Stmt, { k: 'range' }>, scope: Scope, fr: Frame): Generator<unknown, Ctl, unknown> {
    const g = this.cur as Goroutine;
    const x = s.x.sync ? this.evalSync(s.x, scope, fr) : yield* this.eval(s.x, scope, fr);
    const assign = (iter: Scope, k: Value, v: Value | undefined) => {
      const targets: [Expr | undefined, Value | undefined][] = [[s.key, k], [s.value, v]];
      for (const [t, val] of targets) {
        if (!t || val === undefined) continue;
        if (t.k === 'ident' && t.name === '_') continue;
        if (s.define) { if (t.k === 'ident') { iter[t.name] = { v: val }; this.nameChan(val, t.name); } }
        else this.lref(t, iter, fr).set(val);
      }
    };
    let first = true;
    const fresh = hasClosure(s.body) || declares(s.body.stmts);
    let shared: Scope | undefined;
    const newIter = (): Scope => (fresh ? Object.create(scope) as Scope : (shared ??= Object.create(scope) as Scope));
    const body = function* (this: Machine, iter: Scope): Generator<unknown, 'break' | 'continue' | Ctl, unknown> {
      const ctl = yield* this.execBlock(s.body.stmts, iter, fr);
      if (ctl) {
        if (ctl.k === 'break' && (!ctl.label || ctl.label === s.label)) return 'break';
        if (ctl.k === 'continue' && (!ctl.label || ctl.label === s.label)) return 'continue';
        return ctl;
      }
      return 'continue';
    };
    if (typeof x === 'number') {
      if (s.value) throw new RunError(s.line, s.col, 'range over an integer permits only one iteration variable');
      for (let i = 0; i < x; i++) {
        if (!first) { g.line = s.line; if (s.body.stmts.length === 0) yield; }
        first = false;
        const iter = newIter();
        assign(iter, i, undefined);
        const r = yield* body.call(this, iter);
        if (r === 'break') return undefined;
        if (r !== 'continue') return r;
      }
      return undefined;
    }
    if (x !== null && typeof x === 'object' && x.k === 'slice') {
      const n = x.len;
      for (let i = 0; i < n; i++) {
        if (!first) { g.line = s.line; if (s.body.stmts.length === 0) yield; }
        first = false;
        const iter = newIter();
        assign(iter, i, x.arr[x.off + i]);
        const r = yield* body.call(this, iter);
        if (r === 'break') return undefined;
        if (r !== 'continue') return r;
      }
      return undefined;
    }
    if (x === null || (typeof x === 'object' && x.k === 'chan')) {
      if (s.value) throw new RunError(s.line, s.col, 'range over a channel permits only one iteration variable');
      for (;;) {
        if (!first) { g.line = s.line; if (s.body.stmts.length === 0) yield; }
        first = false;
        g.line = s.line;
        let res = chanrecv(this, x, g, true);
        let value: Value;
        let ok: boolean;
        if (res.status === 'parked') {
          yield;
          const w = chanrecvWoken(this, g);
          value = w.value; ok = w.ok;
        } else if (res.status === 'ok') { value = res.value; ok = res.ok; }
        else { res = res as never; return undefined; }
        if (!ok) { this.event(g, 'range.closed', x); return undefined; }
        const iter = newIter();
        assign(iter, value, undefined);
        const r = yield* body.call(this, iter);
        if (r === 'break') return undefined;
        if (r !== 'continue') return r;
      }
    }
    if (typeof x === 'string') throw new RunError(s.x.line, s.x.col, 'unsupported: range over a string');
    throw new RunError(s.x.line, s.x.col, `cannot range over ${this.describe(x)}`);
  }

  private *execSelect(s: Extract<Stmt, { k: 'select' }>, scope: Scope, fr: Frame): Generator<unknown, Ctl, unknown> {
    const g = this.cur as Goroutine;
    const comms = s.cases.filter((c) => c.comm);
    const hasDefault = s.cases.some((c) => !c.comm);
    // Channel operands and sent values are evaluated once, in source order.
    const cases: SelectCase[] = [];
    for (const c of comms) {
      const comm = c.comm as NonNullable<typeof c.comm>;
      const ch = this.chanOf(comm.ch.sync ? this.evalSync(comm.ch, scope, fr) : yield* this.eval(comm.ch, scope, fr), comm.ch, comm.kind === 'send' ? 'send to' : 'receive from');
      if (comm.kind === 'send') {
        const value = comm.value.sync ? this.evalSync(comm.value, scope, fr) : yield* this.eval(comm.value, scope, fr);
        cases.push({ c: ch, dir: 'send', value });
      } else cases.push({ c: ch, dir: 'recv' });
    }
    g.line = s.line;
    let index = -1;
    let value: Value = null;
    let ok = true;
    if (comms.length === 0 && !hasDefault) {
      // select {} — block forever (runtime.block, waitReasonSelectNoCases).
      if (this.trace) this.event(g, 'select.empty', null);
      g.state = 'blocked-select';
      g.waitReason = 'select (no cases)';
      yield;
      return undefined;
    } else if (comms.length === 1 && !hasDefault) {
      // The compiler turns a one-case select into a plain channel operation (cmd/compile walk/select.go).
      const cas = cases[0];
      if (this.trace) this.event(g, 'select.single', cas.c);
      if (cas.dir === 'send') {
        if (chansend(this, cas.c, cas.value ?? null, g, true) === 'parked') { yield; chansendWoken(this, g); }
      } else {
        const r = chanrecv(this, cas.c, g, true);
        if (r.status === 'parked') { yield; const w = chanrecvWoken(this, g); value = w.value; ok = w.ok; }
        else if (r.status === 'ok') { value = r.value; ok = r.ok; }
      }
      index = 0;
    } else if (comms.length === 1 && hasDefault) {
      // selectnbsend / selectnbrecv: a non-blocking chansend / chanrecv.
      const cas = cases[0];
      if (this.trace) this.event(g, 'select.nonblocking', cas.c);
      if (cas.dir === 'send') {
        if (chansend(this, cas.c, cas.value ?? null, g, false) === 'ok') index = 0;
      } else {
        const r = chanrecv(this, cas.c, g, false);
        if (r.status === 'ok') { index = 0; value = r.value; ok = r.ok; }
      }
    } else if (comms.length === 0) {
      index = -1;
    } else {
      const r = selectgo(this, cases, g, !hasDefault);
      if (r.status === 'parked') {
        yield;
        const w = selectgoWoken(this, cases, g);
        index = w.index; value = w.value; ok = w.ok;
      } else if (r.status === 'ok') { index = r.index; value = r.value; ok = r.ok; }
    }
    const clause = index < 0 ? s.cases.find((c) => !c.comm) : comms[index];
    if (!clause) return undefined;
    const inner = Object.create(scope) as Scope;
    const comm = clause.comm;
    if (comm && comm.kind === 'recv' && comm.lhs.length) {
      const vals: Value[] = [value, ok];
      for (let i = 0; i < comm.lhs.length; i++) {
        const l = comm.lhs[i];
        if (l.k === 'ident' && l.name === '_') continue;
        if (comm.define && l.k === 'ident') { inner[l.name] = { v: vals[i] }; this.nameChan(vals[i], l.name); }
        else this.lref(l, scope, fr).set(vals[i]);
      }
    }
    const ctl = yield* this.execBlock(clause.body, inner, fr);
    if (ctl && ctl.k === 'break' && (!ctl.label || ctl.label === s.label)) return undefined;
    return ctl;
  }

  // ---- calls ----
  private *prepareCall(call: Expr, scope: Scope, fr: Frame): Generator<unknown, { fn: Value; args: Value[]; name: string }, unknown> {
    if (call.k === 'builtin') {
      const args: Value[] = [];
      for (const a of call.args) args.push(a.sync ? this.evalSync(a, scope, fr) : yield* this.eval(a, scope, fr));
      return { fn: { k: 'pkgfunc', name: `builtin.${call.name}` }, args, name: call.name };
    }
    if (call.k !== 'call') throw new RunError(call.line, call.col, 'expected a function call');
    let fn: Value;
    if (call.fn.k === 'method') {
      const recv = call.fn.x.sync ? this.evalSync(call.fn.x, scope, fr) : yield* this.eval(call.fn.x, scope, fr);
      fn = { k: 'bound', recv, name: call.fn.name };
    } else if (call.fn.k === 'pkg') fn = { k: 'pkgfunc', name: `${call.fn.pkg}.${call.fn.name}` };
    else fn = call.fn.sync ? this.evalSync(call.fn, scope, fr) : yield* this.eval(call.fn, scope, fr);
    const args = yield* this.evalArgs(call, scope, fr, fn);
    const name = fn !== null && typeof fn === 'object' && fn.k === 'func' ? fn.name : fn !== null && typeof fn === 'object' && fn.k === 'pkgfunc' ? fn.name : 'main.func';
    return { fn, args, name };
  }

  private *evalArgs(call: Extract<Expr, { k: 'call' }>, scope: Scope, fr: Frame, fn: Value): Generator<unknown, Value[], unknown> {
    if (call.args.length === 1 && call.args[0].k === 'call' && fn !== null && typeof fn === 'object' && fn.k === 'func' && fn.def.params.length > 1) {
      return yield* this.evalMulti(call.args[0], scope, fr);
    }
    const args: Value[] = [];
    for (const a of call.args) args.push(a.sync ? this.evalSync(a, scope, fr) : yield* this.eval(a, scope, fr));
    return args;
  }

  private *goBody(fn: Value, args: Value[], call: Expr): Generator<unknown, void, unknown> {
    yield* this.callValue(fn, args, call, false);
  }

  private *invokeDeferred(fn: Value, args: Value[], call: Expr): Generator<unknown, unknown, unknown> {
    return yield* this.callValue(fn, args, call, true);
  }

  private *callValue(fn: Value, args: Value[], at: Expr, deferred: boolean): Generator<unknown, Value[], unknown> {
    if (fn === null) throw new GoPanic(runtimeError('invalid memory address or nil pointer dereference'), at.line);
    if (typeof fn !== 'object') throw new RunError(at.line, at.col, `cannot call non-function ${this.describe(fn)}`);
    switch (fn.k) {
      case 'func': return yield* this.callFunc(fn, args, at.line, deferred, at.k === 'call' && at.spread);
      case 'pkgfunc': return yield* this.callPkg(fn.name, args, at);
      case 'bound': return yield* this.callMethod(fn.recv, fn.name, args, at);
      default: throw new RunError(at.line, at.col, `cannot call non-function ${this.describe(fn)}`);
    }
  }

  private *callFunc(fn: FuncV, args: Value[], line: number, deferred: boolean, spread = false): Generator<unknown, Value[], unknown> {
    const g = this.cur as Goroutine;
    const def = fn.def;
    const scope = Object.create(fn.scope as Scope) as Scope;
    const np = def.params.length;
    if (def.variadic && !spread) {
      const fixed = np - 1;
      if (args.length < fixed) throw new RunError(line, 1, `not enough arguments in call to ${fn.name}`);
      const rest = args.slice(fixed);
      args = [...args.slice(0, fixed), rest.length ? { k: 'slice', arr: rest, off: 0, len: rest.length, cap: rest.length, nil: false } : zeroValue({ k: 'slice', elem: { k: 'int' } })];
    }
    if (args.length !== np) throw new RunError(line, 1, `${args.length < np ? 'not enough' : 'too many'} arguments in call to ${fn.name}`);
    for (let i = 0; i < np; i++) {
      const p = def.params[i];
      let v = args[i];
      if ((p.type.k === 'wg' || p.type.k === 'mutex') && v !== null && typeof v === 'object' && (v.k === 'wg' || v.k === 'mutex')) v = this.copySync(v);
      if (p.name !== '_') { scope[p.name] = { v }; this.nameChan(v, p.name); }
    }
    const results = def.results.some((r) => r.name) ? def.results.map((r, i) => ({ name: r.name ?? `~r${i}`, type: r.type })) : undefined;
    if (results) for (const r of results) scope[r.name] = { v: zeroValue(r.type) };
    const fr: Frame = { fn: fn.name, defers: [], deferred, results, scope };
    const savedLine = g.line;
    let ret: Value[] = [];
    let panic: GoPanic | undefined;
    try {
      const ctl = yield* this.execBlock(def.body.stmts, scope, fr);
      if (ctl && ctl.k === 'return') ret = ctl.values;
      else if (def.results.length && !results) throw new RunError(def.body.endLine, 1, 'missing return');
      else if (results) ret = results.map((r) => scope[r.name].v);
    } catch (e) {
      if (!(e instanceof GoPanic)) throw e;
      panic = e;
    }
    // Run deferred calls, last in first out.
    while (fr.defers.length) {
      const d = fr.defers.pop() as () => Generator<unknown, unknown, unknown>;
      const before = g.panicking;
      g.panicking = panic;
      try {
        yield* d();
      } catch (e) {
        if (!(e instanceof GoPanic)) throw e;
        if (panic && e !== panic && !e.link) e.link = panic;
        panic = e;
      } finally {
        g.panicking = before;
      }
      if (panic && panic.recovered) {
        if (this.trace) this.event(g, 'recovered', null, { fn: fn.name });
        panic = undefined;
        ret = results ? results.map((r) => scope[r.name].v) : def.results.map((r) => zeroValue(r.type));
      }
    }
    // Back in the caller (a goroutine's first function has no caller line: keep the closing brace).
    g.line = savedLine || def.body.endLine;
    if (panic) throw panic;
    return ret;
  }

  private copySync(v: WaitGroupV | MutexV): WaitGroupV | MutexV {
    return v.k === 'wg' ? { k: 'wg', counter: v.counter, waiters: [], id: this.nextObjId++ } : { k: 'mutex', locked: v.locked, waiters: [], id: this.nextObjId++ };
  }

  private *callPkg(name: string, args: Value[], at: Expr): Generator<unknown, Value[], unknown> {
    const g = this.cur as Goroutine;
    switch (name) {
      case 'time.Sleep': {
        const d = this.intArg(args[0], at);
        if (d <= 0) return [];
        g.state = 'sleeping';
        g.waitReason = 'sleep';
        this.addTimer(this.clock + d, () => { this.ready(g); this.event(g, 'timer.sleepDone', null); }, `sleep G${g.id}`);
        if (this.trace) this.event(g, 'sleep', null, { d: this.durationText(d) });
        yield;
        return [];
      }
      default:
        return [this.callPkgSync(name, args, at)];
    }
  }

  private *callMethod(recv: Value, name: string, args: Value[], at: Expr): Generator<unknown, Value[], unknown> {
    const g = this.cur as Goroutine;
    if (recv !== null && typeof recv === 'object' && recv.k === 'wg') {
      switch (name) {
        case 'Add': this.wgAdd(recv, this.intArg(args[0], at), at); return [];
        case 'Done': this.wgAdd(recv, -1, at); return [];
        case 'Wait':
          if (recv.counter === 0) { this.event(g, 'wg.waitZero', null); return []; }
          recv.waiters.push(g);
          g.state = 'blocked-sync';
          g.waitReason = 'semacquire';
          if (this.trace) this.event(g, 'wg.wait', null, { n: recv.counter });
          yield;
          return [];
      }
    }
    if (recv !== null && typeof recv === 'object' && recv.k === 'mutex') {
      switch (name) {
        case 'Lock':
          if (!recv.locked) { recv.locked = true; this.event(g, 'mutex.lock', null); return []; }
          recv.waiters.push(g);
          g.state = 'blocked-sync';
          g.waitReason = 'sync.Mutex.Lock';
          if (this.trace) this.event(g, 'mutex.wait', null);
          yield;
          return [];
        case 'Unlock': {
          if (!recv.locked) throw new GoFatal('sync: unlock of unlocked mutex');
          const next = recv.waiters.shift();
          if (next) { this.event(g, 'mutex.handoff', null, { other: next.id }); this.ready(next); }
          else { recv.locked = false; this.event(g, 'mutex.unlock', null); }
          return [];
        }
      }
    }
    return [this.methodSync(recv, name, at)];
  }

  private methodSync(recv: Value, name: string, at: Expr): Value {
    if (recv !== null && typeof recv === 'object' && recv.k === 'error' && name === 'Error') return recv.msg;
    if (recv === null && name === 'Error') throw new GoPanic(runtimeError('invalid memory address or nil pointer dereference'), at.line);
    throw new RunError(at.line, at.col, `unsupported: method ${name} on ${recv === null ? 'nil' : this.describe(recv)}`);
  }

  private wgAdd(wg: WaitGroupV, delta: number, at: Expr): void {
    const g = this.cur as Goroutine;
    wg.counter += delta;
    if (wg.counter < 0) throw new GoPanic('sync: negative WaitGroup counter', at.line);
    if (this.trace) this.event(g, delta < 0 ? 'wg.done' : 'wg.add', null, { delta, n: wg.counter });
    if (wg.counter === 0 && wg.waiters.length) {
      const ws = wg.waiters.splice(0);
      for (const w of ws) this.ready(w);
    }
  }

  private durationText(ns: number): string {
    if (ns % 1e9 === 0) return `${ns / 1e9}s`;
    if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
    if (ns % 1e3 === 0) return `${ns / 1e3}µs`;
    return `${ns}ns`;
  }

  private addTimer(when: number, fire: () => void, label: string): void {
    this.timers.push({ when, seq: this.timerSeq++, fire, label });
  }

  /** Pending timers (for the panel). */
  timerViews(): { when: number; label: string }[] {
    return this.timers.map((t) => ({ when: t.when, label: t.label }));
  }

  private callPkgSync(name: string, args: Value[], at: Expr): Value {
    const g = this.cur as Goroutine;
    switch (name) {
      case 'fmt.Println': this.write(sprintln(args, at.line), at.line); return null;
      case 'fmt.Print': this.write(sprint(args, at.line), at.line); return null;
      case 'fmt.Printf': this.write(sprintf(this.strArg(args[0], at), args.slice(1), at.line), at.line); return null;
      case 'fmt.Sprintf': return sprintf(this.strArg(args[0], at), args.slice(1), at.line);
      case 'fmt.Sprint': return sprint(args, at.line);
      case 'fmt.Sprintln': return sprintln(args, at.line);
      case 'fmt.Errorf': return { k: 'error', msg: sprintf(this.strArg(args[0], at), args.slice(1), at.line), runtime: false };
      case 'errors.New': return { k: 'error', msg: this.strArg(args[0], at), runtime: false };
      case 'time.After': {
        const d = this.intArg(args[0], at);
        const c = makechan(this.nextChanId++, { k: 'any' }, 1);
        c.name = `time.After#${c.id}`;
        this.chans.push(c);
        // The timer's f is sendTime: a non-blocking send of the current time (time/sleep.go).
        const fireAt = this.clock + Math.max(0, d);
        this.addTimer(fireAt, () => {
          const timerG: G = { id: 0, state: 'running', waitReason: '', line: at.line, fn: 'time.sendTime', selectDone: false, param: null, waiting: [] };
          if (this.trace) this.event(timerG, 'timer.fire', c, { when: this.durationText(fireAt) });
          chansend(this, c, { k: 'time', ns: fireAt }, timerG, false);
        }, `time.After ${this.durationText(d)}`);
        if (this.trace) this.event(g, 'timer.after', c, { d: this.durationText(d) });
        return c;
      }
      case 'time.Nanosecond': return 1;
      case 'time.Microsecond': return 1e3;
      case 'time.Millisecond': return 1e6;
      case 'time.Second': return 1e9;
      case 'time.Minute': return 60e9;
      case 'time.Hour': return 3600e9;
      case 'time.Sleep': throw new RunError(at.line, at.col, 'time.Sleep used as a value');
      default:
        if (name.startsWith('builtin.')) return this.builtin(name.slice(8), args, at);
        throw new RunError(at.line, at.col, `unsupported: ${name}`);
    }
  }

  private strArg(v: Value, at: Expr): string {
    if (typeof v !== 'string') throw new RunError(at.line, at.col, `expected a string argument, got ${this.describe(v)}`);
    return v;
  }
  private intArg(v: Value, at: Expr): number {
    if (typeof v !== 'number') throw new RunError(at.line, at.col, `expected an integer argument, got ${this.describe(v)}`);
    return v;
  }

  private builtin(name: string, args: Value[], at: Expr, type?: GoType): Value {
    const g = this.cur as Goroutine;
    switch (name) {
      case 'len': case 'cap': {
        const v = args[0];
        if (typeof v === 'string') { if (name === 'cap') throw new RunError(at.line, at.col, 'invalid argument for cap: string'); return utf8Len(v); }
        if (v === null) return 0;
        if (typeof v === 'object' && v.k === 'slice') return name === 'len' ? v.len : v.cap;
        if (typeof v === 'object' && v.k === 'chan') return name === 'len' ? v.qcount : v.dataqsiz;
        throw new RunError(at.line, at.col, `invalid argument for ${name}: ${this.describe(v)}`);
      }
      case 'append': {
        const s = args[0];
        if (s === null || typeof s !== 'object' || s.k !== 'slice') throw new RunError(at.line, at.col, 'first argument to append must be a slice');
        let extra = args.slice(1);
        if (at.k === 'builtin' && at.spread) {
          const sp = extra[0];
          if (typeof sp === 'string') throw new RunError(at.line, at.col, 'unsupported: append of a string with ...');
          if (sp !== null && typeof sp === 'object' && sp.k === 'slice') extra = sp.arr.slice(sp.off, sp.off + sp.len);
          else extra = [];
        }
        const need = s.len + extra.length;
        if (need > MAX_SLICE) throw new RunError(at.line, at.col, `slice longer than ${MAX_SLICE} elements`);
        if (need <= s.cap) {
          for (let i = 0; i < extra.length; i++) s.arr[s.off + s.len + i] = extra[i];
          return { k: 'slice', arr: s.arr, off: s.off, len: need, cap: s.cap, nil: false };
        }
        const elemSize = typeof (extra[0] ?? s.arr[s.off]) === 'string' ? 16 : typeof (extra[0] ?? s.arr[s.off]) === 'boolean' ? 1 : 8;
        const cap = growCap(s.cap, need, elemSize);
        const arr = s.arr.slice(s.off, s.off + s.len).concat(extra);
        return { k: 'slice', arr, off: 0, len: need, cap, nil: false };
      }
      case 'make': {
        const t = type as GoType;
        if (t.k === 'chan') {
          const size = args.length ? this.intArg(args[0], at) : 0;
          let c: HChan;
          try { c = makechan(this.nextChanId++, t.elem, size); } catch (e) { if (e instanceof GoPanic) throw new GoPanic(e.value, at.line); throw e; }
          this.chans.push(c);
          if (this.trace) this.event(g, 'makechan', c, { size });
          return c;
        }
        if (t.k === 'slice') {
          const len = this.intArg(args[0], at);
          const cap = args.length > 1 ? this.intArg(args[1], at) : len;
          if (len < 0) throw new GoPanic(runtimeError('makeslice: len out of range'), at.line);
          if (cap < len) throw new GoPanic(runtimeError('makeslice: cap out of range'), at.line);
          if (cap > MAX_SLICE) throw new RunError(at.line, at.col, `slice longer than ${MAX_SLICE} elements`);
          const z = zeroValue(t.elem);
          return { k: 'slice', arr: new Array<Value>(cap).fill(z), off: 0, len, cap, nil: false };
        }
        throw new RunError(at.line, at.col, 'unsupported: make');
      }
      case 'close': closechan(this, this.chanOf(args[0], at, 'close'), g); return null;
      case 'panic': {
        const v = args[0];
        if (v === null) throw new RunError(at.line, at.col, 'unsupported: panic(nil) (its behaviour changed in Go 1.21)');
        throw new GoPanic(v, at.line);
      }
      case 'recover': return null;
      default: throw new RunError(at.line, at.col, `unsupported: built-in ${name}`);
    }
  }

  private chanOf(v: Value, at: Expr, what: string): HChan | null {
    if (v === null) return null;
    if (typeof v === 'object' && v.k === 'chan') return v;
    throw new RunError(at.line, at.col, `invalid operation: cannot ${what} non-channel ${this.describe(v)}`);
  }

  private nameChan(v: Value, name: string): void {
    if (v !== null && typeof v === 'object' && v.k === 'chan' && v.name.startsWith('ch#')) {
      // Channel names label the panel (hchan-<name>): a second channel first stored in the same name gets "#id".
      const old = v.name;
      v.name = this.chans.some((c) => c !== v && c.name === name) ? `${name}#${v.id}` : name;
      // The makechan event was recorded before the channel had a name.
      for (let i = this.events.length - 1; i >= Math.max(0, this.events.length - 8); i--) {
        const e = this.events[i];
        if (e.ch === old) this.events[i] = { ...e, ch: v.name };
      }
    }
  }

  private zeroOf(t: GoType | undefined): Value {
    if (t && t.k === 'wg') return { k: 'wg', counter: 0, waiters: [], id: this.nextObjId++ };
    if (t && t.k === 'mutex') return { k: 'mutex', locked: false, waiters: [], id: this.nextObjId++ };
    return zeroValue(t);
  }

  // ---- expressions ----
  private *evalRhs(rhs: readonly Expr[], n: number, scope: Scope, fr: Frame, at: { line: number; col: number }): Generator<unknown, Value[], unknown> {
    if (rhs.length === n) {
      const out: Value[] = [];
      for (const e of rhs) out.push(e.sync ? this.evalSync(e, scope, fr) : yield* this.eval(e, scope, fr));
      return out;
    }
    if (rhs.length === 1 && rhs[0].k === 'recv' && n === 2) {
      const e = rhs[0];
      const c = this.chanOf(e.x.sync ? this.evalSync(e.x, scope, fr) : yield* this.eval(e.x, scope, fr), e.x, 'receive from');
      return yield* this.recv(c);
    }
    if (rhs.length === 1) {
      const vals = yield* this.evalMulti(rhs[0], scope, fr);
      if (vals.length !== n) throw new RunError(at.line, at.col, `assignment mismatch: ${n} variables but ${vals.length} value${vals.length === 1 ? '' : 's'}`);
      return vals;
    }
    throw new RunError(at.line, at.col, `assignment mismatch: ${n} variables but ${rhs.length} values`);
  }

  private *recv(c: HChan | null): Generator<unknown, Value[], unknown> {
    const g = this.cur as Goroutine;
    const r = chanrecv(this, c, g, true);
    if (r.status === 'ok') return [r.value, r.ok];
    yield;
    const w = chanrecvWoken(this, g);
    return [w.value, w.ok];
  }

  /** Evaluates a call (or any expression) to all of its values. */
  private *evalMulti(e: Expr, scope: Scope, fr: Frame): Generator<unknown, Value[], unknown> {
    if (e.k === 'call') {
      if (e.fn.k === 'ident' && e.fn.name === 'recover' ) { /* shadowed recover is a normal call */ }
      const { fn, args } = yield* this.prepareCall(e, scope, fr);
      return yield* this.callValue(fn, args, e, false);
    }
    if (e.k === 'builtin' && e.name === 'recover') return [this.doRecover(fr)];
    return [e.sync ? this.evalSync(e, scope, fr) : yield* this.eval(e, scope, fr)];
  }

  private doRecover(fr: Frame): Value {
    const g = this.cur as Goroutine;
    const p = g.panicking;
    if (!fr.deferred || !p || p.recovered) return null;
    p.recovered = true;
    if (this.trace) this.event(g, 'recover', null, { value: this.describe(p.value) });
    return p.value;
  }

  private *eval(e: Expr, scope: Scope, fr: Frame): Generator<unknown, Value, unknown> {
    if (e.sync) return this.evalSync(e, scope, fr);
    switch (e.k) {
      case 'recv': {
        const c = this.chanOf(e.x.sync ? this.evalSync(e.x, scope, fr) : yield* this.eval(e.x, scope, fr), e.x, 'receive from');
        const [v] = yield* this.recv(c);
        return v;
      }
      case 'call': {
        const vals = yield* this.evalMulti(e, scope, fr);
        if (vals.length !== 1) throw new RunError(e.line, e.col, vals.length === 0 ? 'function call (no value) used as value' : 'multiple-value call in single-value context');
        return vals[0];
      }
      case 'binary': {
        const x = e.x.sync ? this.evalSync(e.x, scope, fr) : yield* this.eval(e.x, scope, fr);
        if (e.op === '&&') { if (x !== true) return false; return e.y.sync ? this.evalSync(e.y, scope, fr) : yield* this.eval(e.y, scope, fr); }
        if (e.op === '||') { if (x === true) return true; return e.y.sync ? this.evalSync(e.y, scope, fr) : yield* this.eval(e.y, scope, fr); }
        const y = e.y.sync ? this.evalSync(e.y, scope, fr) : yield* this.eval(e.y, scope, fr);
        return this.binary(e.op, x, y, e);
      }
      case 'unary': return this.unary(e.op, yield* this.eval(e.x, scope, fr), e);
      case 'index': {
        const x = yield* this.eval(e.x, scope, fr);
        const i = yield* this.eval(e.index, scope, fr);
        return this.index(x, i, e);
      }
      case 'slice': {
        const x = yield* this.eval(e.x, scope, fr);
        const lo = e.lo ? yield* this.eval(e.lo, scope, fr) : undefined;
        const hi = e.hi ? yield* this.eval(e.hi, scope, fr) : undefined;
        return this.sliceOf(x, lo, hi, e);
      }
      case 'convert': return this.convert(e.type, yield* this.eval(e.x, scope, fr), e);
      case 'builtin': {
        if (e.name === 'recover') return this.doRecover(fr);
        const args: Value[] = [];
        for (const a of e.args) args.push(yield* this.eval(a, scope, fr));
        return this.builtin(e.name, args, e, e.type);
      }
      case 'composite': {
        const elems: Value[] = [];
        for (const a of e.elems) elems.push(yield* this.eval(a, scope, fr));
        return this.composite(e.type, elems);
      }
      case 'method': return { k: 'bound', recv: yield* this.eval(e.x, scope, fr), name: e.name };
      default: return this.evalSync(e, scope, fr);
    }
  }

  private evalSync(e: Expr, scope: Scope, fr: Frame, stmt = false): Value {
    switch (e.k) {
      case 'lit': return e.value;
      case 'nil': return null;
      case 'ident': {
        const ref = scope[e.name];
        if (!ref) throw new RunError(e.line, e.col, `undefined: ${e.name}`);
        return ref.v;
      }
      case 'binary': {
        const x = this.evalSync(e.x, scope, fr);
        if (e.op === '&&') return x === true ? this.evalSync(e.y, scope, fr) : false;
        if (e.op === '||') return x === true ? true : this.evalSync(e.y, scope, fr);
        return this.binary(e.op, x, this.evalSync(e.y, scope, fr), e);
      }
      case 'unary':
        if (e.op === '&') return this.evalSync(e.x, scope, fr);
        return this.unary(e.op, this.evalSync(e.x, scope, fr), e);
      case 'index': return this.index(this.evalSync(e.x, scope, fr), this.evalSync(e.index, scope, fr), e);
      case 'slice': return this.sliceOf(this.evalSync(e.x, scope, fr), e.lo && this.evalSync(e.lo, scope, fr), e.hi && this.evalSync(e.hi, scope, fr), e);
      case 'convert': return this.convert(e.type, this.evalSync(e.x, scope, fr), e);
      case 'funcLit': return { k: 'func', def: e.fn, scope, name: `main.${e.fn.name}` };
      case 'composite': return this.composite(e.type, e.elems.map((x) => this.evalSync(x, scope, fr)));
      case 'builtin': {
        if (e.name === 'recover') return this.doRecover(fr);
        const args = e.args.map((a) => this.evalSync(a, scope, fr));
        return this.builtin(e.name, args, e, e.type);
      }
      case 'pkg': {
        const v = this.callPkgSync(`${e.pkg}.${e.name}`, [], e);
        return v;
      }
      case 'call': {
        const fnE = e.fn;
        const args = e.args.map((a) => this.evalSync(a, scope, fr));
        if (fnE.k === 'pkg') {
          const v = this.callPkgSync(`${fnE.pkg}.${fnE.name}`, args, e);
          if (!stmt && (fnE.pkg === 'fmt' && fnE.name.startsWith('Print'))) throw new RunError(e.line, e.col, 'unsupported: using the results of fmt.Print*');
          return v;
        }
        if (fnE.k === 'method') return this.methodSync(this.evalSync(fnE.x, scope, fr), fnE.name, e);
        throw new RunError(e.line, e.col, 'internal: synchronous call');
      }
      case 'method': return { k: 'bound', recv: this.evalSync(e.x, scope, fr), name: e.name };
      default: throw new RunError(e.line, e.col, 'internal: expression needs a goroutine');
    }
  }

  private composite(t: GoType, elems: Value[]): Value {
    if (t.k === 'empty') return EMPTY;
    return { k: 'slice', arr: elems, off: 0, len: elems.length, cap: elems.length, nil: false };
  }

  private convert(t: GoType, v: Value, at: Expr): Value {
    switch (t.k) {
      case 'int': case 'duration':
        if (typeof v === 'number') return v;
        break;
      case 'string':
        if (typeof v === 'string') return v;
        if (typeof v === 'number') return v >= 0 && v <= 0x10ffff && !(v >= 0xd800 && v < 0xe000) ? String.fromCodePoint(v) : '\uFFFD';
        break;
      case 'bool':
        if (typeof v === 'boolean') return v;
        break;
      case 'chan':
        if (v === null || (typeof v === 'object' && v.k === 'chan')) return v;
        break;
      default: break;
    }
    throw new RunError(at.line, at.col, `unsupported: conversion of ${this.describe(v)}`);
  }

  private index(x: Value, i: Value, e: Expr): Value {
    if (typeof i !== 'number') throw new RunError(e.line, e.col, 'invalid argument: index must be an integer');
    if (x !== null && typeof x === 'object' && x.k === 'slice') {
      if (i < 0 || i >= x.len) throw new GoPanic(runtimeError(`runtime error: index out of range [${i}] with length ${x.len}`), e.line);
      return x.arr[x.off + i];
    }
    if (typeof x === 'string') {
      const bytes = new TextEncoder().encode(x);
      if (i < 0 || i >= bytes.length) throw new GoPanic(runtimeError(`runtime error: index out of range [${i}] with length ${bytes.length}`), e.line);
      return bytes[i];
    }
    throw new RunError(e.line, e.col, `invalid operation: cannot index ${this.describe(x)}`);
  }

  private sliceOf(x: Value, lo: Value | undefined, hi: Value | undefined, e: Expr): Value {
    if (typeof x === 'string') {
      if (/[^\x00-\x7f]/.test(x)) throw new RunError(e.line, e.col, 'unsupported: slicing a non-ASCII string');
      const l = lo === undefined ? 0 : (lo as number);
      const h = hi === undefined ? x.length : (hi as number);
      if (h < 0 || h > x.length) throw new GoPanic(runtimeError(`runtime error: slice bounds out of range [:${h}] with length ${x.length}`), e.line);
      if (l < 0 || l > h) throw new GoPanic(runtimeError(`runtime error: slice bounds out of range [${l}:${h}]`), e.line);
      return x.slice(l, h);
    }
    if (x !== null && typeof x === 'object' && x.k === 'slice') {
      const l = lo === undefined ? 0 : (lo as number);
      const h = hi === undefined ? x.len : (hi as number);
      if (h < 0 || h > x.cap) throw new GoPanic(runtimeError(`runtime error: slice bounds out of range [:${h}] with capacity ${x.cap}`), e.line);
      if (l < 0 || l > h) throw new GoPanic(runtimeError(`runtime error: slice bounds out of range [${l}:${h}]`), e.line);
      return { k: 'slice', arr: x.arr, off: x.off + l, len: h - l, cap: x.cap - l, nil: false };
    }
    throw new RunError(e.line, e.col, `cannot slice ${this.describe(x)}`);
  }

  private unary(op: string, v: Value, e: Expr): Value {
    switch (op) {
      case '-': if (typeof v === 'number') return v === 0 ? 0 : -v; break;
      case '+': if (typeof v === 'number') return v; break;
      case '!': if (typeof v === 'boolean') return !v; break;
      case '^': if (typeof v === 'number') return -v - 1; break;
    }
    throw new RunError(e.line, e.col, `invalid operation: operator ${op} not defined on ${this.describe(v)}`);
  }

  private checkInt(n: number, at: { line: number; col: number }): number {
    if (!Number.isSafeInteger(n)) throw new RunError(at.line, at.col, 'unsupported: integer beyond ±2^53 (the simulator does not model 64-bit overflow)');
    return n;
  }

  equal(x: Value, y: Value): boolean {
    if (x === y) return true;
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      if (x.k === 'empty' && y.k === 'empty') return true;
      if (x.k === 'error' && y.k === 'error') return false;
    }
    if (x === null && y !== null && typeof y === 'object' && y.k === 'slice') return y.nil;
    if (y === null && x !== null && typeof x === 'object' && x.k === 'slice') return x.nil;
    return false;
  }

  private binary(op: string, x: Value, y: Value, e: { line: number; col: number }): Value {
    if (op === '==') return this.equal(x, y);
    if (op === '!=') return !this.equal(x, y);
    if (typeof x === 'number' && typeof y === 'number') {
      switch (op) {
        case '+': return this.checkInt(x + y, e);
        case '-': return this.checkInt(x - y, e);
        case '*': return this.checkInt(x * y, e);
        case '/': if (y === 0) throw new GoPanic(runtimeError('runtime error: integer divide by zero'), e.line); return Math.trunc(x / y);
        case '%': if (y === 0) throw new GoPanic(runtimeError('runtime error: integer divide by zero'), e.line); { const r = x % y; return r === 0 ? 0 : r; }
        case '<': return x < y;
        case '<=': return x <= y;
        case '>': return x > y;
        case '>=': return x >= y;
        case '<<': if (y < 0) throw new GoPanic(runtimeError('runtime error: negative shift amount'), e.line); return this.checkInt(x * 2 ** y, e);
        case '>>': if (y < 0) throw new GoPanic(runtimeError('runtime error: negative shift amount'), e.line); return Math.floor(x / 2 ** y);
        case '&': return this.bitwise(x, y, (a, b) => a & b, e);
        case '|': return this.bitwise(x, y, (a, b) => a | b, e);
        case '^': return this.bitwise(x, y, (a, b) => a ^ b, e);
        case '&^': return this.bitwise(x, y, (a, b) => a & ~b, e);
      }
    }
    if (typeof x === 'string' && typeof y === 'string') {
      switch (op) {
        case '+': return x + y;
        case '<': return x < y;
        case '<=': return x <= y;
        case '>': return x > y;
        case '>=': return x >= y;
      }
    }
    if (typeof x === 'boolean' && typeof y === 'boolean') {
      if (op === '&&') return x && y;
      if (op === '||') return x || y;
    }
    throw new RunError(e.line, e.col, `invalid operation: ${this.describe(x)} ${op} ${this.describe(y)} (mismatched or unsupported types)`);
  }

  private bitwise(x: number, y: number, f: (a: bigint, b: bigint) => bigint, e: { line: number; col: number }): number {
    return this.checkInt(Number(BigInt.asIntN(64, f(BigInt(x), BigInt(y)))), e);
  }

  private lref(e: Expr, scope: Scope, fr: Frame): { get(): Value; set(v: Value): void } {
    if (e.k === 'ident') {
      const ref = scope[e.name];
      if (!ref) throw new RunError(e.line, e.col, `undefined: ${e.name}`);
      return { get: () => ref.v, set: (v) => { ref.v = v; } };
    }
    if (e.k === 'index') {
      const x = this.evalSync(e.x, scope, fr);
      const i = this.evalSync(e.index, scope, fr);
      if (x !== null && typeof x === 'object' && x.k === 'slice' && typeof i === 'number') {
        if (i < 0 || i >= x.len) throw new GoPanic(runtimeError(`runtime error: index out of range [${i}] with length ${x.len}`), e.line);
        const s = x as SliceV;
        return { get: () => s.arr[s.off + i], set: (v) => { s.arr[s.off + i] = v; } };
      }
      throw new RunError(e.line, e.col, 'cannot assign to this index expression');
    }
    throw new RunError(e.line, e.col, 'cannot assign to this expression');
  }
}

function utf8Len(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export type { Block };
