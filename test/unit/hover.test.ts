import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCatalogue } from '../../src/notes/catalogue';
import { readBundledNotes } from '../../src/notes/nodeFiles';
import { analyzeGo, classifyAt, GoFileCache, TIP_IDS, type TipId } from '../../src/hover/classify';
import { tokenizeGo } from '../../src/hover/goTokens';
import { tipMarkdown } from '../../src/hover/tipMarkdown';
import { TIP_COMMANDS } from '../../src/hover/tipCommands';
import { TIPS } from '../../src/hover/tips';
import { md, ROOT } from './helpers';
import { SIMULATOR_PRESET_IDS } from './simPresets';

/** The tip under the cursor marked ‸ (placed just before the character hovered). */
function tipAt(snippet: string): TipId | undefined {
  const offset = snippet.indexOf('‸');
  assert.ok(offset >= 0, 'snippet needs a ‸ cursor');
  const source = snippet.slice(0, offset) + snippet.slice(offset + 1);
  return classifyAt(analyzeGo(source), offset)?.tip;
}

describe('Go tokenizer', () => {
  it('splits code, keeping comments, strings, raw strings and runes whole', () => {
    const tokens = tokenizeGo('x := <-ch // recv <-\ns := `raw\n go` + "a\\"b" + \'\\n\' /* go */ 1.5e-3');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.text]),
      [
        ['ident', 'x'], ['op', ':='], ['op', '<-'], ['ident', 'ch'], ['comment', '// recv <-'],
        ['ident', 's'], ['op', ':='], ['string', '`raw\n go`'], ['op', '+'], ['string', '"a\\"b"'], ['op', '+'], ['rune', "'\\n'"],
        ['comment', '/* go */'], ['number', '1.5e-3'],
      ],
    );
  });

  it('survives unterminated strings and comments', () => {
    assert.equal(tokenizeGo('"open').at(-1)!.kind, 'string');
    assert.equal(tokenizeGo('/* open').at(-1)!.kind, 'comment');
    assert.equal(tokenizeGo('`open').at(-1)!.kind, 'string');
  });

  it('reads Unicode identifiers', () => {
    assert.deepEqual(tokenizeGo('变量 := 1').map((t) => t.kind), ['ident', 'op', 'number']);
  });
});

describe('hover classification', () => {
  const prelude = 'package main\nimport (\n\t"context"\n\ts "sync"\n\t"runtime"\n\t"sync/atomic"\n)\n';
  const cases: [string, string, TipId | undefined][] = [
    ['go statement', '‸go work()', 'go'],
    ['chan type', 'var c ‸chan int', 'chan'],
    ['send-only type on chan', 'func f(out ‸chan<- int) {}', 'chan-send-only'],
    ['send-only type on arrow', 'func f(out chan‸<- int) {}', 'chan-send-only'],
    ['receive-only type on chan', 'func f(in <-‸chan int) {}', 'chan-recv-only'],
    ['receive-only type on arrow', 'func f(in ‸<-chan int) {}', 'chan-recv-only'],
    ['send statement', 'ch ‸<- 1', 'send'],
    ['send after index', 'chans[i] ‸<- v', 'send'],
    ['receive assignment', 'v := ‸<-ch', 'receive'],
    ['receive in call', 'use(‸<-ch)', 'receive'],
    ['receive in select case', 'select {\ncase v, ok := ‸<-ch:\n}', 'receive'],
    ['send in select case', 'select {\ncase ch ‸<- v:\n}', 'send'],
    ['select', '‸select {}', 'select'],
    ['default in select', 'select {\ncase <-a:\n‸default:\n}', 'select-default'],
    ['default in select after a nested block', 'select {\ncase <-a:\n\tif x { y() }\n‸default:\n}', 'select-default'],
    ['default in switch gets nothing', 'switch x {\n‸default:\n}', undefined],
    ['defer', '‸defer mu.Unlock()', 'defer'],
    ['panic', '‸panic("boom")', 'panic'],
    ['recover', 'if r := ‸recover(); r != nil {}', 'recover'],
    ['make chan', 'ch := ‸make(chan int, 3)', 'make-chan'],
    ['make slice', 'b := ‸make([]byte, 0, 64)', 'make-slice'],
    ['make map', 'm := ‸make(map[string]int)', 'make-map'],
    ['make of a named type gets nothing', 'm := ‸make(Set)', undefined],
    ['new', 'p := ‸new(T)', 'new'],
    ['close', '‸close(ch)', 'close'],
    ['len on a channel', 'ch := make(chan int, 3)\nn := ‸len(ch)', 'len-chan'],
    ['cap on a channel parameter', 'func f(in <-chan int) int { return ‸cap(in) }', 'cap-chan'],
    ['len on a slice gets nothing', 's := []int{}\nn := ‸len(s)', undefined],
    ['range over a channel', 'jobs := make(chan int)\nfor j := ‸range jobs {}', 'range-chan'],
    ['range over a slice gets nothing', 'xs := []int{}\nfor _, x := ‸range xs {}', undefined],
    ['sync.Mutex through an import alias', 'var mu s.‸Mutex', 'sync-mutex'],
    ['the alias part of s.RWMutex', 'var mu ‸s.RWMutex', 'sync-rwmutex'],
    ['sync.WaitGroup', 'var wg s.‸WaitGroup', 'sync-waitgroup'],
    ['sync.Once', 'var once s.‸Once', 'sync-once'],
    ['context.Context', 'func f(ctx context.‸Context) {}', 'context'],
    ['context.WithCancel', 'ctx, cancel := context.‸WithCancel(ctx)', 'context-withcancel'],
    ['context.WithTimeout', 'ctx, cancel := context.‸WithTimeout(ctx, d)', 'context-withtimeout'],
    ['runtime.GC', 'runtime.‸GC()', 'runtime-gc'],
    ['runtime.Gosched', 'runtime.‸Gosched()', 'runtime-gosched'],
    ['runtime.GOMAXPROCS', 'n := runtime.‸GOMAXPROCS(0)', 'runtime-gomaxprocs'],
    ['atomic', 'var n atomic.‸Int64', 'atomic'],
    // negatives
    ['a keyword in a comment', '// ‸go work()', undefined],
    ['a keyword in a block comment', '/* ‸select */', undefined],
    ['a keyword in a string', 's := "‸chan"', undefined],
    ['a keyword in a raw string', 's := `\n‸select {}\n`', undefined],
    ['an identifier containing go', '‸gopher := 1', undefined],
    ['an identifier containing select', '‸selectAll()', undefined],
    ['a method named close', 'f.‸close()', undefined],
    ['a function declared as close', 'func ‸close() {}', undefined],
    ['an unimported sync', 'var mu sync.‸Mutex', undefined],
    ['whitespace', 'x := 1 ‸ ', undefined],
  ];
  for (const [name, snippet, expected] of cases) {
    it(`${name} → ${expected ?? 'nothing'}`, () => assert.equal(tipAt(prelude + snippet), expected));
  }

  it('recognises sync when imported without an alias', () => {
    assert.equal(tipAt('package p\nimport "sync"\nvar mu sync.‸Mutex'), 'sync-mutex');
    assert.equal(tipAt('package p\nimport "math/rand/v2"\nvar x rand.‸Mutex'), undefined);
  });

  it('returns the range to highlight', () => {
    const source = 'package p\nfunc f(c chan<- int) {}';
    const found = classifyAt(analyzeGo(source), source.indexOf('chan'))!;
    assert.equal(source.slice(found.start, found.end), 'chan<-');
  });

  it('analyses a document version once', () => {
    const cache = new GoFileCache();
    let reads = 0;
    const source = () => (reads++, 'package p');
    cache.get('a', 1, source);
    cache.get('a', 1, source);
    cache.get('a', 2, source);
    assert.equal(reads, 2);
  });
});

describe('tips', () => {
  const catalogue = buildCatalogue(md, { bundled: readBundledNotes(path.join(ROOT, 'notes')), user: [], language: 'en' });

  it('every tip has text in both languages and links only to notes and sections that exist', () => {
    for (const id of TIP_IDS) {
      const tip = TIPS[id];
      for (const lang of ['en', 'zh-cn'] as const) assert.ok(tip.text[lang].what && tip.text[lang].gotcha, `${id} ${lang}`);
      if (!tip.note) continue;
      const topic = catalogue.topics.find((t) => t.id === tip.note!.topic);
      assert.ok(topic, `${id}: note ${tip.note.topic}`);
      if (tip.note.section) assert.ok(topic.sections.some((s) => s.slug === tip.note!.section), `${id}: #${tip.note.section}`);
    }
  });

  it('renders a tip with Open note and Visualize command links, and no note link when the note is missing', () => {
    const text = tipMarkdown('close', 'zh-cn', () => true);
    assert.match(text, /^\*\*Interview Prep · close\(ch\)\*\*/);
    assert.match(text, /\*面试陷阱:\*/);
    assert.match(text, /\[打开笔记 ›\]\(command:interviewPrep\.openNote\?%5B%22go-channels%22(%2C%22[a-z-]+%22)?%5D\) · /);
    assert.match(text, /\[可视化 ›\]\(command:interviewPrep\.openSimulator\?%5B%22chan%22%2C%22close-range%22%5D\)$/);
    assert.doesNotMatch(tipMarkdown('close', 'en', () => false), /openNote/);
    assert.doesNotMatch(tipMarkdown('defer', 'en', () => true), /command:/); // no note or simulator teaches defer
  });

  it('links to simulator presets that exist', () => {
    for (const [id, tip] of Object.entries(TIPS)) {
      if (tip.visualize) assert.ok(SIMULATOR_PRESET_IDS[tip.visualize.simulator].includes(tip.visualize.preset), `${id}: ${tip.visualize.simulator}/${tip.visualize.preset}`);
    }
  });

  it('links only to the commands the hover trusts', () => {
    for (const id of Object.keys(TIPS) as TipId[]) {
      for (const lang of ['en', 'zh-cn'] as const) {
        for (const m of tipMarkdown(id, lang, () => true).matchAll(/\(command:([\w.]+)/g)) {
          assert.ok((TIP_COMMANDS as readonly string[]).includes(m[1]), `${id}: ${m[1]}`);
        }
      }
    }
  });
});
