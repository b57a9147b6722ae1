/**
 * The simulator against a real InnoDB: a throwaway MariaDB 10.11 server runs every preset at every
 * isolation level through real concurrent connections, and rows, errors and blocked/resumed must match.
 * Skips (with a message) when mariadbd is not installed or cannot start.
 *
 * MariaDB 10.11 differences from MySQL 8.0 handled here:
 * - `FOR SHARE` is MySQL 8.0 syntax; MariaDB 10.11 needs `LOCK IN SHARE MODE` (translated).
 * - The duplicate-key message names the key without the table ('PRIMARY', not 't.PRIMARY'): only errno is compared.
 * - MariaDB detects deadlocks synchronously, MySQL 8.0.18+ in a background thread; either way the surviving
 *   client sees no wait, and the victim is the transaction with less weight (undo records + lock structs).
 *   (The manual's transcript of its deadlock example shows client A's error; both engines roll back B, the lighter.)
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SimEvent } from '../../src/sim/mvcc/engine';
import { PRESETS } from '../../src/sim/mvcc/presets';
import { parseScript, runSteps } from '../../src/sim/mvcc/script';
import { ISOLATION_LEVELS, type IsolationLevel } from '../../src/sim/mvcc/sql';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
/** A statement still running after this long is "blocked". */
const BLOCK_MS = 250;
/** After each step, time for statements it released to finish. */
const SETTLE_MS = 60;

type Conn = import('mysql2/promise').Connection;

function fmtSim(e: SimEvent): string {
  if (e.status === 'blocked') return `${e.line} ${e.session} blocked`;
  if (e.status === 'error') return `${e.line} ${e.session} error ${e.errno}`;
  return e.rows ? `${e.line} ${e.session} ${e.status} ${JSON.stringify(e.rows)}` : `${e.line} ${e.session} ${e.status}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mvcc: against a real MariaDB server', function () {
  this.timeout(120_000);
  let dir = '';
  let server: ChildProcess | undefined;
  let socket = '';
  let mysql: typeof import('mysql2/promise') | undefined;
  let dbCounter = 0;

  before(async function () {
    if (!fs.existsSync(MARIADBD) || !fs.existsSync(INSTALL_DB)) {
      console.log(`      (skipped: ${MARIADBD} is not installed)`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mvcc-mariadb-'));
    socket = path.join(dir, 'sock');
    const install = spawnSync(INSTALL_DB, ['--user=root', `--datadir=${path.join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8', timeout: 60_000 });
    if (install.status !== 0) {
      console.log(`      (skipped: mariadb-install-db failed: ${(install.stderr || install.stdout || String(install.error)).slice(0, 300)})`);
      this.skip();
    }
    server = spawn(MARIADBD, [
      '--no-defaults', '--user=root', `--datadir=${path.join(dir, 'data')}`, `--socket=${socket}`, '--skip-networking', '--skip-grant-tables',
      '--innodb-lock-wait-timeout=2', '--innodb-buffer-pool-size=32M', '--skip-log-bin', `--pid-file=${path.join(dir, 'pid')}`, `--log-error=${path.join(dir, 'err.log')}`,
    ], { stdio: 'ignore' });
    let exited = false;
    server.on('exit', () => { exited = true; });
    for (let i = 0; i < 200 && !exited && !fs.existsSync(socket); i++) await sleep(100);
    if (exited || !fs.existsSync(socket)) {
      const log = fs.existsSync(path.join(dir, 'err.log')) ? fs.readFileSync(path.join(dir, 'err.log'), 'utf8').slice(-400) : '';
      console.log(`      (skipped: mariadbd did not start: ${log})`);
      this.skip();
    }
    mysql = await import('mysql2/promise');
  });

  after(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      for (let i = 0; i < 100 && server.exitCode === null; i++) await sleep(100);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs a script on the real server; returns, for each step, the events that happened while it ran
   * (its own result and whatever it unblocked). Within a step the order is a race between clients
   * (a COMMIT's OK and the waiter it releases), so groups are compared sorted.
   */
  async function runReal(script: string, level: IsolationLevel): Promise<string[][]> {
    const parsed = parseScript(script);
    assert.ok(parsed.ok);
    const db = `p${++dbCounter}`;
    const admin = await mysql!.createConnection({ socketPath: socket, user: 'root' });
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const conns = new Map<string, Conn>();
    const busy = new Map<string, Promise<void>>();
    const log: string[][] = [];
    let current: string[] = [];
    const record = (text: string) => current.push(text.replace(/ \(setup\) /, ' null '));
    const connFor = async (name: string): Promise<Conn> => {
      let c = conns.get(name);
      if (!c) {
        c = await mysql!.createConnection({ socketPath: socket, user: 'root', database: db, rowsAsArray: true });
        await c.query(`SET SESSION TRANSACTION ISOLATION LEVEL ${level}`);
        conns.set(name, c);
      }
      return c;
    };
    // Per session: is its latest statement running, blocked or done, and how many wait behind it.
    const state = new Map<string, 'running' | 'blocked' | 'done'>();
    const queued = new Map<string, number>();
    const settled = () => [...state].every(([n, st]) => st === 'blocked' || (st === 'done' && !(queued.get(n) ?? 0)));
    const issue = async (name: string, line: number, sql: string, c: Conn): Promise<{ done: Promise<void>; finished: () => boolean }> => {
      let finished = false;
      let blocked = false;
      state.set(name, 'running');
      const real = sql.replace(/\bFOR SHARE\b/i, 'LOCK IN SHARE MODE');
      const done = c.query(real).then(
        ([result]) => {
          finished = true;
          state.set(name, 'done');
          const status = blocked ? 'resumed' : 'ok';
          record(Array.isArray(result) ? `${line} ${name} ${status} ${JSON.stringify(result)}` : `${line} ${name} ${status}`);
        },
        (err: { errno?: number }) => {
          finished = true;
          state.set(name, 'done');
          record(`${line} ${name} error ${err.errno}`);
        },
      );
      await Promise.race([done, sleep(BLOCK_MS)]);
      if (!finished) {
        blocked = true;
        state.set(name, 'blocked');
        record(`${line} ${name} blocked`);
      }
      return { done, finished: () => finished };
    };
    try {
      for (const step of parsed.steps) {
        current = [];
        log.push(current);
        const name = step.session ?? '(setup)';
        const c = await connFor(name);
        const prior = busy.get(name);
        if (prior) {
          // The session is blocked: queue behind it, as the mysql client would.
          queued.set(name, (queued.get(name) ?? 0) + 1);
          busy.set(name, prior.then(async () => {
            queued.set(name, (queued.get(name) ?? 0) - 1);
            await (await issue(name, step.line, step.sql, c)).done;
          }));
        } else {
          const r = await issue(name, step.line, step.sql, c);
          if (!r.finished()) busy.set(name, r.done.then(() => { busy.delete(name); }));
        }
        await sleep(SETTLE_MS);
        for (let i = 0; i < 300 && !settled(); i++) await sleep(10);
        for (const [n, p] of [...busy]) {
          // Drop finished chains.
          const settled = await Promise.race([p.then(() => true), sleep(0).then(() => false)]);
          if (settled && busy.get(n) === p) busy.delete(n);
        }
      }
      if (busy.size > 0) {
        // Still blocked at the end: they time out (innodb_lock_wait_timeout=2 here, 50 s simulated).
        current = [];
        log.push(current);
        await Promise.all([...busy.values()]);
      }
    } finally {
      for (const c of conns.values()) c.destroy();
    }
    return log.map((group) => [...group].sort());
  }

  for (const preset of PRESETS) {
    for (const level of ISOLATION_LEVELS) {
      it(`${preset.id} at ${level}: same rows, errors and waits as the simulator`, async function () {
        const parsed = parseScript(preset.script);
        assert.ok(parsed.ok);
        const sim = runSteps(parsed.steps, { isolation: level }).perStep.map((group) => group.map(fmtSim).sort());
        const real = await runReal(preset.script, level);
        assert.deepEqual(sim, real);
      });
    }
  }
  const EXTRA: [string, string, IsolationLevel[]][] = [
    ['the manual deadlock example (with a primary key): the lighter waiting transaction B is the victim', `CREATE TABLE t (i INT PRIMARY KEY);
INSERT INTO t VALUES (1);
A: START TRANSACTION;
A: SELECT * FROM t WHERE i = 1 FOR SHARE;
B: START TRANSACTION;
B: DELETE FROM t WHERE i = 1;
A: DELETE FROM t WHERE i = 1;
A: COMMIT;
B: COMMIT;
SELECT * FROM t;
`, ['REPEATABLE READ']],
    ['opposite-order updates', `CREATE TABLE t (id INT PRIMARY KEY, v INT);
INSERT INTO t VALUES (1, 0), (2, 0);
A: BEGIN;
B: BEGIN;
A: UPDATE t SET v = 1 WHERE id = 1;
B: UPDATE t SET v = 2 WHERE id = 2;
A: UPDATE t SET v = 1 WHERE id = 2;
B: UPDATE t SET v = 2 WHERE id = 1;
A: COMMIT;
B: COMMIT;
SELECT * FROM t;
`, ['REPEATABLE READ', 'READ COMMITTED']],
    ['gap lock on a missing key blocks an insert at RR, not at RC', `CREATE TABLE t (id INT PRIMARY KEY, v INT);
INSERT INTO t VALUES (1, 10), (5, 50), (10, 100);
A: BEGIN;
A: SELECT * FROM t WHERE id = 7 FOR UPDATE;
B: INSERT INTO t VALUES (6, 60);
B: INSERT INTO t VALUES (11, 110);
A: COMMIT;
SELECT * FROM t;
`, ['REPEATABLE READ', 'READ COMMITTED']],
    ['semi-consistent read: at RC an UPDATE skips a locked row that does not match', `CREATE TABLE t (id INT PRIMARY KEY, v INT);
INSERT INTO t VALUES (1, 10), (5, 50), (10, 100);
A: BEGIN;
A: UPDATE t SET v = 11 WHERE id = 1;
B: UPDATE t SET v = 0 WHERE v = 50;
A: COMMIT;
SELECT * FROM t;
`, ['REPEATABLE READ', 'READ COMMITTED']],
    ['no usable index at RR: a full scan locks every row and the supremum', `CREATE TABLE t (id INT PRIMARY KEY, v INT);
INSERT INTO t VALUES (1, 10), (5, 50);
A: BEGIN;
A: UPDATE t SET v = 0 WHERE v = 50;
B: UPDATE t SET v = 1 WHERE id = 1;
C: INSERT INTO t VALUES (9, 90);
A: COMMIT;
SELECT * FROM t;
`, ['REPEATABLE READ', 'READ COMMITTED']],
  ];
  for (const [name, script, levels] of EXTRA) {
    for (const level of levels) {
      it(`${name} (${level}): same as the simulator`, async function () {
        const parsed = parseScript(script);
        assert.ok(parsed.ok);
        const sim = runSteps(parsed.steps, { isolation: level }).perStep.map((group) => group.map(fmtSim).sort());
        const real = await runReal(script, level);
        assert.deepEqual(sim, real);
      });
    }
  }
});
