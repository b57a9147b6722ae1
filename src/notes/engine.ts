/**
 * The heavy half of the notes feature (markdown-it, highlight.js, js-yaml: most of the code),
 * bundled as dist/engine.js and loaded on first use, so activation stays cheap.
 */
export { buildCatalogue } from './catalogue';
export { createMarkdown } from './markdown';
export { sizeProblem } from './parse';
export { renderFragment, renderTopic } from './render';
export { parseQuestionFile } from '../quiz/parseBank';
