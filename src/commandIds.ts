/**
 * Every command in package.json's `contributes.commands`. activate() registers them all at once;
 * the code behind them (panels, simulators, quizzes: dist/ui.js) loads on the first call.
 */
export const COMMAND_IDS = [
  'interviewPrep.openNote',
  'interviewPrep.searchNotes',
  'interviewPrep.refreshNotes',
  'interviewPrep.startQuiz',
  'interviewPrep.reviewDue',
  'interviewPrep.quizStats',
  'interviewPrep.resetQuizProgress',
  'interviewPrep.exportQuizProgress',
  'interviewPrep.importQuizProgress',
  'interviewPrep.openRaftSimulator',
  'interviewPrep.openChannelSimulator',
  'interviewPrep.openAllocatorSimulator',
  'interviewPrep.openMvccSimulator',
  'interviewPrep.openSimulator',
  'interviewPrep.visualizeChannels',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
