/** The quiz core (FSRS via ts-fsrs, progress, sessions, stats): dist/quiz.js, loaded on first use. The YAML bank parser lives in dist/engine.js with js-yaml. */
export { questionText } from './bank';
export { emptyProgress, exportProgress, importProgress, loadProgress, mergeProgress, pruneProgress, recordReview } from './progress';
export { createScheduler, gradeChoice } from './scheduler';
export { buildSession, mulberry32, newToday, shuffledOptions } from './session';
export { dueCounts, dueForecast, reviewsPerDay, topicStats } from './stats';
