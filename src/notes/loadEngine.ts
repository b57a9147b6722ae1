import type * as Engine from './engine';

export type NotesEngine = typeof Engine;

let engine: NotesEngine | undefined;

/** Loads dist/engine.js the first time notes are read or rendered (it sits next to dist/extension.js). */
export function notesEngine(): NotesEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('./engine.js') as NotesEngine);
}
