import * as assert from 'node:assert/strict';
import { questionText } from '../../src/quiz/bank';
import { parseQuestionFile } from '../../src/quiz/parseBank';

const ok = `
- id: raft-commit
  type: single
  section: log-replication
  correct: 1
  en: { question: Q, options: [a, b, c], explanation: E }
  zh-cn: { question: 问, options: [甲, 乙, 丙], explanation: 解 }
- id: raft-recall
  type: recall
  section: log-replication
  en: { question: Q, answer: A, explanation: E }
`;

describe('question bank parser', () => {
  it('reads valid questions', () => {
    const { questions, problems } = parseQuestionFile('raft.yaml', 'raft', ok);
    assert.deepEqual(problems, []);
    assert.deepEqual(questions.map((q) => [q.id, q.type, q.correct]), [['raft-commit', 'single', 1], ['raft-recall', 'recall', undefined]]);
  });

  it('falls back to the other language when a translation is missing', () => {
    const [, recall] = parseQuestionFile('raft.yaml', 'raft', ok).questions;
    assert.equal(questionText(recall, 'zh-cn').question, 'Q');
  });

  const bad: [string, string, RegExp][] = [
    ['not YAML', 'a: [', /not valid YAML/],
    ['not a list', 'a: 1', /list of questions/],
    ['a bad id', '- { id: Bad Id, type: single }', /kebab-case/],
    ['an id of another topic', '- { id: redis-x, type: single, section: s }', /start with the topic id/],
    ['an unknown type', '- { id: raft-x, type: essay, section: s }', /"type"/],
    ['no section', '- { id: raft-x, type: recall, en: { question: q, answer: a, explanation: e } }', /"section"/],
    ['a correct index out of range', '- { id: raft-x, type: single, section: s, correct: 3, en: { question: q, options: [a, b], explanation: e } }', /index of one option/],
    ['a multiple with one answer', '- { id: raft-x, type: multiple, section: s, correct: [0], en: { question: q, options: [a, b], explanation: e } }', /at least two/],
    ['a truefalse without a boolean', '- { id: raft-x, type: truefalse, section: s, correct: 1, en: { question: q, explanation: e } }', /true or false/],
    ['a recall without an answer', '- { id: raft-x, type: recall, section: s, en: { question: q, explanation: e } }', /model answer/],
    ['languages with different option counts', '- { id: raft-x, type: single, section: s, correct: 0, en: { question: q, options: [a, b], explanation: e }, zh-cn: { question: q, options: [a, b, c], explanation: e } }', /numbers of options/],
    ['duplicate options', '- { id: raft-x, type: single, section: s, correct: 0, en: { question: q, options: [a, a], explanation: e } }', /duplicates/],
    ['no explanation', '- { id: raft-x, type: truefalse, section: s, correct: true, en: { question: q } }', /explanation/],
  ];
  for (const [name, text, message] of bad) {
    it(`reports ${name}`, () => {
      const { questions, problems } = parseQuestionFile('raft.yaml', 'raft', text);
      assert.equal(questions.length, 0);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0].message, message);
    });
  }
});
