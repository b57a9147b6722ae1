/** What a simulator's headless command gets from `dist/cli.js`: output streams and a file reader. */
export interface SimCliIo {
  out(text: string): void;
  err(text: string): void;
  /** The text of a file, or of stdin for "-". Throws an Error whose message names the file. */
  readText(pathOrDash: string): string;
}

/** Runs one simulator subcommand with its arguments; returns the exit status (2 for invalid input). */
export type SimCli = (args: readonly string[], io: SimCliIo) => number;

/** Reads `file` through `io`; when that fails, writes `<prefix>: <reason>` to stderr and returns undefined (exit 2). */
export function readInput(io: SimCliIo, file: string, prefix: string): string | undefined {
  try {
    return io.readText(file);
  } catch (e) {
    io.err(`${prefix}: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}
