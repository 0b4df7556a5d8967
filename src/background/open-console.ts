import { browser, hasSidePanelApi, type Tabs } from '../platform/browser.ts';

/**
 * Opens the console from the background, in answer to a user action (a shortcut, a notification click): Chrome's
 * side panel in the current window, Firefox's sidebar; if the browser refuses (no window, no gesture), a tab.
 */
export async function openConsoleFromBackground(tab?: Tabs.Tab): Promise<void> {
  try {
    if (hasSidePanelApi()) {
      const windowId = tab?.windowId ?? (await browser.windows.getLastFocused()).id;
      if (windowId !== undefined) {
        await chrome.sidePanel.open({ windowId });
        return;
      }
    } else {
      await browser.sidebarAction.open();
      return;
    }
  } catch {
    // Fall through to a tab.
  }
  await browser.tabs.create({ url: browser.runtime.getURL('sidepanel.html') });
}
