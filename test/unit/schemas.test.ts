import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { PRESETS as ALLOC_PRESETS, presetScenarioText } from '../../src/sim/alloc/presets';
import { parseScenario as parseAllocScenario } from '../../src/sim/alloc/scenario';
import { PRESETS as RAFT_PRESETS } from '../../src/sim/raft/presets';
import { parseScenario as parseRaftScenario, scenarioToText } from '../../src/sim/raft/scenario';
import { ROOT } from './helpers';

/** The JSON schemas VS Code uses for completion and errors in *.raft.json and *.alloc.json must agree with the simulators. */
function schema(name: string): object {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', name), 'utf8')) as object;
}

describe('scenario file schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const raft = ajv.compile(schema('raft-scenario.schema.json'));
  const alloc = ajv.compile(schema('alloc-scenario.schema.json'));

  it('are the ones package.json contributes for *.raft.json and *.alloc.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(manifest.contributes.jsonValidation.map((v) => [v.fileMatch, v.url]), [
      ['*.raft.json', './schemas/raft-scenario.schema.json'],
      ['*.alloc.json', './schemas/alloc-scenario.schema.json'],
    ]);
  });

  it('accept every Raft preset as the simulator saves it', () => {
    for (const preset of RAFT_PRESETS) {
      const json = JSON.parse(scenarioToText(preset.scenario)) as unknown;
      assert.ok(raft(json), `${preset.id}: ${ajv.errorsText(raft.errors)}`);
    }
  });

  it('accept every allocator preset as the simulator saves it', () => {
    for (const preset of ALLOC_PRESETS) {
      const json = JSON.parse(presetScenarioText(preset)) as unknown;
      assert.ok(alloc(json), `${preset.id}: ${ajv.errorsText(alloc.errors)}`);
    }
  });

  it('refuse what the simulators refuse', () => {
    const badRaft = [{ nodes: 12, steps: [] }, { steps: [{ crash: 0 }] }, { nodes: 5 }, { steps: [], electionTimeoutMs: [150] }, { steps: [], colour: 'red' }];
    for (const value of badRaft) {
      assert.equal(raft(value), false, `schema accepts ${JSON.stringify(value)}`);
      assert.equal(parseRaftScenario(JSON.stringify(value)).ok, false, `simulator accepts ${JSON.stringify(value)}`);
    }
    const badAlloc = [{ ops: [{ malloc: -1 }] }, { procs: 0, ops: [] }, {}, { ops: [], extra: 1 }];
    for (const value of badAlloc) {
      assert.equal(alloc(value), false, `schema accepts ${JSON.stringify(value)}`);
      assert.equal(parseAllocScenario(JSON.stringify(value)).ok, false, `simulator accepts ${JSON.stringify(value)}`);
    }
  });
});
