/**
 * `node dist/cli.js alloc SCENARIO.json | - | --preset ID | --size-classes`: runs a scenario
 * headlessly and prints the JSON trace, or prints Go's size-class table. Exit 2 on invalid input,
 * naming the op at fault. Uses nothing but the SimCliIo it is given.
 */
import { readInput, type SimCli } from '../cliTypes';
import { PRESETS, presetScenarioText } from './presets';
import { parseScenario, runScenario } from './scenario';
import { GO_PLATFORM, GO_VERSION, SIZE_CLASSES } from './sizeclasses';

export const ALLOC_HELP = `alloc — Go memory allocator simulator (${GO_VERSION}, ${GO_PLATFORM})

Usage:
  alloc SCENARIO.json        run a scenario file ("-" reads stdin) and print the JSON trace
  alloc --preset ID          run a bundled preset (${PRESETS.map((p) => p.id).join(', ')})
  alloc --size-classes       print Go's size-class table as JSON
  alloc --help               show this help

Scenario: {"procs": 2, "ops": [{"malloc": 24, "noscan": true, "p": 0, "as": "a"},
           {"malloc": 40000, "as": "big"}, {"free": "a"}, {"gc": true}, {"scavenge": true}]}
  malloc: size in bytes; noscan (default false: the object has pointers); p (default 0);
          as: a name for free; count: repeat (names the group).
  free: a name; every: free every Nth object of a group.   gc: true.   scavenge: true or bytes.
`;

/** The size-class table rows as the CLI prints them. */
export function sizeClassTable(): { class: number; size: number; pages: number; objects: number; spanBytes: number; tailWaste: number; maxWaste: number }[] {
  return SIZE_CLASSES.map((r) => ({ class: r.class, size: r.size, pages: r.pages, objects: r.objects, spanBytes: r.spanBytes, tailWaste: r.tailWaste, maxWaste: Math.round(r.maxWaste * 100) / 100 }));
}

export const runAllocCli: SimCli = (args, io) => {
  const list = [...args];
  if (list.length === 0) {
    io.err(`error: missing scenario file\n${ALLOC_HELP}`);
    return 2;
  }
  if (list.includes('--help') || list.includes('-h')) {
    io.out(ALLOC_HELP);
    return 0;
  }
  if (list[0] === '--size-classes') {
    if (list.length > 1) {
      io.err(`error: unexpected argument "${list[1]}"\n`);
      return 2;
    }
    io.out(JSON.stringify(sizeClassTable(), null, 2) + '\n');
    return 0;
  }
  let text: string;
  let label: string;
  if (list[0] === '--preset') {
    const id = list[1];
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset || list.length > 2) {
      io.err(`error: --preset needs one of ${PRESETS.map((p) => p.id).join(', ')} (got "${id ?? ''}")\n`);
      return 2;
    }
    text = presetScenarioText(preset);
    label = `preset ${preset.id}`;
  } else {
    const unknown = list.find((a) => a.startsWith('--'));
    if (unknown) {
      io.err(`error: unknown option ${unknown}\n${ALLOC_HELP}`);
      return 2;
    }
    if (list.length > 1) {
      io.err(`error: expected one scenario file, got ${list.length} arguments\n`);
      return 2;
    }
    label = list[0];
    const read = readInput(io, list[0], 'error');
    if (read === undefined) return 2;
    text = read;
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    io.err(`error: ${label}: ${parsed.error}\n`);
    return 2;
  }
  const run = runScenario(parsed.scenario);
  if (!run.ok) {
    io.err(`error: ${label}: ${run.error}\n`);
    return 2;
  }
  io.out(JSON.stringify(run.trace, null, 2) + '\n');
  return 0;
};
