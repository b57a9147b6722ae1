// One build script: extension bundle, one bundle per webview, the headless CLI, and (with --tests) the test bundles.
// Usage: node esbuild.js [--dev] [--watch] [--tests]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const args = new Set(process.argv.slice(2));
const dev = args.has('--dev') || args.has('--watch');
const watch = args.has('--watch');
const tests = args.has('--tests');

const common = {
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  logLevel: 'warning',
  legalComments: 'none',
  target: 'es2022',
  charset: 'utf8',
  // Prefer ES modules: they tree-shake (e.g. only the entity decoder markdown-it uses).
  mainFields: ['module', 'main'],
  // markdown-it needs only the entity decoder; the package index would also pull in the 23 KB encoder.
  alias: { entities: 'entities/lib/decode.js' },
};

/** The parts dist/extension.js loads on first use with `require('./<name>.js')`: one node bundle each. */
const LAZY_BUNDLES = { ui: 'src/ui.ts', engine: 'src/notes/engine.ts', hover: 'src/hover/hoverEngine.ts', quiz: 'src/quiz/quizEngine.ts' };

/** In the web worker host there is no loading of sibling files: the lazily required parts are bundled in. */
const bundleLazyEngines = {
  name: 'bundle-lazy-engines',
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+\.js$/ }, (args) => {
      const source = LAZY_BUNDLES[args.path.slice(2, -3)];
      return source ? { path: path.resolve(__dirname, source) } : undefined;
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', ...LAZY_BUNDLES },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', ...Object.keys(LAZY_BUNDLES).map((name) => `./${name}.js`)],
    metafile: true,
  },
  {
    // The web extension (vscode.dev, github.dev, the browser's web worker host): the same activate(), one file.
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist/web',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    plugins: [bundleLazyEngines],
  },
  {
    ...common,
    entryPoints: {
      note: 'src/webview/note.ts',
      ...Object.fromEntries(['raft', 'chan', 'alloc', 'mvcc'].filter((kind) => fs.existsSync(`src/webview/${kind}.ts`)).map((kind) => [kind, `src/webview/${kind}.ts`])),
    },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

function testEntries(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

if (tests) {
  const testCommon = { ...common, minify: false, sourcemap: 'inline', platform: 'node', format: 'cjs', external: ['vscode', 'mocha'] };
  builds.length = 0;
  builds.push(
    { ...testCommon, entryPoints: testEntries('test/unit'), outdir: 'out/test/unit', outbase: 'test/unit' },
    { ...testCommon, entryPoints: testEntries('test/host'), outdir: 'out/test/host', outbase: 'test/host' },
  );
}

async function main() {
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
    console.log('[watch] build started; rebuilding on change');
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (!tests) fs.chmodSync('dist/cli.js', 0o755);
  const meta = results[0].metafile;
  if (meta && !dev) {
    for (const [file, info] of Object.entries(meta.outputs)) {
      if (file.endsWith('.js')) console.log(`${file}: ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
