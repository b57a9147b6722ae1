// Opens a simulator's webview bundle in a plain page (no VS Code) with Debian's Chromium,
// with VS Code-like theme variables, for quick looks, screenshots and the frame-time benchmark.
// openPreview(kind, { args }) adds Chromium flags (the benchmark unthrottles frames with them).
// Usage: node scripts/sim-preview.mjs KIND [--lang zh-cn] [--preset ID] [--dark] [--shot FILE] [--eval JS]
//   Builds nothing: run `node esbuild.js --dev` first. Prints console errors; exits 1 on a page error.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const LIGHT = {
  'foreground': '#3b3b3b', 'editor-background': '#ffffff', 'descriptionForeground': '#616161', 'focusBorder': '#005fb8',
  'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
  'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'input-background': '#ffffff',
  'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'widget-border': '#e5e5e5', 'errorForeground': '#f85149',
  'charts-green': '#388a34', 'charts-yellow': '#bf8803', 'charts-red': '#e51400', 'charts-blue': '#1a85ff',
  'charts-purple': '#652d90', 'charts-orange': '#d18616', 'textLink-foreground': '#005fb8', 'editorWidget-background': '#f8f8f8',
  'dropdown-background': '#ffffff', 'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece',
  'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace', 'editor-font-size': '13px',
};
const DARK = {
  ...LIGHT, 'foreground': '#cccccc', 'editor-background': '#1f1f1f', 'descriptionForeground': '#9d9d9d', 'focusBorder': '#0078d4',
  'button-background': '#0078d4', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc',
  'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'widget-border': '#313131',
  'charts-green': '#89d185', 'charts-yellow': '#cca700', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
  'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'textLink-foreground': '#4daafc', 'editorWidget-background': '#202020',
  'dropdown-background': '#313131', 'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c',
};

/** Writes the preview page for `kind` and returns its file URL. */
export function previewPage(kind, { lang = 'en', preset = '', dark = false } = {}) {
  const vars = Object.entries(dark ? DARK : LIGHT).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
  const dir = path.join(root, '.cache', 'sim-preview');
  fs.mkdirSync(dir, { recursive: true });
  const css = ['media/sim.css', `media/${kind}.css`].filter((f) => fs.existsSync(path.join(root, f)));
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${kind} simulator (preview)</title>
<style>:root { ${vars} }</style>
${css.map((f) => `<link rel="stylesheet" href="${path.join(root, f)}">`).join('\n')}
</head><body class="${dark ? 'vscode-dark' : 'vscode-light'}"><main id="sim" data-kind="${kind}" data-lang="${lang}" data-preset="${preset}"></main>
<script src="${path.join(root, 'dist', 'webview', `${kind}.js`)}"></script></body></html>`;
  const file = path.join(dir, `${kind}-${lang}${dark ? '-dark' : ''}.html`);
  fs.writeFileSync(file, html);
  return 'file://' + file;
}

export async function openPreview(kind, options = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--allow-file-access-from-files', ...(options.args ?? [])] });
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(previewPage(kind, options));
  return { browser, page, errors };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const kind = args[0];
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  if (!kind) { console.error('usage: node scripts/sim-preview.mjs KIND [--lang zh-cn] [--preset ID] [--dark] [--shot FILE] [--eval JS]'); process.exit(2); }
  const { browser, page, errors } = await openPreview(kind, { lang: opt('--lang') ?? 'en', preset: opt('--preset') ?? '', dark: args.includes('--dark') });
  await page.waitForTimeout(500);
  const js = opt('--eval');
  if (js) console.log(JSON.stringify(await page.evaluate(js), null, 2));
  const shot = opt('--shot');
  if (shot) { await page.screenshot({ path: shot, fullPage: true }); console.log('screenshot:', shot); }
  for (const e of errors) console.error('page error:', e);
  await browser.close();
  process.exit(errors.length ? 1 : 0);
}
