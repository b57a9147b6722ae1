import * as assert from 'node:assert/strict';
import { createScheduler, fastAnswerMs, gradeChoice } from '../../src/quiz/scheduler';
import type { CardState, Grade } from '../../src/quiz/types';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const DAY = 86_400_000;
const dueMs = (card: CardState): number => Date.parse(card.due);

/** A card that graduated to the review phase: learnt at NOW, then answered 'good' whenever due. */
function reviewCard(): CardState {
  const scheduler = createScheduler();
  let card = scheduler.review(undefined, 'good', NOW);
  for (let i = 0; i < 10 && card.phase !== 'review'; i++) card = scheduler.review(card, 'good', new Date(dueMs(card)));
  assert.equal(card.phase, 'review');
  return card;
}

describe('quiz scheduler', () => {
  it('schedules a new card later the better the grade', () => {
    const scheduler = createScheduler();
    const grades: Grade[] = ['again', 'hard', 'good', 'easy'];
    const dues = grades.map((grade) => dueMs(scheduler.review(undefined, grade, NOW)));
    for (let i = 1; i < dues.length; i++) assert.ok(dues[i] > dues[i - 1], `${grades[i]} must be due after ${grades[i - 1]}`);
    assert.ok(dues.every((due) => due > NOW.getTime()));
  });

  it('converts to our JSON-friendly shape', () => {
    const card = createScheduler().review(undefined, 'good', NOW);
    assert.equal(card.reps, 1);
    assert.equal(card.lapses, 0);
    assert.equal(card.lastReview, NOW.toISOString());
    assert.match(card.due, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(['learning', 'review'].includes(card.phase));
    assert.deepEqual(JSON.parse(JSON.stringify(card)), card);
  });

  it('moves a review card further than its previous interval when graded good', () => {
    const scheduler = createScheduler();
    const card = reviewCard();
    const previousInterval = dueMs(card) - Date.parse(card.lastReview!);
    const reviewedAt = new Date(dueMs(card));
    const next = scheduler.review(card, 'good', reviewedAt);
    assert.equal(next.phase, 'review');
    assert.ok(dueMs(next) - reviewedAt.getTime() > previousInterval);
    assert.ok(next.stability > card.stability);
    assert.equal(next.reps, card.reps + 1);
  });

  it('sends a forgotten review card to relearning and counts the lapse', () => {
    const card = reviewCard();
    const next = createScheduler().review(card, 'again', new Date(dueMs(card)));
    assert.equal(next.phase, 'relearning');
    assert.equal(next.lapses, card.lapses + 1);
    assert.ok(next.stability < card.stability);
  });

  it('gives shorter intervals for a higher desired retention', () => {
    const interval = (desiredRetention: number): number => {
      const scheduler = createScheduler({ desiredRetention });
      let card = scheduler.review(undefined, 'good', NOW);
      for (let i = 0; i < 4; i++) card = scheduler.review(card, 'good', new Date(dueMs(card)));
      return dueMs(card) - Date.parse(card.lastReview!);
    };
    assert.ok(interval(0.95) < interval(0.8));
  });

  it('clamps the desired retention to 0.7–0.99', () => {
    const interval = (desiredRetention?: number): number => {
      const card = createScheduler({ desiredRetention }).review(undefined, 'easy', NOW);
      return dueMs(card);
    };
    assert.notEqual(interval(0.7), interval(0.99));
    assert.equal(interval(0.1), interval(0.7));
    assert.equal(interval(1), interval(0.99));
    assert.equal(interval(Number.NaN), interval(0.9));
    assert.equal(interval(undefined), interval(0.9));
  });

  it('is deterministic without fuzz', () => {
    const run = (): CardState[] => {
      const scheduler = createScheduler();
      const cards: CardState[] = [];
      let card: CardState | undefined;
      let at = NOW;
      for (const grade of ['good', 'good', 'hard', 'again', 'good', 'easy'] as Grade[]) {
        card = scheduler.review(card, grade, at);
        cards.push(card);
        at = new Date(dueMs(card) + DAY);
      }
      return cards;
    };
    assert.deepEqual(run(), run());
  });

  it('reports retrievability falling over time, and 0 for a new card', () => {
    const scheduler = createScheduler();
    const card = reviewCard();
    const soon = scheduler.retrievability(card, new Date(Date.parse(card.lastReview!) + DAY));
    const late = scheduler.retrievability(card, new Date(Date.parse(card.lastReview!) + 100 * DAY));
    assert.ok(soon > late && soon <= 1 && late > 0, `${soon} ${late}`);
    assert.ok(Math.abs(scheduler.retrievability(card, new Date(dueMs(card))) - 0.9) < 0.02);
    const fresh: CardState = { ...card, phase: 'new', reps: 0, stability: 0, difficulty: 0, lastReview: undefined };
    assert.equal(scheduler.retrievability(fresh, NOW), 0);
  });

  it('survives a clock that went backwards', () => {
    const scheduler = createScheduler();
    const card = reviewCard();
    const past = new Date(Date.parse(card.lastReview!) - 30 * DAY);
    const next = scheduler.review(card, 'good', past);
    assert.equal(next.reps, card.reps + 1);
    assert.equal(next.lastReview, card.lastReview);
    assert.ok(dueMs(next) > Date.parse(card.lastReview!));
  });

  it('accepts a stored card that went through JSON', () => {
    const scheduler = createScheduler();
    const card = reviewCard();
    const at = new Date(dueMs(card));
    assert.deepEqual(scheduler.review(JSON.parse(JSON.stringify(card)) as CardState, 'good', at), scheduler.review(card, 'good', at));
  });
});

describe('grading choice answers', () => {
  const question = { question: 'x'.repeat(50), options: ['a'.repeat(25), 'b'.repeat(25)] };
  // fast = 4 s + 40 ms × 100 characters = 8 s
  it('derives the fast time from the text length', () => {
    assert.equal(fastAnswerMs(question), 8000);
    assert.equal(fastAnswerMs({ question: '' }), 4000);
  });
  it('grades by correctness and time', () => {
    assert.equal(gradeChoice(false, 1000, question), 'again');
    assert.equal(gradeChoice(false, 100_000, question), 'again');
    assert.equal(gradeChoice(true, 1000, question), 'easy');
    assert.equal(gradeChoice(true, 8000, question), 'easy');
    assert.equal(gradeChoice(true, 8001, question), 'good');
    assert.equal(gradeChoice(true, 24_000, question), 'good');
    assert.equal(gradeChoice(true, 24_001, question), 'hard');
  });
});
