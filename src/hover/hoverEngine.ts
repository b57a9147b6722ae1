/** Tokenizer, classifier and tip texts: bundled as dist/hover.js, loaded on the first Go hover. */
export { classifyAt, GoFileCache } from './classify';
export { tipMarkdown } from './tipMarkdown';
