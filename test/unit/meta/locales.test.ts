import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
type Catalogue = Record<string, { message: string }>;
const load = (language: string) =>
  JSON.parse(readFileSync(join(ROOT, `_locales/${language}/messages.json`), 'utf8')) as Catalogue;
const LANGUAGES = readdirSync(join(ROOT, '_locales'));
const en = load('en');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('the locales', () => {
  it('ship English and French', () => {
    expect(LANGUAGES.sort()).toEqual(['en', 'fr']);
  });

  it.each(LANGUAGES)('%s has every key, and no other', (language) => {
    expect(Object.keys(load(language)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LANGUAGES)('%s uses only key names the browsers accept', (language) => {
    // Chrome refuses to load an extension whose message names have other characters.
    for (const key of Object.keys(load(language))) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it.each(LANGUAGES)('%s keeps the same $1… substitutions as English', (language) => {
    const catalogue = load(language);
    for (const [key, entry] of Object.entries(en)) {
      const slots = (message: string) => [...message.matchAll(/\$[1-9]/g)].map((match) => match[0]).sort();
      expect(slots(catalogue[key]?.message ?? ''), key).toEqual(slots(entry.message));
    }
  });

  it('has every key the manifest names', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    for (const [, key] of manifest.matchAll(/__MSG_(\w+)__/g)) expect(en, key).toHaveProperty(key as string);
  });

  it('has every key the code names literally', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(match[1] as string);
      for (const match of text.matchAll(/'(error_[a-z_]+|failure_[a-z_]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(en, key).toHaveProperty(key);
  });
});
