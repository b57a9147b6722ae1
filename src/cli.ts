/** Headless entry point: `node dist/cli.js --help`; the notes commands and one per simulator. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCatalogue } from './notes/catalogue';
import { createMarkdown } from './notes/markdown';
import { NOTE_LANGUAGES, type NoteLanguage } from './notes/model';
import { readBundledNotes } from './notes/nodeFiles';
import { buildSearchIndex, searchNotes } from './notes/search';
import { runAllocCli } from './sim/alloc/cli';
import { runChanCli } from './sim/chan/cli';
import type { SimCli, SimCliIo } from './sim/cliTypes';
import { runMvccCli } from './sim/mvcc/cli';
import { runRaftCli } from './sim/raft/cli';
import { MAX_SCENARIO_CHARS } from './sim/protocol';

const HELP = `Interview Prep — headless tools

Usage:
  interview-prep notes [--json] [--lang en|zh-cn]     list the bundled note catalogue
  interview-prep search <words…> [--json] [--lang …]  search titles, headings and text
  interview-prep raft SCENARIO.json|-                 run a Raft scenario, print its JSON trace
  interview-prep chan PROGRAM.go|- [--seed N] [--runs K]
                                                      run a Go program in the channel simulator
  interview-prep alloc SCENARIO.json|-                run an allocator scenario, print its JSON trace
  interview-prep alloc --size-classes                 print Go's size class table as JSON
  interview-prep mvcc SCRIPT.sql|- [--isolation LEVEL]
                                                      run a two-session SQL script on the InnoDB model
  interview-prep --help                               show this help

Options:
  --json          machine-readable output
  --lang LANG     note language: en (default) or zh-cn
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const SIMULATOR_CLIS: Readonly<Record<string, SimCli>> = { raft: runRaftCli, chan: runChanCli, alloc: runAllocCli, mvcc: runMvccCli };

/** Reads a scenario file (or stdin for "-"), refusing one too large to be a scenario. */
export function readScenarioText(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${file === '-' ? 'stdin' : file}${code ? ` (${code})` : ''}`);
  }
  if (text.length > MAX_SCENARIO_CHARS) throw new Error(`${file === '-' ? 'stdin' : file} is larger than ${MAX_SCENARIO_CHARS / 1024} KB`);
  return text;
}

export function runCli(argv: string[], io: CliIo, notesDir: string, readText: SimCliIo['readText'] = readScenarioText): number {
  const simulator = SIMULATOR_CLIS[argv[0] ?? ''];
  if (simulator) return simulator(argv.slice(1), { ...io, readText });
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const langIndex = argv.indexOf('--lang');
  const lang = langIndex >= 0 ? argv[langIndex + 1] : 'en';
  const positional = argv.filter((a, i) => !a.startsWith('--') && !(langIndex >= 0 && i === langIndex + 1));
  const [command, ...rest] = positional;

  if (flags.has('--help') || flags.has('-h') || !command) {
    io.out(HELP);
    return command || flags.has('--help') ? 0 : 2;
  }
  if (!NOTE_LANGUAGES.includes(lang as NoteLanguage)) {
    io.err(`error: --lang must be one of ${NOTE_LANGUAGES.join(', ')} (got "${lang ?? ''}")\n`);
    return 2;
  }
  const unknownFlag = [...flags].find((f) => f !== '--json' && f !== '--lang');
  if (unknownFlag) {
    io.err(`error: unknown option ${unknownFlag}\n${HELP}`);
    return 2;
  }

  const md = createMarkdown();
  const catalogue = buildCatalogue(md, { bundled: readBundledNotes(notesDir), user: [], language: lang as NoteLanguage });
  const json = flags.has('--json');

  switch (command) {
    case 'notes': {
      const rows = catalogue.topics.map((t) => ({
        id: t.id,
        title: t.title,
        category: t.category,
        lang: t.lang,
        simulator: t.simulator ?? null,
        empty: t.empty,
        sections: t.sections.map((s) => ({ level: s.level, title: s.title, slug: s.slug, empty: s.empty })),
      }));
      if (json) io.out(JSON.stringify({ topics: rows, problems: catalogue.problems }, null, 2) + '\n');
      else {
        for (const t of rows) {
          const flagsText = [t.simulator && `simulator: ${t.simulator}`, t.empty && 'being written'].filter(Boolean).join(', ');
          io.out(`${t.category.padEnd(13)} ${t.id.padEnd(22)} ${t.title}${flagsText ? `  (${flagsText})` : ''}\n`);
        }
        for (const p of catalogue.problems) io.err(`${p.severity}: ${p.file}:${p.line + 1}: ${p.message}\n`);
      }
      return catalogue.problems.some((p) => p.severity === 'error') ? 1 : 0;
    }
    case 'search': {
      const query = rest.join(' ');
      if (!query.trim()) {
        io.err('error: search needs at least one word\n');
        return 2;
      }
      const hits = searchNotes(buildSearchIndex(catalogue), query, 20);
      if (json) io.out(JSON.stringify(hits, null, 2) + '\n');
      else for (const h of hits) io.out(`${h.topicId}${h.slug ? '#' + h.slug : ''}  ${h.sectionTitle ?? h.topicTitle}\n`);
      return 0;
    }
    default:
      io.err(`error: unknown command "${command}"\n${HELP}`);
      return 2;
  }
}

if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0); // output piped into `head` and closed early
    throw err;
  });
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  process.exitCode = runCli(process.argv.slice(2), io, path.join(__dirname, '..', 'notes'));
}
