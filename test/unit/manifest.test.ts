import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/commandIds';
import { SIMULATOR_KINDS } from '../../src/sim/protocol';
import { NOTE_VIEW_TYPE, scenarioEditorViewType, simViewType } from '../../src/panels/viewTypes';
import { ROOT } from './helpers';

interface Manifest {
  activationEvents: string[];
  contributes: { commands: { command: string }[]; customEditors: { viewType: string }[] };
}

/** activate() registers what package.json promises, from these lists, before the code behind it loads. */
describe('package.json and the ids activate() registers', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

  it('COMMAND_IDS is exactly the contributed commands', () => {
    assert.deepEqual([...COMMAND_IDS].sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });

  it('every custom editor view type is one activate() registers', () => {
    assert.deepEqual(manifest.contributes.customEditors.map((e) => e.viewType).sort(), SIMULATOR_KINDS.map(scenarioEditorViewType).sort());
  });

  it('every restorable panel has an onWebviewPanel activation event', () => {
    for (const viewType of [NOTE_VIEW_TYPE, ...SIMULATOR_KINDS.map(simViewType)]) {
      assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${viewType}`), viewType);
    }
  });
});
