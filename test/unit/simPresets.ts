/** Preset ids of each simulator, from the simulators themselves (notes and hover tips link to these). */
import { PRESETS as ALLOC_PRESETS } from '../../src/sim/alloc/presets';
import { CHAN_PRESETS } from '../../src/sim/chan/presets';
import { PRESET_IDS as MVCC_PRESET_IDS } from '../../src/sim/mvcc/presets';
import type { SimulatorKind } from '../../src/sim/protocol';
import { PRESET_IDS as RAFT_PRESET_IDS } from '../../src/sim/raft/presets';

export const SIMULATOR_PRESET_IDS: Record<SimulatorKind, readonly string[]> = {
  raft: RAFT_PRESET_IDS,
  chan: CHAN_PRESETS.map((p) => p.id),
  alloc: ALLOC_PRESETS.map((p) => p.id),
  mvcc: MVCC_PRESET_IDS,
};
