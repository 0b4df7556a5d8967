import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestFor, type Manifest } from '../../scripts/manifest-transform.ts';

const source = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as Manifest;

describe('the manifest for each browser', () => {
  it('gives Chrome a service worker, the side panel and the offscreen permission, and no Gecko settings', () => {
    const chrome = manifestFor('chrome', source);
    expect(chrome['background']).toEqual({ service_worker: 'background.js' });
    expect(chrome['side_panel']).toEqual({ default_path: 'sidepanel.html' });
    expect(chrome['permissions']).toContain('offscreen');
    expect(chrome['browser_specific_settings']).toBeUndefined();
    expect(chrome['minimum_chrome_version']).toBeDefined();
  });

  it('gives Firefox a persistent background page (MV2) and a sidebar, without Chrome-only keys or permissions', () => {
    const firefox = manifestFor('firefox', source);
    expect(firefox['manifest_version']).toBe(2);
    expect(firefox['background']).toEqual({ scripts: ['background.js'], persistent: true });
    expect(firefox['browser_action']).toEqual(source['action']);
    expect(firefox['action']).toBeUndefined();
    expect(firefox['sidebar_action']).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(firefox['side_panel']).toBeUndefined();
    expect(firefox['minimum_chrome_version']).toBeUndefined();
    expect(firefox['permissions']).not.toContain('offscreen');
    expect(firefox['permissions']).not.toContain('sidePanel');
    expect((firefox['browser_specific_settings'] as { gecko: { id: string } }).gecko.id).toMatch(/@/);
  });

  it('leaves the source untouched', () => {
    const before = JSON.stringify(source);
    manifestFor('firefox', source);
    expect(JSON.stringify(source)).toBe(before);
  });
});
