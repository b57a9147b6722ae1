/**
 * The simulator's public API: parse and run a program to completion for a seed, and "what can it
 * print?" over many seeds. Pure; used by the CLI, the panel and the benchmarks.
 */
import type { Program } from './ast';
import type { ChanEvent } from './hchan';
import { Machine, type OutcomeKind } from './interp';
import { tryParseProgram } from './parser';

export { Machine } from './interp';
export { parseProgram, tryParseProgram, MAX_PROGRAM_CHARS } from './parser';

export interface RunResult {
  readonly stdout: string;
  readonly outcome: OutcomeKind;
  readonly exitCode: number;
  /** Panic or fatal-error message; for budget/error outcomes, the explanation. */
  readonly message: string;
  readonly stderr: string;
  /** Channel operations performed (chansend, chanrecv, closechan, selectgo calls). */
  readonly ops: number;
  readonly steps: number;
  /** Virtual time at the end, in nanoseconds. */
  readonly clock: number;
  readonly events: readonly ChanEvent[];
}

export interface RunOptions {
  readonly seed?: number;
  readonly maxSteps?: number;
  readonly trace?: boolean;
  readonly maxEvents?: number;
}

/** Runs a parsed program to completion (or the step budget) for one seed. */
export function runParsed(program: Program, opts: RunOptions = {}): RunResult {
  const m = new Machine(program, { seed: opts.seed ?? 1, maxSteps: opts.maxSteps, trace: opts.trace ?? false, maxEvents: opts.maxEvents });
  while (!m.done) m.run(1 << 16);
  const o = m.outcome as NonNullable<typeof m.outcome>;
  return { stdout: m.stdout, outcome: o.kind, exitCode: o.exitCode, message: o.message, stderr: o.stderr, ops: m.ops, steps: m.steps, clock: m.clock, events: m.events };
}

/** Parses and runs `source` for a seed. Throws nothing: a parse error comes back as `{ error }`. */
export function runProgram(source: string, opts: RunOptions = {}): RunResult | { error: string } {
  const parsed = tryParseProgram(source);
  if (!parsed.ok) return { error: parsed.error };
  return runParsed(parsed.program, opts);
}

export interface OutcomeCount {
  readonly stdout: string;
  readonly outcome: OutcomeKind;
  readonly exitCode: number;
  readonly message: string;
  count: number;
  /** The first seed that produced it (to replay it in the panel). */
  readonly seed: number;
}

/** Accumulates distinct outcomes over seeds; `step` runs a slice so a UI can stay responsive. */
export class OutcomeExplorer {
  readonly outcomes: OutcomeCount[] = [];
  private readonly index = new Map<string, OutcomeCount>();
  next: number;
  constructor(private readonly program: Program, readonly firstSeed: number, readonly runs: number, private readonly maxSteps?: number) {
    this.next = firstSeed;
  }
  get done(): boolean {
    return this.next >= this.firstSeed + this.runs;
  }
  /** Runs up to `n` more seeds. */
  step(n: number): void {
    for (let i = 0; i < n && !this.done; i++, this.next++) {
      const r = runParsed(this.program, { seed: this.next, maxSteps: this.maxSteps });
      const key = `${r.outcome}\u0000${r.message}\u0000${r.stdout}`;
      const hit = this.index.get(key);
      if (hit) hit.count++;
      else {
        const oc: OutcomeCount = { stdout: r.stdout, outcome: r.outcome, exitCode: r.exitCode, message: r.message, count: 1, seed: this.next };
        this.index.set(key, oc);
        this.outcomes.push(oc);
      }
    }
  }
  sorted(): OutcomeCount[] {
    return [...this.outcomes].sort((a, b) => b.count - a.count || a.seed - b.seed);
  }
}

/** "What can it print?": distinct outcomes over seeds firstSeed … firstSeed+runs-1, most frequent first. */
export function whatCanItPrint(program: Program, runs: number, firstSeed = 1, maxSteps?: number): OutcomeCount[] {
  const ex = new OutcomeExplorer(program, firstSeed, runs, maxSteps);
  ex.step(runs);
  return ex.sorted();
}

/** A channel-heavy program for throughput benchmarks: 200,000 buffered sends and receives (400,002 channel operations). */
export const BENCH_PROGRAM = `package main

import "fmt"

func main() {
	ch := make(chan int, 16)
	done := make(chan int)
	go func() {
		sum := 0
		for v := range ch {
			sum += v
		}
		done <- sum
	}()
	for i := 0; i < 200000; i++ {
		ch <- i
	}
	close(ch)
	fmt.Println(<-done)
}
`;
