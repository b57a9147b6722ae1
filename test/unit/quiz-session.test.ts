import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Question, QuestionType } from '../../src/quiz/bank';
import { createScheduler } from '../../src/quiz/scheduler';
import { buildSession, mulberry32, newToday, shuffledOptions, type SessionInput } from '../../src/quiz/session';
import type { CardState, Progress, ReviewRecord } from '../../src/quiz/types';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();

function question(id: string, type: QuestionType = 'single', topicId = id.split('-')[0]): Question {
  const options = type === 'single' || type === 'multiple' ? ['a', 'b', 'c', 'd'] : undefined;
  const correct = type === 'single' ? 1 : type === 'multiple' ? [0, 2] : type === 'truefalse' ? true : undefined;
  return { id, topicId, type, section: 's', correct, text: { en: { question: `Q ${id}?`, options, explanation: 'E' } } };
}

function card(due: string, overrides: Partial<CardState> = {}): CardState {
  return { due, stability: 3, difficulty: 5, elapsedDays: 0, scheduledDays: 3, learningSteps: 0, reps: 2, lapses: 0, phase: 'review', lastReview: at(-3 * DAY), ...overrides };
}

function progress(cards: Record<string, CardState>, log: ReviewRecord[] = []): Progress {
  return { version: 2, cards, log };
}

function session(overrides: Partial<SessionInput> & Pick<SessionInput, 'questions' | 'progress'>): string[] {
  return buildSession({ now: NOW, size: 10, mode: 'quiz', newPerDay: 20, rng: mulberry32(1), ...overrides }).map((q) => q.id);
}

// b is most overdue; c and d are due at the same time (id order); e is due tomorrow; a is new.
const bank = ['a', 'b', 'c', 'd', 'e'].map((id) => question(`raft-${id}`));
const state = progress({
  'raft-b': card(at(-3 * DAY)),
  'raft-d': card(at(-DAY)),
  'raft-c': card(at(-DAY)),
  'raft-e': card(at(DAY)),
});

describe('quiz session', () => {
  it('puts due questions first, most overdue first, then new, then the rest', () => {
    assert.deepEqual(session({ questions: bank, progress: state }), ['raft-b', 'raft-c', 'raft-d', 'raft-a', 'raft-e']);
  });

  it('counts a card due exactly now as due', () => {
    const ids = session({ questions: bank, progress: progress({ 'raft-e': card(NOW.toISOString()) }), mode: 'review' });
    assert.deepEqual(ids, ['raft-e']);
  });

  it('review mode asks only due questions', () => {
    assert.deepEqual(session({ questions: bank, progress: state, mode: 'review' }), ['raft-b', 'raft-c', 'raft-d']);
    assert.deepEqual(session({ questions: bank, progress: progress({}), mode: 'review' }), []);
  });

  it('respects the size', () => {
    assert.deepEqual(session({ questions: bank, progress: state, size: 2 }), ['raft-b', 'raft-c']);
    assert.deepEqual(session({ questions: bank, progress: state, size: 4 }), ['raft-b', 'raft-c', 'raft-d', 'raft-a']);
    assert.deepEqual(session({ questions: bank, progress: state, size: 0 }), []);
    assert.deepEqual(session({ questions: bank, progress: state, size: 2, mode: 'review' }), ['raft-b', 'raft-c']);
  });

  it('fills with the questions least likely remembered', () => {
    // Both not due; the weak card was learnt recently but is barely stable, the strong one holds for months.
    const weak = card(at(DAY / 2), { stability: 2, scheduledDays: 2, lastReview: at(-1.5 * DAY) });
    const strong = card(at(60 * DAY), { stability: 80, scheduledDays: 80, lastReview: at(-20 * DAY) });
    const scheduler = createScheduler();
    assert.ok(scheduler.retrievability(weak, NOW) < scheduler.retrievability(strong, NOW));
    const questions = [question('go-strong'), question('go-weak')];
    assert.deepEqual(session({ questions, progress: progress({ 'go-strong': strong, 'go-weak': weak }), newPerDay: 0 }), ['go-weak', 'go-strong']);
  });

  it('never asks a question twice, even when the bank repeats it', () => {
    assert.deepEqual(session({ questions: [...bank, ...bank], progress: state }), ['raft-b', 'raft-c', 'raft-d', 'raft-a', 'raft-e']);
  });

  describe('new questions per day', () => {
    const fresh = Array.from({ length: 10 }, (_, i) => question(`redis-n${i}`));
    // Before midnight UTC: three questions introduced today (one of them answered twice), one introduced yesterday and seen again today.
    const evening = new Date('2026-03-01T23:30:00.000Z');
    const log: ReviewRecord[] = [
      { questionId: 'go-old', at: '2026-02-28T10:00:00.000Z', grade: 'good' },
      { questionId: 'go-old', at: '2026-03-01T09:00:00.000Z', grade: 'good' },
      { questionId: 'go-x', at: '2026-03-01T00:00:00.000Z', grade: 'again' },
      { questionId: 'go-x', at: '2026-03-01T00:05:00.000Z', grade: 'good' },
      { questionId: 'go-y', at: '2026-03-01T12:00:00.000Z', grade: 'good' },
      { questionId: 'go-z', at: '2026-03-01T23:59:59.999Z', grade: 'easy' },
    ];
    const seen = progress({}, log);

    it('counts questions first reviewed on the current UTC day', () => {
      assert.equal(newToday(seen, evening), 3);
      assert.equal(newToday(seen, new Date('2026-03-02T00:00:00.000Z')), 0);
      assert.equal(newToday(seen, new Date('2026-02-28T23:00:00.000Z')), 1);
      assert.equal(newToday(progress({}), evening), 0);
    });

    it('introduces only what is left of the allowance, and the full allowance the next day', () => {
      const input = { questions: fresh, progress: seen, newPerDay: 5 };
      assert.equal(session({ ...input, now: evening }).length, 2);
      assert.equal(session({ ...input, now: new Date('2026-03-02T00:30:00.000Z') }).length, 5);
      assert.equal(session({ ...input, now: evening, newPerDay: 2 }).length, 0);
      assert.equal(session({ ...input, now: evening, newPerDay: 0 }).length, 0);
    });

    it('still asks due questions when the allowance is used up', () => {
      const withDue = progress({ 'raft-b': card(at(-DAY)) }, log);
      assert.deepEqual(session({ questions: [...fresh, bank[1]], progress: withDue, now: evening, newPerDay: 3 }), ['raft-b']);
    });
  });

  it('shuffles only the new questions, deterministically for a seed', () => {
    const fresh = Array.from({ length: 20 }, (_, i) => question(`mysql-n${String(i).padStart(2, '0')}`));
    const questions = [...fresh, ...bank];
    const run = (seed: number): string[] => session({ questions, progress: state, size: 30, newPerDay: 30, rng: mulberry32(seed) });
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
    for (const seed of [7, 8]) {
      const ids = run(seed);
      assert.deepEqual(ids.slice(0, 3), ['raft-b', 'raft-c', 'raft-d']);
      assert.deepEqual(ids.slice(3, 24).sort(), ['raft-a', ...fresh.map((q) => q.id)].sort());
      assert.deepEqual(ids.slice(24), ['raft-e']);
    }
  });

  it('builds from a large bank and log', () => {
    const questions = Array.from({ length: 2000 }, (_, i) => question(`topic${i % 40}-q${i}`));
    const cards: Record<string, CardState> = {};
    const log: ReviewRecord[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = questions[(i * 7) % 1500].id;
      log.push({ questionId: id, at: at(-DAY * 60 + i * 500_000), grade: 'good' });
      cards[id] = card(at((i % 20 - 10) * DAY));
    }
    const ids = session({ questions, progress: progress(cards, log), size: 100 });
    assert.equal(ids.length, 100);
    assert.equal(new Set(ids).size, 100);
  });

  it('never duplicates, respects the size and modes (property)', () => {
    const ids = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `go-q${i}`));
    fc.assert(
      fc.property(
        fc.array(ids, { maxLength: 20 }),
        fc.dictionary(ids, fc.integer({ min: -10, max: 10 })),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom('quiz' as const, 'review' as const),
        fc.integer(),
        (bankIds, dueDays, size, newPerDay, mode, seed) => {
          const questions = bankIds.map((id) => question(id));
          const cards = Object.fromEntries(Object.entries(dueDays).map(([id, days]) => [id, card(at(days * DAY))]));
          const result = buildSession({ questions, progress: progress(cards), now: NOW, size, mode, newPerDay, rng: mulberry32(seed) });
          const resultIds = result.map((q) => q.id);
          assert.equal(new Set(resultIds).size, resultIds.length);
          assert.ok(result.length <= size);
          assert.ok(resultIds.every((id) => bankIds.includes(id)));
          const dueIds = new Set(bankIds.filter((id) => id in cards && dueDays[id] <= 0));
          const newIds = new Set(bankIds.filter((id) => !(id in cards)));
          assert.equal(resultIds.filter((id) => dueIds.has(id)).length, Math.min(size, dueIds.size));
          if (mode === 'review') assert.ok(resultIds.every((id) => dueIds.has(id)));
          else {
            assert.ok(resultIds.filter((id) => newIds.has(id)).length <= newPerDay);
            assert.equal(result.length, Math.min(size, new Set(bankIds).size - newIds.size + Math.min(newIds.size, newPerDay)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('option order', () => {
  it('is a permutation of the option indexes', () => {
    const rng = mulberry32(3);
    for (let i = 0; i < 50; i++) {
      const order = shuffledOptions(question('raft-x'), rng);
      assert.deepEqual([...order].sort(), [0, 1, 2, 3]);
    }
    assert.deepEqual([...shuffledOptions(question('raft-m', 'multiple'), rng)].sort(), [0, 1, 2, 3]);
  });

  it('is empty for true/false and recall cards', () => {
    assert.deepEqual(shuffledOptions(question('raft-t', 'truefalse'), mulberry32(1)), []);
    assert.deepEqual(shuffledOptions(question('raft-r', 'recall'), mulberry32(1)), []);
  });

  it('depends only on the seed, and reaches every order', () => {
    assert.deepEqual(shuffledOptions(question('raft-x'), mulberry32(5)), shuffledOptions(question('raft-x'), mulberry32(5)));
    const rng = mulberry32(11);
    const orders = new Set<string>();
    for (let i = 0; i < 2000; i++) orders.add(shuffledOptions(question('raft-x'), rng).join());
    assert.equal(orders.size, 24);
  });
});

describe('mulberry32', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(values, Array.from({ length: 1000 }, () => b()));
    assert.ok(values.every((v) => v >= 0 && v < 1));
    assert.notEqual(mulberry32(43)(), mulberry32(42)());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05);
  });
});
