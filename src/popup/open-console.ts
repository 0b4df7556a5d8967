import { browser, hasSidePanelApi } from '../platform/browser.ts';

// Looked up when the popup opens: `sidePanel.open` must run within the click's user gesture, and an await before it
// can lose the gesture.
const currentWindowId: Promise<number | undefined> = browser.windows.getCurrent().then((window) => window.id);
let knownWindowId: number | undefined;
void currentWindowId.then((id) => (knownWindowId = id));

/**
 * Opens the console where the browser puts it: Chrome's side panel or Firefox's sidebar. Both need the user's click,
 * so this runs in the popup's own click handler, not in the background.
 */
export async function openConsole(): Promise<void> {
  if (hasSidePanelApi()) {
    const windowId = knownWindowId ?? (await currentWindowId);
    if (windowId !== undefined) await chrome.sidePanel.open({ windowId });
  } else {
    await browser.sidebarAction.open();
  }
  globalThis.close();
}
