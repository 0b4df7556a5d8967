import { browser } from '../platform/browser.ts';

/**
 * The web site of the tab the popup was opened over (host name), or null on a browser page or when the browser does
 * not tell (no permission for that tab). The toolbar click grants activeTab, so the URL is readable here.
 */
export async function currentSite(): Promise<string | null> {
  const self = await browser.tabs.getCurrent();
  const tabs = await browser.tabs.query({ active: true, windowType: 'normal' });
  const focused = await browser.windows.getLastFocused().catch(() => undefined);
  // The popup is not a tab; when it is opened as one (keyboard users, tests), the page is the other active tab.
  const candidates = tabs.filter((tab) => tab.id !== self?.id && tab.url !== undefined && /^https?:/.test(tab.url));
  const tab = candidates.find((candidate) => candidate.windowId === focused?.id) ?? candidates[0];
  if (tab?.url === undefined) return null;
  try {
    return new URL(tab.url).host.toLowerCase();
  } catch {
    return null;
  }
}
