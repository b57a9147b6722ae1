import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildCatalogue } from '../../src/notes/catalogue';
import { renderTopic } from '../../src/notes/render';
import { buildSearchIndex, searchNotes } from '../../src/notes/search';
import { md, noteFile, parse } from './helpers';

describe('properties', () => {
  it('any bytes parse to topics or problems, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const result = parse(bytes);
        assert.ok(result.topics.length + result.problems.length > 0);
      }),
      { numRuns: 300 },
    );
  });

  const markdownish = fc
    .array(fc.oneof(fc.constantFrom('# ', '## ', '### ', '---\n', '```\n', '- ', '> ', '| a |\n|---|\n', '\n', '<script>', '[x](javascript:y)', '[c](command:workbench.x)', '![i](data:x)', '<vbscript:z>', 'id: a\n'), fc.string({ maxLength: 12 })), { maxLength: 60 })
    .map((parts) => parts.join(''));

  it('every section slug of a parsed note is an id in its rendered HTML, and no raw tag survives', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        for (const topic of parse(text).topics) {
          const html = renderTopic(md, topic, { lang: 'en' });
          for (const section of topic.sections) assert.ok(html.includes(` id="${section.slug}"`), section.slug);
          assert.ok(!/<script/i.test(html));
          for (const [, url] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
            assert.ok(url === '' || !/^[a-z][a-z0-9+.-]*:/i.test(url) || /^(https?:|mailto:|command:interviewPrep\.)/i.test(url), url);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('search never throws and only returns topics that exist', () => {
    fc.assert(
      fc.property(markdownish, fc.string({ maxLength: 10 }), (text, query) => {
        const catalogue = buildCatalogue(md, { bundled: [], user: [noteFile(text)], language: 'en' });
        const ids = new Set(catalogue.topics.map((t) => t.id));
        for (const hit of searchNotes(buildSearchIndex(catalogue), query)) assert.ok(ids.has(hit.topicId));
      }),
      { numRuns: 200 },
    );
  });
});
