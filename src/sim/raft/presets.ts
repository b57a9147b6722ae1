/**
 * The guided scenarios. Each is an ordinary scenario (so it can be saved, edited and run by the
 * CLI) plus the note heading it illustrates. Titles and explanations live in strings.ts. The node
 * ids in the steps were chosen for these seeds (the runs are deterministic); the unit tests check
 * that every preset still shows what its explanation says.
 */
import { DEFAULT_CONFIG, type Scenario } from './scenario';

export const RAFT_NOTE_TOPIC = 'raft';

export const PRESET_IDS = ['election', 'split-vote', 'replication', 'leader-crash', 'partition', 'figure8', 'prevote'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  readonly id: PresetId;
  /** Heading slug in the Raft note (topic `raft`). */
  readonly slug: string;
  readonly scenario: Scenario;
}

const base = { ...DEFAULT_CONFIG };

export const PRESETS: readonly Preset[] = [
  {
    id: 'election',
    slug: 'leader-election',
    scenario: { ...base, steps: [{ until: 'leader', maxMs: 5000 }, { run: 400 }] },
  },
  {
    id: 'split-vote',
    slug: 'split-votes',
    // Three nodes time out at the same instant: each votes for itself and the two remaining votes
    // split, so nobody reaches 3 of 5; randomized timeouts then separate the next candidates.
    scenario: { ...base, nodes: 5, seed: 7, steps: [{ run: 60 }, { timeout: 1 }, { timeout: 3 }, { timeout: 5 }, { until: 'leader', maxMs: 5000 }, { run: 400 }] },
  },
  {
    id: 'replication',
    slug: 'log-replication',
    scenario: {
      ...base,
      steps: [{ until: 'leader', maxMs: 5000 }, { request: 'x=1' }, { run: 30 }, { request: 'y=2' }, { request: 'z=3' }, { request: 'w=4', to: 2 }, { until: 'committed', maxMs: 5000 }, { run: 200 }],
    },
  },
  {
    id: 'leader-crash',
    slug: 'up-to-date-check',
    scenario: {
      ...base,
      steps: [
        { until: 'leader', maxMs: 5000 }, { request: 'x=1' }, { until: 'committed', maxMs: 5000 }, { run: 100 },
        { crash: 1 }, { until: 'leader', maxMs: 5000 }, { request: 'y=2' }, { until: 'committed', maxMs: 5000 }, { run: 200 },
        { restart: 1 }, { run: 600 },
      ],
    },
  },
  {
    id: 'partition',
    slug: 'network-partitions',
    scenario: {
      ...base,
      steps: [
        { until: 'leader', maxMs: 5000 }, { request: 'x=1' }, { until: 'committed', maxMs: 5000 }, { run: 100 },
        { partition: [[1, 2], [3, 4, 5]] }, { request: 'y=2', to: 1 }, { run: 800 }, { request: 'z=3' }, { run: 400 },
        { heal: true }, { run: 800 },
      ],
    },
  },
  {
    id: 'figure8',
    slug: 'commit-current-term',
    // Figure 8 of the Raft paper, without etcd's no-op (which is what prevents it in practice).
    scenario: {
      ...base,
      noopOnElection: false,
      steps: [
        { run: 20 }, { timeout: 1 }, { until: 'leader', maxMs: 2000 },
        { partition: [[1, 2], [3, 4, 5]] }, { request: 'a', to: 1 }, { run: 60 },
        { crash: 1 }, { timeout: 5 }, { until: 'leader', maxMs: 2000 }, { partition: [[1, 2], [3, 4], [5]] }, { request: 'b', to: 5 }, { run: 20 },
        { crash: 5 }, { restart: 1 }, { partition: [[1, 2, 3, 4], [5]] }, { timeout: 1 }, { run: 40 }, { timeout: 1 }, { until: 'leader', maxMs: 2000 }, { run: 60 },
        { crash: 1 }, { restart: 5 }, { heal: true }, { timeout: 5 }, { run: 40 }, { timeout: 5 }, { until: 'leader', maxMs: 2000 }, { run: 300 },
      ],
    },
  },
  {
    id: 'prevote',
    slug: 'prevote',
    scenario: {
      ...base,
      steps: [
        { until: 'leader', maxMs: 5000 }, { request: 'x=1' }, { until: 'committed', maxMs: 5000 }, { run: 100 },
        { partition: [[1, 2, 3, 4], [5]] }, { run: 2000 }, { heal: true }, { run: 1000 },
      ],
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A file name for saving a scenario, e.g. `partition.raft.json`. */
export function scenarioFileName(id: string): string {
  return `${id.replace(/[^a-z0-9-]/gi, '') || 'scenario'}.raft.json`;
}
