import browser from 'webextension-polyfill';

/**
 * The promise-based WebExtension API on both browsers. Every context takes `browser` from here, so swapping or
 * wrapping the polyfill is one file.
 */
export { browser };
export type { Menus, Runtime, Storage, Tabs } from 'webextension-polyfill';

/** The toolbar button: `action` in Manifest V3 (Chrome), `browserAction` in Firefox's Manifest V2 build. */
export function toolbarButton(): typeof browser.action {
  return browser.action ?? browser.browserAction;
}

/** True where the Chrome-only `offscreen` API exists (so the phone engine must live in an offscreen document). */
export function hasOffscreenApi(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.offscreen?.createDocument === 'function';
}

/** True where the Chrome side panel API exists; Firefox has `sidebarAction` instead. */
export function hasSidePanelApi(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.sidePanel?.open === 'function';
}
