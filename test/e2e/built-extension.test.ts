import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const BROWSERS = ['chrome', 'firefox'] as const;

/**
 * What the builds ask the browser for, pinned. A change here is a change to what the receptionist's administrator
 * grants: it must come with a reason in docs/ARCHITECTURE.md (§ Permissions; `test/unit/meta/permissions.test.ts`
 * checks each has one and is used).
 */
const PINNED = {
  chrome: {
    permissions: [
      'storage',
      'notifications',
      'sidePanel',
      'offscreen',
      'scripting',
      'contextMenus',
      'activeTab',
      'alarms',
    ],
    optionalSites: { optional_host_permissions: ['http://*/*', 'https://*/*'] },
  },
  firefox: {
    permissions: ['storage', 'notifications', 'scripting', 'contextMenus', 'activeTab', 'alarms'],
    // Manifest V2 keeps optional sites among the optional permissions.
    optionalSites: { optional_permissions: ['http://*/*', 'https://*/*'] },
  },
} as const;

/** Keys that would widen what reaches the extension or what it may run. */
const ABSENT_KEYS = [
  'content_security_policy', // the browser's default: scripts from the package only, no eval
  'externally_connectable', // no web page or other extension may message it
  'web_accessible_resources', // no page can load or probe our files
  'host_permissions', // no site at install (click-to-call sites are asked for, one by one)
  'content_scripts', // registered at run time on the granted sites only
  'sandbox',
] as const;

const manifestOf = (browser: string) =>
  JSON.parse(readFileSync(join(DIST, browser, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const filesOf = (browser: string, extension: string) =>
  readdirSync(join(DIST, browser))
    .filter((name) => name.endsWith(extension))
    .map((name) => ({ name, text: readFileSync(join(DIST, browser, name), 'utf8') }));

describe('the built extension asks for what it uses and runs only its own code', () => {
  it.each(BROWSERS)('%s: permissions pinned, no key that widens access', (browser) => {
    const manifest = manifestOf(browser);
    expect(manifest['permissions']).toEqual(PINNED[browser].permissions);
    expect(manifest).toMatchObject(PINNED[browser].optionalSites);
    for (const key of ABSENT_KEYS) expect(manifest, key).not.toHaveProperty(key);
  });

  it.each(BROWSERS)('%s: no remote code — every script is a packaged file, and none evaluates text', (browser) => {
    const pages = filesOf(browser, '.html');
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      const sources = [...page.text.matchAll(/<script\b[^>]*>/g)].map((tag) => /\bsrc="([^"]*)"/.exec(tag[0])?.[1]);
      expect(sources.length, page.name).toBeGreaterThan(0);
      for (const source of sources) expect(source, `${page.name}: inline or remote script`).toMatch(/^[a-z-]+\.js$/);
    }
    const bundles = filesOf(browser, '.js');
    const names = bundles.map((bundle) => bundle.name);
    expect(names).toContain('background.js');
    for (const bundle of bundles) {
      expect(bundle.text, bundle.name).not.toMatch(/\beval\(|\bnew Function\(|\bimportScripts\(/);
      // A module loaded on demand is one of the package's own files, named by a literal: nothing else is imported.
      for (const [imported, path] of bundle.text.matchAll(/\bimport\(([^)]*)\)/g)) {
        const file = /^"\.\/([a-z-]+\.js)"$/.exec(path ?? '')?.[1];
        expect(file, `${bundle.name}: ${imported}`).toBeDefined();
        expect(names, `${bundle.name}: ${imported}`).toContain(file);
      }
    }
  });
});
