/**
 * One script per classic anomaly, each runnable at all four isolation levels (the level is the
 * sessions' default, as `--isolation` sets it). What MySQL 8.0 does at each level and why is in
 * strings.ts (`preset.<id>.<level>`), reasoned from the manual's chapters "Transaction Isolation
 * Levels", "Consistent Nonlocking Reads", "Locking Reads" and "Locks Set by Different SQL Statements".
 */
import type { IsolationLevel } from './sql';

export interface MvccPreset {
  readonly id: string;
  /** The note heading (topic `isolation-mvcc`) this preset illustrates. */
  readonly slug: string;
  readonly script: string;
}

export const NOTE_TOPIC = 'isolation-mvcc';

export const PRESETS: readonly MvccPreset[] = [
  {
    id: 'dirty-read',
    slug: 'read-uncommitted',
    script: `-- Dirty read: T2 reads a change T1 has not committed (and then rolls back).
CREATE TABLE account (id INT PRIMARY KEY, balance INT);
INSERT INTO account VALUES (1, 100);
T1: BEGIN;
T1: UPDATE account SET balance = 50 WHERE id = 1;
T2: BEGIN;
T2: SELECT balance FROM account WHERE id = 1;
T1: ROLLBACK;
T2: SELECT balance FROM account WHERE id = 1;
T2: COMMIT;
`,
  },
  {
    id: 'dirty-write',
    slug: 'lock-types',
    script: `-- Dirty write: T2 overwrites a change T1 has not committed yet.
CREATE TABLE account (id INT PRIMARY KEY, balance INT);
INSERT INTO account VALUES (1, 100);
T1: BEGIN;
T2: BEGIN;
T1: UPDATE account SET balance = 50 WHERE id = 1;
T2: UPDATE account SET balance = 70 WHERE id = 1;
T1: ROLLBACK;
T2: COMMIT;
SELECT * FROM account;
`,
  },
  {
    id: 'non-repeatable-read',
    slug: 'read-view-timing',
    script: `-- Non-repeatable read: the same SELECT in one transaction returns a different value.
CREATE TABLE account (id INT PRIMARY KEY, balance INT);
INSERT INTO account VALUES (1, 100);
T1: BEGIN;
T1: SELECT balance FROM account WHERE id = 1;
T2: UPDATE account SET balance = 200 WHERE id = 1;
T1: SELECT balance FROM account WHERE id = 1;
T1: COMMIT;
SELECT * FROM account;
`,
  },
  {
    id: 'phantom',
    slug: 'phantoms',
    script: `-- Phantom: a row appears in a range T1 already read.
CREATE TABLE t (id INT PRIMARY KEY, v INT);
INSERT INTO t VALUES (1, 10), (5, 50);
T1: BEGIN;
T1: SELECT * FROM t WHERE id > 2;
T2: INSERT INTO t VALUES (3, 30);
T1: SELECT * FROM t WHERE id > 2;
T1: SELECT * FROM t WHERE id > 2 FOR UPDATE;
T1: COMMIT;
SELECT * FROM t;
`,
  },
  {
    id: 'lost-update',
    slug: 'locking-reads',
    script: `-- Lost update: both read 100 and write back read-value + 10 / + 20; one increment is lost.
CREATE TABLE account (id INT PRIMARY KEY, balance INT);
INSERT INTO account VALUES (1, 100);
T1: BEGIN;
T2: BEGIN;
T1: SELECT balance FROM account WHERE id = 1;
T2: SELECT balance FROM account WHERE id = 1;
T1: UPDATE account SET balance = 110 WHERE id = 1;
T2: UPDATE account SET balance = 120 WHERE id = 1;
T1: COMMIT;
T2: COMMIT;
SELECT * FROM account;
`,
  },
  {
    id: 'read-skew',
    slug: 'read-view',
    script: `-- Read skew: T1 reads x before and y after T2's transfer, and sees money appear.
CREATE TABLE account (id INT PRIMARY KEY, balance INT);
INSERT INTO account VALUES (1, 50), (2, 50);
T1: BEGIN;
T1: SELECT balance FROM account WHERE id = 1;
T2: BEGIN;
T2: UPDATE account SET balance = balance - 50 WHERE id = 1;
T2: UPDATE account SET balance = balance + 50 WHERE id = 2;
T2: COMMIT;
T1: SELECT balance FROM account WHERE id = 2;
T1: COMMIT;
SELECT * FROM account;
`,
  },
  {
    id: 'write-skew',
    slug: 'serializable',
    script: `-- Write skew: two doctors each see two on call and each goes off call: nobody is left.
CREATE TABLE doctor (id INT PRIMARY KEY, on_call INT);
INSERT INTO doctor VALUES (1, 1), (2, 1);
T1: BEGIN;
T2: BEGIN;
T1: SELECT * FROM doctor WHERE on_call = 1;
T2: SELECT * FROM doctor WHERE on_call = 1;
T1: UPDATE doctor SET on_call = 0 WHERE id = 1;
T2: UPDATE doctor SET on_call = 0 WHERE id = 2;
T1: COMMIT;
T2: COMMIT;
SELECT * FROM doctor;
`,
  },
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

export function presetById(id: string): MvccPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export type LevelKey = 'ru' | 'rc' | 'rr' | 'sr';
export const LEVEL_KEYS: Record<IsolationLevel, LevelKey> = {
  'READ UNCOMMITTED': 'ru',
  'READ COMMITTED': 'rc',
  'REPEATABLE READ': 'rr',
  SERIALIZABLE: 'sr',
};

/** Which anomalies each level allows in InnoDB (true = the anomaly can happen); the presets demonstrate each cell. */
export const ANOMALY_TABLE: Record<string, Record<LevelKey, 'yes' | 'no' | 'partly'>> = {
  'dirty-write': { ru: 'no', rc: 'no', rr: 'no', sr: 'no' },
  'dirty-read': { ru: 'yes', rc: 'no', rr: 'no', sr: 'no' },
  'non-repeatable-read': { ru: 'yes', rc: 'yes', rr: 'no', sr: 'no' },
  phantom: { ru: 'yes', rc: 'yes', rr: 'partly', sr: 'no' },
  'lost-update': { ru: 'yes', rc: 'yes', rr: 'yes', sr: 'no' },
  'read-skew': { ru: 'yes', rc: 'yes', rr: 'no', sr: 'no' },
  'write-skew': { ru: 'yes', rc: 'yes', rr: 'yes', sr: 'no' },
};
