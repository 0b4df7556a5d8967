import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as {
  permissions: string[];
  optional_host_permissions?: string[];
};
const architecture = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');

function allSource(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory()
        ? allSource(path)
        : /\.(ts|tsx)$/.test(name)
          ? readFileSync(path, 'utf8')
          : '';
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
  scripting: /\.scripting\.(registerContentScripts|executeScript)\(/,
  contextMenus: /\.contextMenus\.create\(/,
  // activeTab has no API of its own: it is what lets `executeScript` read the selection for the call-selection command.
  activeTab: /'call-selection'/,
  alarms: /\.alarms\.create\(/,
};

describe('permissions', () => {
  it('asks for no site at install: click-to-call sites are optional, granted by the receptionist', () => {
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest).not.toHaveProperty('content_scripts');
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
  });

  it.each(manifest.permissions)('%s is used by the code', (permission) => {
    const use = USES[permission];
    expect(use, `say how "${permission}" is used`).toBeDefined();
    expect(source).toMatch(use as RegExp);
  });

  it.each(manifest.permissions)('%s is explained in docs/ARCHITECTURE.md', (permission) => {
    expect(architecture).toMatch(new RegExp(`\\| \`${permission}\` \\|`));
  });
});
