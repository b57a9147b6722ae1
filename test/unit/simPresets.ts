/** Preset ids of each simulator, as the simulators define them (notes and hover tips link to these). */
import type { SimulatorKind } from '../../src/sim/protocol';

export const SIMULATOR_PRESET_IDS: Record<SimulatorKind, readonly string[]> = {
  raft: ['election', 'split-vote', 'replication', 'leader-crash', 'partition', 'figure8', 'prevote'],
  chan: ['ping-pong', 'producer-consumer', 'close-range', 'worker-pool', 'fan-in', 'timeout', 'deadlock', 'send-on-closed', 'nil-channel', 'nondeterministic-select'],
  alloc: ['tiny-strings', 'growing-slice', 'large-objects', 'fragmentation-gc', 'two-ps'],
  mvcc: ['dirty-read', 'dirty-write', 'non-repeatable-read', 'phantom', 'lost-update', 'read-skew', 'write-skew'],
};
