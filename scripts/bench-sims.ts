/**
 * The simulator cores' speed, in Node (bundled by scripts/bench.mjs). Each figure runs the real
 * core on real input; nothing here is estimated.
 */
import { replayScenarioText } from '../src/sim/alloc/presets';
import { benchMallocs } from '../src/sim/alloc/scenario';
import { CHAN_PRESETS } from '../src/sim/chan/presets';
import { parseProgram } from '../src/sim/chan/parser';
import { runParsed, whatCanItPrint } from '../src/sim/chan/run';
import { runScript } from '../src/sim/mvcc/script';
import { runLoad } from '../src/sim/raft/runner';

export interface SimFigures {
  raft: { virtualMs: number; wallMs: number; speedup: number; requests: number; events: number; violations: number };
  chan: { ops: number; wallMs: number; opsPerSecond: number; outcome: string; fanInRuns: number; fanInMs: number; fanInOutcomes: number };
  alloc: { mallocs: number; wallMs: number; mallocsPerSecond: number };
  mvcc: { statements: number; wallMs: number; statementsPerSecond: number; errors: number };
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

/** The run with the median wall time of `runs` runs (after one warm-up run for the JIT). */
function medianOf<T>(runs: number, fn: () => T): [T, number] {
  fn();
  const results = Array.from({ length: runs }, () => time(fn)).sort((a, b) => a[1] - b[1]);
  return results[Math.floor(runs / 2)];
}

/** A channel-heavy program: a pipeline of three stages over buffered and unbuffered channels. */
const CHANNEL_HEAVY = `package main

import "fmt"

func main() {
	src := make(chan int, 16)
	mid := make(chan int)
	done := make(chan int)
	go func() {
		for i := 0; i < 100000; i++ {
			src <- i
		}
		close(src)
	}()
	go func() {
		for v := range src {
			mid <- v * 2
		}
		close(mid)
	}()
	go func() {
		sum := 0
		for v := range mid {
			sum += v
		}
		done <- sum
	}()
	fmt.Println(<-done)
}
`;

/** A two-session script of `n` statements: transactions of reads and updates that interleave. */
function mvccScript(n: number): string {
  const lines = ['CREATE TABLE t (id INT PRIMARY KEY, v INT);'];
  const rows = 100;
  lines.push(`INSERT INTO t VALUES ${Array.from({ length: rows }, (_, i) => `(${i + 1}, 0)`).join(', ')};`);
  let count = 2;
  for (let i = 0; count < n; i++) {
    for (const session of ['T1', 'T2']) {
      const id = ((i * 7 + (session === 'T1' ? 0 : 50)) % rows) + 1;
      for (const sql of ['BEGIN', `SELECT * FROM t WHERE id = ${id}`, `UPDATE t SET v = v + 1 WHERE id = ${id}`, 'COMMIT']) {
        if (count >= n) break;
        lines.push(`${session}: ${sql};`);
        count++;
      }
    }
  }
  return lines.join('\n');
}

export function measureSimulators(): SimFigures {
  // Raft: 5 nodes, 100 client requests per second, 60 s of virtual time.
  const virtualMs = 60_000;
  const [sim, raftMs] = medianOf(3, () => runLoad(virtualMs, 100));
  const raft = { virtualMs, wallMs: raftMs, speedup: virtualMs / raftMs, requests: (virtualMs / 1000) * 100, events: sim.processed, violations: sim.violations.length };

  const heavy = parseProgram(CHANNEL_HEAVY);
  const [result, chanMs] = medianOf(3, () => runParsed(heavy, { seed: 2, maxSteps: 50_000_000 }));
  const fanIn = CHAN_PRESETS.find((p) => p.id === 'fan-in');
  if (!fanIn) throw new Error('no fan-in preset');
  const fanInProgram = parseProgram(fanIn.source);
  const [outcomes, fanInMs] = time(() => whatCanItPrint(fanInProgram, 1000));
  const chan = {
    ops: result.ops, wallMs: chanMs, opsPerSecond: result.ops / (chanMs / 1000), outcome: `${result.outcome} ${result.stdout.trim()}`,
    fanInRuns: 1000, fanInMs, fanInOutcomes: outcomes.length,
  };

  const mallocs = 2_000_000;
  const [, allocMs] = medianOf(3, () => benchMallocs(mallocs));
  const alloc = { mallocs, wallMs: allocMs, mallocsPerSecond: mallocs / (allocMs / 1000) };

  const script = mvccScript(10_000);
  const [run, mvccMs] = medianOf(3, () => runScript(script));
  const statements = run.perStep.length;
  const errors = run.events.filter((e) => (e as { status?: string }).status === 'error').length;
  const mvcc = { statements, wallMs: mvccMs, statementsPerSecond: statements / (mvccMs / 1000), errors };
  return { raft, chan, alloc, mvcc };
}

/** The allocator scenario the panel's frame-time figure replays: `n` allocations. */
export function allocReplayText(n: number): string {
  return replayScenarioText(n);
}

if (require.main === module) console.log(JSON.stringify(measureSimulators(), null, 2));
