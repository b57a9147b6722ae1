import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { runChanCli } from '../../src/sim/chan/cli';
import { CHAN_PRESETS, NOTE_SLUGS } from '../../src/sim/chan/presets';
import { MAX_PROGRAM_CHARS, Machine, parseProgram, runProgram, tryParseProgram, whatCanItPrint, type RunResult } from '../../src/sim/chan/run';
import { STRINGS, narrate } from '../../src/sim/chan/strings';
import { SIMULATOR_PRESET_IDS } from './simPresets';

const wrap = (body: string, imports = '"fmt"') => `package main\n\nimport (${imports})\n\nfunc main() {\n${body}\n}\n`;
function run(src: string, seed = 1): RunResult {
  const r = runProgram(src, { seed, trace: true });
  if ('error' in r) throw new Error(r.error);
  return r;
}
function parseError(src: string): string {
  const r = tryParseProgram(src);
  assert.equal(r.ok, false, 'expected a parse error');
  return r.ok ? '' : r.error;
}

describe('chan simulator: parser', () => {
  it('refuses constructs outside the subset with line:col: unsupported', () => {
    const cases: [string, RegExp][] = [
      [wrap('m := map[string]int{}\n_ = m'), /^6:6: unsupported: maps/],
      [wrap('x := 1.5\nfmt.Println(x)'), /^6:6: unsupported: floating-point numbers/],
      ['package main\n\nimport "os"\n\nfunc main() {}\n', /^3:8: unsupported: import "os"/],
      ['package main\n\ntype T struct{ a int }\n\nfunc main() {}\n', /^3:1: unsupported: type declarations/],
      ['package main\n\nfunc (t T) M() {}\n\nfunc main() {}\n', /^3:6: unsupported: methods/],
      [wrap('goto end'), /^6:1: unsupported: goto/],
      [wrap('var x any = 1\nswitch x.(type) {\n}'), /unsupported: type assertions|unsupported: type switches/],
      [wrap('s := []int{1}\np := &s[0]\n_ = p'), /^7:6: unsupported: taking the address/],
      [wrap('fmt.Fprintln(nil)'), /^6:1: unsupported: fmt.Fprintln/],
      [wrap('var a [3]int\n_ = a'), /^6:7: unsupported: arrays/],
    ];
    for (const [src, re] of cases) assert.match(parseError(src), re, src);
  });

  it('reports syntax errors with line:col, honouring automatic semicolons', () => {
    assert.match(parseError(wrap('if true\n{\n}')), /^6:8: syntax error/);
    assert.match(parseError(wrap('x := "abc\nfmt.Println(x)')), /^6:6: string literal not terminated/);
    assert.match(parseError(wrap('fmt.Println(1')), /^6:14: syntax error: unexpected newline, expected , in argument list/);
    assert.match(parseError('func main() {}'), /^1:1: syntax error: package statement must be first/);
    assert.match(parseError('package main\n'), /function main is undeclared/);
    assert.match(parseError(wrap('x := []int{1,\n2\n}')), /unexpected newline in composite literal/);
  });

  it('accepts the documented subset', () => {
    for (const p of CHAN_PRESETS) assert.ok(tryParseProgram(p.source).ok, p.id);
    const src = `package main

import (
	"fmt"
	"sync"
	"time"
)

var total int

func add(a, b int) (int, error) { return a + b, nil }

func main() {
	var mu sync.Mutex
	ch := make(chan<- int, 1)
	var rx <-chan int
	_, _ = ch, rx
	s := []string{"x"}
	s = append(s, "y")
	n, err := add(1, 2)
	if err != nil {
		return
	}
	for i := 0; i < n; i++ {
		mu.Lock()
		total += i
		mu.Unlock()
	}
	switch {
	case total > 2:
		fmt.Println("big", total, len(s))
	default:
		fmt.Println("small")
	}
	time.Sleep(time.Millisecond)
}
`;
    assert.equal(run(src).stdout, 'big 3 2\n');
  });

  it('reports the compile errors Go reports: unused imports and variables, undefined names', () => {
    assert.match(parseError(wrap('x := 1', '"fmt"')), /^3:9: "fmt" imported and not used/);
    assert.match(parseError(wrap('x := 1\nx = 2', '')), /^6:1: declared and not used: x/);
    assert.match(parseError(wrap('for i, v := range []int{1} {\n_ = i\n}', '')), /^6:8: declared and not used: v/);
    assert.match(parseError(wrap('y = 2', '')), /^6:1: undefined: y/);
    assert.match(parseError(wrap('fmt.Println(z)')), /^6:13: undefined: z/);
    assert.ok(tryParseProgram(wrap('var wg sync.WaitGroup\nwg.Wait()', '"sync"')).ok);
  });

  it('refuses programs over the size limit', () => {
    assert.match(parseError(wrap('// ' + 'x'.repeat(MAX_PROGRAM_CHARS))), /^1:1: program too large/);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => { tryParseProgram(s); tryParseProgram(wrap(s)); }), { numRuns: 400 });
  });
});

describe('chan simulator: interpreter and scheduler', () => {
  it('prints a panic as Go does, after running deferred calls', () => {
    const r = run(wrap('defer fmt.Println("deferred")\nvar ch chan int\nclose(ch)'));
    assert.equal(r.stdout, 'deferred\n');
    assert.equal(r.outcome, 'panic');
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^panic: close of nil channel\n\ngoroutine 1 \[running\]:\nmain\.main/);
    assert.match(r.stderr, /exit status 2\n$/);
  });

  it('reports a deadlock exactly when no goroutine can run and no timer is pending', () => {
    const r = run(wrap('ch := make(chan int)\nch <- 1', ''));
    assert.equal(r.outcome, 'deadlock');
    assert.match(r.stderr, /^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \[chan send\]:/);
    // A sleeping goroutine is a pending timer: no deadlock while it sleeps.
    const ok = run(wrap('ch := make(chan int)\ngo func() {\ntime.Sleep(time.Second)\nch <- 1\n}()\nfmt.Println(<-ch)', '"fmt"; "time"'));
    assert.equal(ok.outcome, 'exit');
    assert.equal(ok.stdout, '1\n');
    assert.equal(ok.clock, 1e9);
    // An unread time.After timer delays the deadlock report until it has fired.
    const late = run(wrap('_ = time.After(time.Second)\nselect {}', '"time"'));
    assert.equal(late.outcome, 'deadlock');
    assert.equal(late.clock, 1e9);
  });

  it('a panic in another goroutine crashes the program', () => {
    const r = run(wrap('done := make(chan bool)\ngo func() {\npanic("worker failed")\n}()\n<-done', ''));
    assert.equal(r.outcome, 'panic');
    assert.match(r.stderr, /^panic: worker failed\n\ngoroutine 2 \[running\]:/);
  });

  it('is deterministic for a seed and explores interleavings across seeds', () => {
    const src = CHAN_PRESETS.find((p) => p.id === 'fan-in')?.source as string;
    const a = run(src, 42);
    const b = run(src, 42);
    assert.equal(a.stdout, b.stdout);
    assert.deepEqual(a.events, b.events);
    const outcomes = whatCanItPrint(parseProgram(src), 400);
    assert.equal(outcomes.length, 6);
    assert.equal(outcomes.reduce((n, o) => n + o.count, 0), 400);
  });

  it('stops a runaway program at the step budget with a clear message', () => {
    const r = runProgram(wrap('for {\n}', ''), { maxSteps: 5000 });
    assert.ok(!('error' in r));
    if ('error' in r) return;
    assert.equal(r.outcome, 'budget');
    assert.match(r.message, /step budget exhausted after 5000 steps/);
  });

  it('runs in slices: a Machine can be stepped one scheduling point at a time', () => {
    const m = new Machine(parseProgram(CHAN_PRESETS[0].source), { seed: 3 });
    let steps = 0;
    while (!m.done && steps < 10_000) { m.step(); steps++; }
    assert.equal(m.outcome?.kind, 'exit');
    assert.equal(m.stdout, 'ping\npong\nping\npong\nping\npong\n');
    assert.ok(m.events.some((e) => e.kind === 'send.direct' || e.kind === 'recv.directFromSender'));
    assert.ok(m.events.some((e) => e.kind === 'send.park' || e.kind === 'recv.park'));
  });

  it('narrates each event in both languages', () => {
    const r = run(CHAN_PRESETS[1].source);
    for (const e of r.events.slice(0, 50)) {
      const en = narrate('en', e);
      const zh = narrate('zh-cn', e);
      assert.ok(en.length > 0 && zh.length > 0);
      assert.doesNotMatch(en, /\{\w+\}/, en);
    }
  });

  it('reports runtime misuse outside the subset as an error with line:col', () => {
    const r = run(wrap('x := 1\nx()', ''));
    assert.equal(r.outcome, 'error');
    assert.match(r.message, /^7:\d+: cannot call non-function/);
  });
});

describe('chan simulator: strings, presets, CLI', () => {
  it('both languages have exactly the same keys and no empty strings', () => {
    assert.deepEqual(Object.keys(STRINGS['zh-cn']).sort(), Object.keys(STRINGS.en).sort());
    for (const lang of ['en', 'zh-cn'] as const) for (const [k, v] of Object.entries(STRINGS[lang])) assert.ok(v.trim().length > 0, `${lang}.${k}`);
  });

  it('presets have the agreed ids, both languages and a note heading', () => {
    assert.deepEqual(CHAN_PRESETS.map((p) => p.id), SIMULATOR_PRESET_IDS.chan);
    for (const p of CHAN_PRESETS) {
      assert.ok(p.title.en && p.title['zh-cn'] && p.explain.en && p.explain['zh-cn'], p.id);
      assert.ok((NOTE_SLUGS as readonly string[]).includes(p.slug), p.slug);
    }
  });

  function cli(args: string[], files: Record<string, string>): { code: number; out: string; err: string } {
    let out = '';
    let err = '';
    const code = runChanCli(args, {
      out: (s) => { out += s; }, err: (s) => { err += s; },
      readText: (p) => { if (!(p in files)) throw new Error(`cannot read ${p}`); return files[p]; },
    });
    return { code, out, err };
  }

  it('prints one run as JSON', () => {
    const src = CHAN_PRESETS.find((p) => p.id === 'send-on-closed')?.source as string;
    const r = cli(['p.go', '--seed', '3'], { 'p.go': src });
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.stdout, '1\n0 false\n');
    assert.equal(j.outcome, 'panic');
    assert.equal(j.exitCode, 2);
    assert.equal(j.message, 'send on closed channel');
    assert.ok(Array.isArray(j.events) && j.events.length > 0 && typeof j.events[0].text === 'string');
  });

  it('prints outcome counts with --runs', () => {
    const src = CHAN_PRESETS.find((p) => p.id === 'nondeterministic-select')?.source as string;
    const r = cli(['p.go', '--runs', '200'], { 'p.go': src });
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { outcomes: { stdout: string; count: number; outcome: string }[] };
    assert.deepEqual(j.outcomes.map((o) => o.stdout).sort(), ['a\n', 'b\n']);
    assert.equal(j.outcomes.reduce((n, o) => n + o.count, 0), 200);
    for (const o of j.outcomes) assert.ok(o.count > 60, `unbalanced select: ${JSON.stringify(j.outcomes)}`);
  });

  it('exits 2 with line:col on stderr for unsupported or invalid programs and bad flags', () => {
    const bad = cli(['p.go'], { 'p.go': 'package main\n\nfunc main() {\n\tm := map[int]int{}\n}\n' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^p\.go:4:7: unsupported: maps/);
    assert.equal(cli(['p.go', '--seed', 'x'], { 'p.go': '' }).code, 2);
    assert.equal(cli(['p.go', '--runs', '0'], { 'p.go': '' }).code, 2);
    assert.equal(cli([], {}).code, 2);
    assert.match(cli(['missing.go'], {}).err, /cannot read missing\.go/);
  });
});
