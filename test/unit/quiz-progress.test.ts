import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  emptyProgress,
  exportProgress,
  importProgress,
  loadProgress,
  MAX_LOG_RECORDS,
  mergeProgress,
  pruneProgress,
  recordReview,
} from '../../src/quiz/progress';
import { PROGRESS_VERSION, type CardState, type Progress, type ReviewRecord } from '../../src/quiz/types';

const NOW = new Date('2026-03-01T09:00:00.000Z');

function card(overrides: Partial<CardState> = {}): CardState {
  return {
    due: '2026-03-05T09:00:00.000Z',
    stability: 4.2,
    difficulty: 5.1,
    elapsedDays: 0,
    scheduledDays: 4,
    learningSteps: 0,
    reps: 3,
    lapses: 1,
    phase: 'review',
    lastReview: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

function record(questionId: string, at: string, grade: ReviewRecord['grade'] = 'good', extra: Partial<ReviewRecord> = {}): ReviewRecord {
  return { questionId, at, grade, ...extra };
}

const sample: Progress = {
  version: PROGRESS_VERSION,
  cards: { 'raft-commit': card(), 'redis-ttl': card({ phase: 'learning', reps: 1, lapses: 0, due: '2026-03-01T09:10:00.000Z' }) },
  log: [
    record('raft-commit', '2026-02-20T08:00:00.000Z', 'again', { correct: false, elapsedMs: 9000 }),
    record('raft-commit', '2026-03-01T09:00:00.000Z', 'good', { correct: true, elapsedMs: 5000 }),
    record('redis-ttl', '2026-03-01T09:00:00.000Z', 'hard'),
  ],
};

/** A loaded state is always valid: loading it again reports nothing and changes nothing. */
function assertValid(progress: Progress): void {
  const again = loadProgress(JSON.parse(JSON.stringify(progress)));
  assert.equal(again.problem, undefined);
  assert.deepEqual(again.progress, progress);
  assert.ok(progress.log.length <= MAX_LOG_RECORDS);
}

describe('quiz progress', () => {
  it('starts empty', () => {
    assert.deepEqual(emptyProgress(), { version: 2, cards: {}, log: [] });
    assertValid(emptyProgress());
  });

  it('records a review without changing the old state', () => {
    const before = emptyProgress();
    const after = recordReview(before, record('raft-commit', NOW.toISOString()), card());
    assert.deepEqual(before, emptyProgress());
    assert.deepEqual(after.cards, { 'raft-commit': card() });
    assert.equal(after.log.length, 1);
    const replaced = recordReview(after, record('raft-commit', '2026-03-02T09:00:00.000Z'), card({ reps: 4 }));
    assert.equal(replaced.cards['raft-commit'].reps, 4);
    assert.equal(after.cards['raft-commit'].reps, 3);
  });

  it('keeps only the most recent log records', () => {
    const log = Array.from({ length: MAX_LOG_RECORDS }, (_, i) => record(`q-${i}`, new Date(NOW.getTime() + i * 1000).toISOString()));
    const full: Progress = { version: 2, cards: {}, log };
    const next = recordReview(full, record('q-new', '2027-01-01T00:00:00.000Z'), card());
    assert.equal(next.log.length, MAX_LOG_RECORDS);
    assert.equal(next.log[0].questionId, 'q-1');
    assert.equal(next.log.at(-1)!.questionId, 'q-new');
  });

  describe('loading', () => {
    it('accepts the current version unchanged', () => {
      assert.deepEqual(loadProgress(JSON.parse(JSON.stringify(sample))), { progress: sample });
    });

    it('treats nothing stored as a fresh start without a problem', () => {
      assert.deepEqual(loadProgress(undefined), { progress: emptyProgress() });
      assert.deepEqual(loadProgress(null), { progress: emptyProgress() });
    });

    it('migrates version 1', () => {
      const due = Date.parse('2026-03-05T09:00:00.000Z');
      const last = Date.parse('2026-03-01T09:00:00.000Z');
      const v1 = {
        version: 1,
        cards: {
          'raft-commit': { due, stability: 4.2, difficulty: 5.1, reps: 3, lapses: 1, state: 2, last },
          'redis-ttl': { due: last + 600_000, stability: 0.4, difficulty: 6, reps: 1, lapses: 0, state: 1, last },
          'go-chan': { due: last, stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 0 },
          'mysql-mvcc': { due, stability: 1, difficulty: 7, reps: 5, lapses: 2, state: 3, last },
        },
        history: [
          { id: 'raft-commit', t: last, g: 3 },
          { id: 'raft-commit', t: last - 86_400_000, g: 1 },
          { id: 'redis-ttl', t: last, g: 2 },
          { id: 'mysql-mvcc', t: last, g: 4 },
        ],
      };
      const { progress, problem } = loadProgress(v1);
      assert.equal(problem, undefined);
      assert.equal(progress.version, 2);
      assert.deepEqual(progress.cards['raft-commit'], card({ elapsedDays: 0, scheduledDays: 4, learningSteps: 0 }));
      assert.equal(progress.cards['redis-ttl'].phase, 'learning');
      assert.equal(progress.cards['redis-ttl'].due, '2026-03-01T09:10:00.000Z');
      assert.deepEqual(progress.cards['go-chan'], {
        due: '2026-03-01T09:00:00.000Z', stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, phase: 'new',
      });
      assert.equal(progress.cards['mysql-mvcc'].phase, 'relearning');
      assert.deepEqual(progress.log, [
        record('raft-commit', '2026-02-28T09:00:00.000Z', 'again'),
        record('raft-commit', '2026-03-01T09:00:00.000Z', 'good'),
        record('redis-ttl', '2026-03-01T09:00:00.000Z', 'hard'),
        record('mysql-mvcc', '2026-03-01T09:00:00.000Z', 'easy'),
      ]);
      assertValid(progress);
    });

    it('migrates version 1 without history', () => {
      const { progress, problem } = loadProgress({ version: 1, cards: {} });
      assert.equal(problem, undefined);
      assert.deepEqual(progress, emptyProgress());
    });

    const corrupt: [string, unknown, RegExp][] = [
      ['a number', 42, /not an object/],
      ['a string', '{"version":2}', /not an object/],
      ['an array', [], /not an object/],
      ['no version', { cards: {}, log: [] }, /unknown version \(missing\)/],
      ['an unknown version', { version: 3, cards: {}, log: [] }, /unknown version 3/],
      ['a version as text', { version: '2', cards: {}, log: [] }, /unknown version "2"/],
      ['cards as a list', { version: 2, cards: [], log: [] }, /"cards"/],
      ['no cards', { version: 2, log: [] }, /"cards"/],
      ['a log that is not a list', { version: 2, cards: {}, log: {} }, /"log"/],
      ['v1 cards as null', { version: 1, cards: null }, /"cards"/],
      ['v1 history that is not a list', { version: 1, cards: {}, history: 'x' }, /"history"/],
    ];
    for (const [name, raw, message] of corrupt) {
      it(`starts afresh on ${name}`, () => {
        const { progress, problem } = loadProgress(raw);
        assert.deepEqual(progress, emptyProgress());
        assert.match(problem ?? '', message);
        assert.match(problem ?? '', /reset/);
      });
    }

    const badCards: [string, unknown, RegExp][] = [
      ['negative stability', card({ stability: -1 }), /"stability"/],
      ['NaN stability', { ...card(), stability: Number.NaN }, /"stability"/],
      ['stability as text', { ...card(), stability: '4' }, /"stability"/],
      ['an invalid due date', card({ due: 'soon' }), /"due"/],
      ['a due date that is not ISO', card({ due: 'March 5, 2026' }), /"due"/],
      ['a due epoch number', { ...card(), due: 1 }, /"due"/],
      ['an invalid last review', card({ lastReview: '2026-13-45' }), /"lastReview"/],
      ['an unknown phase', { ...card(), phase: 'mastered' }, /"phase"/],
      ['fractional reps', card({ reps: 1.5 }), /"reps"/],
      ['negative lapses', card({ lapses: -1 }), /"lapses"/],
      ['missing learning steps', { ...card(), learningSteps: undefined }, /"learningSteps"/],
      ['null', null, /not an object/],
    ];
    for (const [name, bad, message] of badCards) {
      it(`drops a card with ${name} and keeps the others`, () => {
        const raw = { ...JSON.parse(JSON.stringify(sample)), cards: { ...sample.cards, 'bad-one': bad } };
        if (typeof bad === 'object' && bad !== null) Object.assign(raw.cards['bad-one'], bad); // NaN does not survive JSON
        const { progress, problem } = loadProgress(raw);
        assert.deepEqual(progress, sample);
        assert.match(problem ?? '', /1 invalid card/);
        assert.match(problem ?? '', /"bad-one"/);
        assert.match(problem ?? '', message);
      });
    }

    it('drops bad log records and keeps the rest', () => {
      const raw = {
        ...sample,
        log: [...sample.log, { questionId: '', at: NOW.toISOString(), grade: 'good' }, record('x', 'yesterday'), { ...record('x', NOW.toISOString()), grade: 'perfect' }, { ...record('x', NOW.toISOString()), correct: 'yes' }, 7, record('x', '1')],
      };
      const { progress, problem } = loadProgress(raw);
      assert.deepEqual(progress, sample);
      assert.match(problem ?? '', /6 invalid log records/);
      assert.match(problem ?? '', /#4: "questionId"/);
      assert.match(problem ?? '', /and 1 more/);
    });

    it('drops bad version 1 cards and history entries', () => {
      const { progress, problem } = loadProgress({
        version: 1,
        cards: {
          good: { due: 0, stability: 1, difficulty: 1, reps: 1, lapses: 0, state: 2 },
          'bad-state': { due: 0, stability: 1, difficulty: 1, reps: 1, lapses: 0, state: 4 },
          'bad-due': { due: 1e20, stability: 1, difficulty: 1, reps: 1, lapses: 0, state: 2 },
        },
        history: [{ id: 'good', t: 0, g: 3 }, { id: 'good', t: 0, g: 5 }],
      });
      assert.deepEqual(Object.keys(progress.cards), ['good']);
      assert.equal(progress.log.length, 1);
      assert.match(problem ?? '', /2 invalid cards and 1 invalid log record\b/);
      assertValid(progress);
    });

    it('loads -0 as 0, so a loaded state survives a JSON round trip unchanged', () => {
      const stored = { version: 2, cards: { q: { ...card(), stability: -0, reps: -0 } }, log: [] };
      const { progress, problem } = loadProgress(stored);
      assert.equal(problem, undefined);
      assert.ok(Object.is(progress.cards.q.stability, 0) && Object.is(progress.cards.q.reps, 0));
      assertValid(progress);
    });

    it('never throws and always yields a valid state (any JSON value)', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (raw) => {
          assertValid(loadProgress(raw).progress);
        }),
        { numRuns: 500 },
      );
    });

    it('never throws on near-valid states', () => {
      const anyCardField = fc.oneof(fc.jsonValue(), fc.constantFrom(Number.NaN, Infinity, -0, 1e308, '2026-01-01', 'review'));
      const nearCard = fc.record({
        due: fc.oneof(fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())), anyCardField),
        stability: fc.oneof(fc.double(), anyCardField),
        difficulty: fc.double(),
        elapsedDays: fc.double(),
        scheduledDays: fc.double(),
        learningSteps: fc.integer({ min: -2, max: 3 }),
        reps: fc.integer({ min: -2, max: 50 }),
        lapses: fc.integer({ min: -2, max: 5 }),
        phase: fc.constantFrom('new', 'learning', 'review', 'relearning', 'x'),
        lastReview: fc.option(anyCardField, { nil: undefined }),
      }, { requiredKeys: [] });
      const nearRecord = fc.record({ questionId: fc.string(), at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()), grade: fc.constantFrom('again', 'hard', 'good', 'easy', 'meh'), correct: fc.option(fc.oneof(fc.boolean(), fc.jsonValue()), { nil: undefined }) });
      fc.assert(
        fc.property(
          fc.constantFrom(1, 2),
          fc.dictionary(fc.string(), fc.oneof(nearCard, fc.jsonValue())),
          fc.array(fc.oneof(nearRecord, fc.jsonValue())),
          (version, cards, log) => {
            const result = loadProgress(version === 2 ? { version, cards, log } : { version, cards, history: log });
            assertValid(result.progress);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  it('prunes cards of removed questions but keeps the log', () => {
    const pruned = pruneProgress(sample, new Set(['raft-commit', 'other']));
    assert.deepEqual(Object.keys(pruned.cards), ['raft-commit']);
    assert.deepEqual(pruned.log, sample.log);
    assert.equal(pruneProgress(sample, new Set(['raft-commit', 'redis-ttl'])), sample);
  });

  describe('export and import', () => {
    it('round-trips', () => {
      const text = exportProgress(sample, NOW);
      const data = JSON.parse(text);
      assert.equal(data.kind, 'interview-prep-progress');
      assert.equal(data.exportedAt, NOW.toISOString());
      assert.match(text, /\n  "kind"/);
      assert.deepEqual(importProgress(text), { progress: sample });
    });

    const bad: [string, string, RegExp][] = [
      ['bad JSON', '{"kind":', /not valid JSON/],
      ['another kind', JSON.stringify({ kind: 'something-else', progress: sample }), /not an Interview Prep progress export/],
      ['a bare progress state', JSON.stringify(sample), /not an Interview Prep progress export/],
      ['no progress', JSON.stringify({ kind: 'interview-prep-progress' }), /contains no progress/],
      ['a broken progress', JSON.stringify({ kind: 'interview-prep-progress', progress: { version: 9 } }), /damaged.*unknown version 9/],
      ['one bad card', JSON.stringify({ kind: 'interview-prep-progress', progress: { ...sample, cards: { x: { ...card(), reps: -1 } } } }), /damaged.*"reps"/],
    ];
    for (const [name, text, message] of bad) {
      it(`rejects ${name}`, () => {
        const result = importProgress(text);
        assert.ok('error' in result);
        assert.match(result.error, message);
      });
    }
  });

  describe('merge', () => {
    it('keeps the card reviewed last and unites the logs', () => {
      const older = card({ reps: 2, lastReview: '2026-02-01T00:00:00.000Z' });
      const newer = card({ reps: 7, lastReview: '2026-03-01T00:00:00.000Z' });
      const current: Progress = {
        version: 2,
        cards: { a: newer, b: older, c: card() },
        log: [record('a', '2026-03-01T00:00:00.000Z'), record('b', '2026-02-01T00:00:00.000Z')],
      };
      const imported: Progress = {
        version: 2,
        cards: { a: older, b: newer, d: card() },
        log: [record('b', '2026-02-01T00:00:00.000Z'), record('a', '2026-01-15T00:00:00.000Z'), record('b', '2026-03-01T00:00:00.000Z')],
      };
      const merged = mergeProgress(current, imported);
      assert.deepEqual(merged.cards, { a: newer, b: newer, c: card(), d: card() });
      assert.deepEqual(merged.log.map((r) => `${r.questionId}@${r.at.slice(0, 10)}`), ['a@2026-01-15', 'b@2026-02-01', 'a@2026-03-01', 'b@2026-03-01']);
      assertValid(merged);
    });

    it('keeps the current card on a tie and prefers a reviewed card over one never reviewed', () => {
      const current: Progress = { version: 2, cards: { a: card({ reps: 1 }), b: card({ lastReview: undefined }) }, log: [] };
      const imported: Progress = { version: 2, cards: { a: card({ reps: 2 }), b: card({ reps: 9 }) }, log: [] };
      const merged = mergeProgress(current, imported);
      assert.equal(merged.cards.a.reps, 1);
      assert.equal(merged.cards.b.reps, 9);
    });

    it('bounds the merged log', () => {
      const log = (offset: number): ReviewRecord[] =>
        Array.from({ length: MAX_LOG_RECORDS }, (_, i) => record('q', new Date(NOW.getTime() + (2 * i + offset) * 1000).toISOString()));
      const merged = mergeProgress({ version: 2, cards: {}, log: log(0) }, { version: 2, cards: {}, log: log(1) });
      assert.equal(merged.log.length, MAX_LOG_RECORDS);
      assert.equal(merged.log.at(-1)!.at, new Date(NOW.getTime() + (2 * MAX_LOG_RECORDS - 1) * 1000).toISOString());
      assert.equal(merged.log[0].at, new Date(NOW.getTime() + MAX_LOG_RECORDS * 1000).toISOString());
    });
  });
});
