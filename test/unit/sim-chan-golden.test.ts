/**
 * Golden programs: test/golden/chan/NAME.expected.json with the program in NAME.go, or for the
 * simulator's presets in src/sim/chan/presets.ts (one copy of each preset). The expectations were
 * established by reasoning from the Go specification and runtime source; this test checks the
 * simulator against them over many seeds; the second suite runs each with the real Go toolchain
 * (skipping with a message when `go` is not on PATH, or a program needs a newer Go) and checks that
 * Go's stdout, exit status and first stderr line are among the allowed outcomes.
 */
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAN_PRESETS } from '../../src/sim/chan/presets';
import { parseProgram, whatCanItPrint } from '../../src/sim/chan/run';

interface GoldenOutcome { stdout: string; outcome: string; exitCode: number; message: string }
interface Golden { name: string; source: string; outputs: GoldenOutcome[]; go?: string; stderrFirstLine?: string }

function goldenDir(): string {
  const candidates = [path.resolve(process.cwd(), 'test/golden/chan'), path.resolve(__dirname, '..', '..', '..', 'test/golden/chan'), path.resolve(__dirname, '..', '..', 'test/golden/chan')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`test/golden/chan not found (looked in ${candidates.join(', ')})`);
  return found;
}

function loadGoldens(): Golden[] {
  const dir = goldenDir();
  const suffix = '.expected.json';
  return fs.readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => {
    const name = f.slice(0, -suffix.length);
    const exp = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Partial<GoldenOutcome> & { outputs?: GoldenOutcome[]; go?: string; stderrFirstLine?: string };
    const outputs = exp.outputs ?? [{ stdout: exp.stdout as string, outcome: exp.outcome as string, exitCode: exp.exitCode as number, message: exp.message as string }];
    const file = path.join(dir, `${name}.go`);
    const source = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : CHAN_PRESETS.find((p) => p.id === name)?.source;
    if (source === undefined) throw new Error(`${f}: no ${name}.go and no preset "${name}"`);
    return { name, source, outputs, go: exp.go, stderrFirstLine: exp.stderrFirstLine };
  });
}

/** The first line Go writes to stderr for an outcome. */
function expectedFirstLine(g: Golden, o: GoldenOutcome): string | undefined {
  if (g.stderrFirstLine) return g.stderrFirstLine;
  if (o.outcome === 'panic') return `panic: ${o.message}`;
  if (o.outcome === 'deadlock' || o.outcome === 'fatal') return `fatal error: ${o.message}`;
  return undefined;
}

const key = (o: GoldenOutcome) => JSON.stringify([o.stdout, o.outcome, o.exitCode, o.message]);

describe('chan simulator: golden programs', () => {
  const goldens = loadGoldens();

  it('has a corpus of at least 25 programs, including every preset', () => {
    assert.ok(goldens.length >= 25, `only ${goldens.length} golden programs`);
    for (const p of CHAN_PRESETS) {
      const g = goldens.find((x) => x.name === p.id);
      assert.ok(g, `preset ${p.id} has no test/golden/chan/${p.id}.expected.json`);
      assert.equal(g.source, p.source, `test/golden/chan/${p.id}.go would shadow the preset's program`);
    }
  });

  for (const g of goldens) {
    it(`${g.name}: every seed gives an allowed outcome${g.outputs.length > 1 ? ', and every allowed outcome occurs' : ''}`, () => {
      const program = parseProgram(g.source);
      const runs = g.outputs.length > 1 ? 300 : 40;
      const seen = whatCanItPrint(program, runs, 1);
      const allowed = new Set(g.outputs.map(key));
      for (const o of seen) {
        assert.ok(allowed.has(key(o)), `${g.name}: seed ${o.seed} gave an unexpected outcome ${JSON.stringify({ stdout: o.stdout, outcome: o.outcome, message: o.message })}`);
      }
      const got = new Set(seen.map(key));
      for (const o of g.outputs) assert.ok(got.has(key(o)), `${g.name}: outcome never produced in ${runs} seeds: ${JSON.stringify(o)}`);
    });
  }
});

function goVersion(): [number, number] | undefined {
  try {
    const out = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', timeout: 20_000 }).trim();
    const m = /^go(\d+)\.(\d+)/.exec(out);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
  } catch {
    return undefined;
  }
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { ...opts, timeout: 60_000, maxBuffer: 4 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function pool<T>(items: T[], width: number, f: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (i < items.length) await f(items[i++]); }));
}

describe('chan simulator: golden programs under the real Go toolchain', function () {
  this.timeout(120_000);
  const version = goVersion();
  const goldens = loadGoldens();
  const built = new Map<string, { bin?: string; error?: string }>();
  let tmp = '';

  before(async function () {
    if (!version) {
      console.log('    (skipped: `go` is not on PATH — install golang-go to check the golden programs against real Go)');
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chan-golden-'));
    const env = { ...process.env, GO111MODULE: 'off', GOFLAGS: '', CGO_ENABLED: '0' };
    await pool(goldens.filter((g) => supported(g)), 2, async (g) => {
      const dir = path.join(tmp, g.name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'main.go'), g.source);
      const bin = path.join(dir, 'prog');
      const r = await run('go', ['build', '-o', bin, 'main.go'], { cwd: dir, env });
      built.set(g.name, r.code === 0 ? { bin } : { error: r.stderr });
    });
  });

  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  function supported(g: Golden): boolean {
    if (!g.go || !version) return true;
    const [maj, min] = g.go.split('.').map(Number);
    return version[0] > maj || (version[0] === maj && version[1] >= min);
  }

  for (const g of goldens) {
    it(`${g.name}: real Go gives an allowed outcome`, async function () {
      if (!supported(g)) {
        console.log(`    (skipped ${g.name}: needs Go ${g.go}, found go${version?.join('.')})`);
        this.skip();
      }
      const b = built.get(g.name);
      assert.ok(b, 'not built');
      assert.equal(b.error, undefined, `go build failed:\n${b.error}`);
      const r = await run(b.bin as string, [], { cwd: tmp });
      const firstLine = r.stderr.split('\n')[0] || undefined;
      const ok = g.outputs.some((o) => o.stdout === r.stdout && o.exitCode === r.code && expectedFirstLine(g, o) === firstLine);
      assert.ok(ok, `${g.name}: Go printed ${JSON.stringify(r.stdout)} with exit ${r.code} and stderr ${JSON.stringify(firstLine)}; allowed: ${JSON.stringify(g.outputs)}`);
    });
  }
});
