/**
 * The one `manifest.json` at the top level, shaped for each browser. It is written in Chrome's form (MV3).
 *
 * Firefox gets a Manifest V2 build with a persistent background page: the phone engine (SIP WebSocket, calls,
 * WebRTC) lives in that page, and an MV3 event page is suspended after 30 s without extension events — an open
 * WebSocket or a call in progress does not count — which would drop the registration and the calls whenever the
 * sidebar is closed. A persistent page is what Firefox offers for a background that must stay up (Chrome's answer,
 * the offscreen document, does not exist there). It also gets a sidebar instead of the side panel, a
 * `browser_action` instead of `action`, no Chrome-only permissions, and its optional sites in `optional_permissions`.
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
  // Firefox reads managed storage from its enterprise policy and neither needs nor knows a schema.
  delete manifest['storage'];
  delete manifest['minimum_chrome_version'];
  manifest['manifest_version'] = 2;
  manifest['background'] = { scripts: ['background.js'], persistent: true };
  manifest['browser_action'] = manifest['action'];
  delete manifest['action'];
  manifest['sidebar_action'] = {
    default_panel: 'sidepanel.html',
    default_title: '__MSG_extName__',
    default_icon: (source['icons'] as Record<string, string> | undefined) ?? {},
    open_at_install: false,
  };
  const permissions = Array.isArray(source['permissions']) ? (source['permissions'] as string[]) : [];
  manifest['permissions'] = permissions.filter((permission) => !CHROME_ONLY_PERMISSIONS.has(permission));
  // Manifest V2 has no separate key for optional sites: they sit with the optional permissions.
  if (Array.isArray(source['optional_host_permissions'])) {
    manifest['optional_permissions'] = [
      ...((manifest['optional_permissions'] as string[] | undefined) ?? []),
      ...(source['optional_host_permissions'] as string[]),
    ];
    delete manifest['optional_host_permissions'];
  }
  return manifest;
}
