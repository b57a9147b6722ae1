import * as assert from 'node:assert/strict';
import type { Question } from '../../src/quiz/bank';
import { dueCounts, dueForecast, reviewsPerDay, topicStats } from '../../src/quiz/stats';
import type { CardState, Progress, ReviewRecord } from '../../src/quiz/types';

const NOW = new Date('2026-03-10T12:00:00.000Z');

function question(id: string): Question {
  return { id, topicId: id.split('-')[0], type: 'truefalse', section: 's', correct: true, text: { en: { question: 'Q', explanation: 'E' } } };
}

function card(due: string): CardState {
  return { due, stability: 3, difficulty: 5, elapsedDays: 0, scheduledDays: 3, learningSteps: 0, reps: 2, lapses: 0, phase: 'review', lastReview: '2026-03-07T08:00:00.000Z' };
}

function review(questionId: string, at: string, grade: ReviewRecord['grade'], correct?: boolean): ReviewRecord {
  return correct === undefined ? { questionId, at, grade } : { questionId, at, grade, correct };
}

const questions = ['raft-a', 'raft-b', 'raft-c', 'redis-a', 'go-a'].map(question);
const progress: Progress = {
  version: 2,
  cards: {
    'raft-a': card('2026-03-09T12:00:00.000Z'), // overdue
    'raft-b': card('2026-03-10T20:00:00.000Z'), // later today: not due yet
    'raft-c': card('2026-03-12T12:00:00.000Z'),
    'redis-a': card('2026-03-05T00:00:00.000Z'), // overdue
  },
  log: [
    review('raft-b', '2026-02-01T08:00:00.000Z', 'easy'), // outside the 30-day window
    review('raft-c', '2026-03-07T08:00:00.000Z', 'hard', true), // correct but slow: remembered
    review('raft-b', '2026-03-08T08:00:00.000Z', 'hard'), // recall graded hard: not counted as remembered
    review('redis-a', '2026-03-08T09:00:00.000Z', 'good'),
    review('raft-a', '2026-03-09T08:00:00.000Z', 'again', false),
    review('redis-a', '2026-03-09T09:00:00.000Z', 'easy'),
    review('removed-question', '2026-03-10T01:00:00.000Z', 'again'),
    review('raft-a', '2026-03-10T08:00:00.000Z', 'good', true),
    review('raft-a', '2026-03-12T08:00:00.000Z', 'good', true), // in the future (clock skew): ignored
  ],
};

describe('quiz statistics', () => {
  it('summarises each topic', () => {
    assert.deepEqual(topicStats(questions, progress, NOW), [
      { topicId: 'raft', total: 3, seen: 3, due: 1, retention: 2 / 4, streak: 4 },
      // No review yet today: the streak still counts until the day ends.
      { topicId: 'redis', total: 1, seen: 1, due: 1, retention: 1, streak: 2 },
      { topicId: 'go', total: 1, seen: 0, due: 0, retention: null, streak: 0 },
    ]);
  });

  it('breaks a streak after a day without reviews', () => {
    const [raft] = topicStats(questions, progress, new Date('2026-03-12T00:30:00.000Z'));
    assert.equal(raft.streak, 0);
    const [, redis] = topicStats(questions, progress, new Date('2026-03-09T23:00:00.000Z'));
    assert.equal(redis.streak, 2);
  });

  it('counts reviews per UTC day, oldest first, ending today', () => {
    assert.deepEqual(reviewsPerDay(progress, NOW, 5), [
      { day: '2026-03-06', count: 0 },
      { day: '2026-03-07', count: 1 },
      { day: '2026-03-08', count: 2 },
      { day: '2026-03-09', count: 2 },
      { day: '2026-03-10', count: 2 },
    ]);
    const month = reviewsPerDay(progress, NOW);
    assert.equal(month.length, 30);
    assert.equal(month[0].day, '2026-02-09');
    assert.equal(month.reduce((sum, d) => sum + d.count, 0), 7);
  });

  it('forecasts due cards per day, overdue ones today', () => {
    assert.deepEqual(dueForecast(progress, NOW, 4), [
      { day: '2026-03-10', count: 3 },
      { day: '2026-03-11', count: 0 },
      { day: '2026-03-12', count: 1 },
      { day: '2026-03-13', count: 0 },
    ]);
    assert.equal(dueForecast(progress, NOW).length, 14);
    assert.equal(dueForecast(progress, NOW).at(-1)!.day, '2026-03-23');
  });

  it('counts due questions per topic, with every topic present', () => {
    assert.deepEqual([...dueCounts(questions, progress, NOW)], [['raft', 1], ['redis', 1], ['go', 0]]);
    assert.deepEqual([...dueCounts([...questions, ...questions], progress, NOW)], [['raft', 1], ['redis', 1], ['go', 0]]);
    assert.deepEqual([...dueCounts([], progress, NOW)], []);
  });

  it('agrees with the topic statistics on a large bank', () => {
    const bank = Array.from({ length: 2000 }, (_, i) => question(`topic${i % 37}-q${i}`));
    const cards: Record<string, CardState> = {};
    bank.forEach((q, i) => {
      if (i % 3 !== 0) cards[q.id] = card(new Date(NOW.getTime() + ((i % 11) - 5) * 86_400_000).toISOString());
    });
    const large: Progress = { version: 2, cards, log: [] };
    const counts = dueCounts(bank, large, NOW);
    assert.equal(counts.size, 37);
    for (const topic of topicStats(bank, large, NOW)) assert.equal(counts.get(topic.topicId), topic.due);
  });
});
