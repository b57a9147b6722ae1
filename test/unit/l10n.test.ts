import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(ROOT, dir, f), 'utf8'));
}

describe('localisation', () => {
  it('every manifest string has an English and a Chinese text, and none is unused', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]));
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(en).sort(), [...used].sort(), 'package.nls.json keys = keys used in package.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'package.nls.zh-cn.json has the same keys');
    for (const [key, value] of Object.entries(zh)) assert.ok(typeof value === 'string' && value.trim(), `zh-cn ${key} is empty`);
  });

  it('every run-time string has a Chinese translation, and no translation is unused', () => {
    const used = new Set<string>();
    for (const text of sourceFiles('src')) {
      for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\(.)/g, '$1'));
    }
    const zh = readJson('l10n/bundle.l10n.zh-cn.json');
    assert.deepEqual(Object.keys(zh).sort(), [...used].sort());
    for (const key of used) {
      const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
      assert.equal(placeholders(String(zh[key])), placeholders(key), `placeholders of "${key}"`);
    }
  });
});
