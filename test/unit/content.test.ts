/**
 * The bundled content as a whole: both languages complete and in step, every link and anchor
 * resolves, the question bank is valid and large enough, the memo's known errors are corrected.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalogue } from '../../src/notes/catalogue';
import { classifyLink, resolveRelative } from '../../src/notes/links';
import { NOTE_LANGUAGES, SIMULATOR_IDS, type Topic } from '../../src/notes/model';
import { readBundledNotes } from '../../src/notes/nodeFiles';
import { QUESTION_TYPES, type Question } from '../../src/quiz/bank';
import { parseQuestionFile } from '../../src/quiz/parseBank';
import { md, ROOT } from './helpers';
import { isSimulatorKind } from '../../src/sim/protocol';
import { SIMULATOR_PRESET_IDS } from './simPresets';

const bundled = readBundledNotes(path.join(ROOT, 'notes'));
const byLang = Object.fromEntries(
  NOTE_LANGUAGES.map((lang) => [lang, buildCatalogue(md, { bundled: bundled.filter((f) => f.lang === lang), user: [], language: lang }).topics]),
) as Record<(typeof NOTE_LANGUAGES)[number], readonly Topic[]>;
const ids = [...new Set(NOTE_LANGUAGES.flatMap((lang) => byLang[lang].map((t) => t.id)))].sort();
const topic = (lang: (typeof NOTE_LANGUAGES)[number], id: string) => byLang[lang].find((t) => t.id === id);

/** `##`/`###` heading lines outside code fences. */
function headingLines(markdown: string): string[] {
  let fenced = false;
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^#{2,3}\s/.test(line)) out.push(line);
  }
  return out;
}

describe('bundled content', () => {
  it('has every topic in both languages (missing translations are listed)', () => {
    const missing = NOTE_LANGUAGES.flatMap((lang) => ids.filter((id) => !topic(lang, id)).map((id) => `${lang}/${id}.md`));
    assert.deepEqual(missing, []);
  });

  for (const id of ids) {
    describe(id, () => {
      it('is complete: no empty topic or section in either language', () => {
        for (const lang of NOTE_LANGUAGES) {
          const t = topic(lang, id)!;
          assert.equal(t.empty, false, `${lang}: the whole topic is empty`);
          assert.deepEqual(t.sections.filter((s) => s.empty).map((s) => s.slug), [], `${lang}: empty sections`);
        }
      });

      it('gives every heading an explicit id, the same ids in the same order in both languages', () => {
        const lists = NOTE_LANGUAGES.map((lang) => {
          const t = topic(lang, id)!;
          const lines = headingLines(t.markdown);
          const without = lines.filter((l) => !/\{#[a-z0-9-]+\}\s*$/.test(l));
          assert.deepEqual(without, [], `${lang}: headings without {#id}`);
          const slugs = t.sections.map((s) => s.slug);
          assert.equal(new Set(slugs).size, slugs.length, `${lang}: duplicate heading ids`);
          return slugs;
        });
        assert.deepEqual(lists[1], lists[0]);
      });

      it('has interview questions, common mistakes and sources sections', () => {
        for (const lang of NOTE_LANGUAGES) {
          const slugs = topic(lang, id)!.sections.map((s) => s.slug);
          for (const required of ['interview-questions', 'common-mistakes', 'sources']) assert.ok(slugs.includes(required), `${lang}: #${required}`);
        }
      });

      it('links only to notes, anchors and images that exist, and cites https sources', () => {
        for (const lang of NOTE_LANGUAGES) {
          const t = topic(lang, id)!;
          const tokens = md.parse(t.markdown, {});
          let https = 0;
          for (const token of tokens.flatMap((b) => b.children ?? [])) {
            if (token.type === 'image') {
              const src = token.attrGet('src') ?? '';
              assert.ok(!/^[a-z]+:/i.test(src), `${lang}: images must be bundled files: ${src}`);
              assert.ok(fs.existsSync(fileURLToPath(resolveRelative(t.file, src))), `${lang}: missing image ${src}`);
              continue;
            }
            if (token.type !== 'link_open') continue;
            const href = token.attrGet('href') ?? '';
            const target = classifyLink(href);
            assert.notEqual(target.kind, 'refused', `${lang}: link ${href}`);
            if (target.kind === 'command') {
              assert.equal(target.command, 'interviewPrep.openSimulator', `${lang}: notes run no other command (${href})`);
              const [kind, preset] = target.args;
              assert.ok(isSimulatorKind(kind), `${lang}: simulator ${String(kind)}`);
              assert.ok(SIMULATOR_PRESET_IDS[kind].includes(String(preset)), `${lang}: ${kind} has no preset ${String(preset)}`);
            }
            if (target.kind === 'external' && href.startsWith('https://')) https++;
            if (target.kind === 'anchor') assert.ok(t.sections.some((s) => s.slug === target.slug) || target.slug === slugOfTitle(t), `${lang}: #${target.slug}`);
            if (target.kind === 'note') {
              const linked = byLang[lang].find((o) => o.file === resolveRelative(t.file, target.path));
              assert.ok(linked, `${lang}: note ${target.path}`);
              if (target.slug) assert.ok(linked.sections.some((s) => s.slug === target.slug), `${lang}: ${target.path}#${target.slug}`);
            }
          }
          assert.ok(https >= 2, `${lang}: cites at least two https sources (found ${https})`);
        }
      });
    });
  }
});

function slugOfTitle(t: Topic): string {
  return md.parse(t.markdown, {}).find((tok) => tok.type === 'heading_open' && tok.tag === 'h1') ? t.title.toLowerCase() : '';
}

describe('question bank', () => {
  const dir = path.join(ROOT, 'notes', 'questions');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];
  const all: Question[] = [];
  for (const file of files) {
    const topicId = file.replace(/\.yaml$/, '');
    const { questions, problems } = parseQuestionFile(file, topicId, fs.readFileSync(path.join(dir, file), 'utf8'));
    all.push(...questions);
    it(`${file} is valid`, () => {
      assert.deepEqual(problems.map((p) => p.message), []);
      assert.ok(ids.includes(topicId), `no topic ${topicId}`);
    });
  }

  it('has a question file for every topic', () => {
    assert.deepEqual(ids.filter((id) => !files.includes(`${id}.yaml`)), []);
  });

  it('has unique ids', () => {
    const seen = all.map((q) => q.id);
    assert.deepEqual(seen.filter((id, i) => seen.indexOf(id) !== i), []);
  });

  for (const id of ids) {
    it(`${id}: enough questions of every type, in both languages, each pointing at a section of the note`, () => {
      const questions = all.filter((q) => q.topicId === id);
      const min = topic('en', id)?.simulator ? 10 : 6;
      assert.ok(questions.length >= min, `${questions.length} questions, needs ${min}`);
      for (const type of QUESTION_TYPES) assert.ok(questions.some((q) => q.type === type), `no ${type} question`);
      for (const q of questions) {
        for (const lang of NOTE_LANGUAGES) {
          assert.ok(q.text[lang], `${q.id}: no ${lang} text`);
          assert.ok(topic(lang, id)!.sections.some((s) => s.slug === q.section), `${q.id}: no section #${q.section} in ${lang}`);
        }
      }
    });
  }

  it('names only simulators that exist or are planned', () => {
    for (const t of byLang.en) if (t.simulator) assert.ok((SIMULATOR_IDS as readonly string[]).includes(t.simulator));
  });
});

describe('corrections of the memo', () => {
  /** Each known error in the memo has a correction callout that mentions the fact that fixes it. */
  const expected: [string, RegExp][] = [
    ['go-memory', /1\.11/],
    ['redis-transactions', /EXECABORT/],
    ['isolation-mvcc', /DB_TRX_ID/],
    ['isolation-mvcc', /(non-repeatable|不可重复读)/i],
  ];
  for (const [id, fact] of expected) {
    it(`${id}: corrects the memo (${fact.source})`, () => {
      for (const lang of NOTE_LANGUAGES) {
        const t = topic(lang, id);
        assert.ok(t, `${lang}/${id}`);
        const callouts = t.markdown.split(/\n(?=> \[!CORRECTION\])/).slice(1).map((c) => c.split(/\n(?!>)/)[0]);
        assert.ok(callouts.some((c) => fact.test(c)), `${lang}: no correction callout mentions ${fact.source}`);
      }
    });
  }
});
