/**
 * The one `manifest.json` at the top level, shaped for each browser. It is written in Chrome's form; Firefox gets an
 * event page instead of a service worker, a sidebar instead of the side panel, and no Chrome-only permissions.
 */
export type Browser = 'chrome' | 'firefox';
export type Manifest = Record<string, unknown>;

const CHROME_ONLY_PERMISSIONS = new Set(['sidePanel', 'offscreen']);

export function manifestFor(browser: Browser, source: Manifest): Manifest {
  const manifest: Manifest = structuredClone(source);
  if (browser === 'chrome') {
    delete manifest['browser_specific_settings'];
    return manifest;
  }
  delete manifest['side_panel'];
  delete manifest['minimum_chrome_version'];
  manifest['background'] = { scripts: ['background.js'] };
  manifest['sidebar_action'] = {
    default_panel: 'sidepanel.html',
    default_title: '__MSG_extName__',
    default_icon: (source['icons'] as Record<string, string> | undefined) ?? {},
    open_at_install: false,
  };
  const permissions = Array.isArray(source['permissions']) ? (source['permissions'] as string[]) : [];
  manifest['permissions'] = permissions.filter((permission) => !CHROME_ONLY_PERMISSIONS.has(permission));
  return manifest;
}
