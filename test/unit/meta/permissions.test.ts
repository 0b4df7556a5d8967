import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { permissions: string[] };
const architecture = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');

function allSource(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? allSource(path) : /\.(ts|tsx)$/.test(name) ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}
const source = allSource(join(ROOT, 'src'));

// How each permission shows in code; a permission with no entry here fails the test until someone says how it is used.
const USES: Record<string, RegExp> = {
  storage: /\.storage\.(local|session)\b/,
  notifications: /\.notifications\s*\.create\(/,
  sidePanel: /chrome\.sidePanel\./,
  offscreen: /chrome\.offscreen\./,
};

describe('permissions', () => {
  it.each(manifest.permissions)('%s is used by the code', (permission) => {
    const use = USES[permission];
    expect(use, `say how "${permission}" is used`).toBeDefined();
    expect(source).toMatch(use as RegExp);
  });

  it.each(manifest.permissions)('%s is explained in docs/ARCHITECTURE.md', (permission) => {
    expect(architecture).toMatch(new RegExp(`\\| \`${permission}\` \\|`));
  });
});
