import type { SimulatorKind } from '../sim/protocol';

/** Webview view types, needed at activation (serializers, custom editors) before the panel code loads. */
export const NOTE_VIEW_TYPE = 'interviewPrep.note';

export function simViewType(kind: SimulatorKind): string {
  return `interviewPrep.sim.${kind}`;
}

/** Custom editor view type per simulator ("Open With…" on a scenario file). */
export function scenarioEditorViewType(kind: SimulatorKind): string {
  return `interviewPrep.scenario.${kind}`;
}
