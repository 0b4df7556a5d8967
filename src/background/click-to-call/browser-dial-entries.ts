import { browser, type Menus, type Tabs } from '../../platform/browser.ts';
import { translate, resolveLanguage } from '../../shared/i18n.ts';
import type { Logger } from '../../shared/log.ts';
import { telephoneNumberOf } from '../../shared/phone-number/telephone-uri.ts';
import type { SettingsStore } from '../settings-store.ts';
import type { StateHub } from '../state-hub.ts';
import { hostOf, type ClickToCallService } from './click-to-call-service.ts';
import { afterRestore } from '../after-restore.ts';

const MENU_SELECTION = 'switchboard-call-selection';
const MENU_LINK = 'switchboard-call-link';

/**
 * The browser's own ways to call from a page, trusted because only the user can use them: "Call <selection>" and
 * "Call this number" (on tel:, callto:, sip: links) in the context menu, and a keyboard command that calls the
 * selected text (it reads the selection through activeTab, which the command itself grants).
 */
export function offerBrowserDialEntries(
  hub: StateHub,
  store: SettingsStore,
  service: ClickToCallService,
  log: Logger,
  restored: Promise<void>,
): { syncMenus(): Promise<void>; callSelection(tab: Tabs.Tab | undefined): Promise<void> } {
  const dial = (text: string, source: 'context-menu' | 'keyboard-command', tab: Tabs.Tab | undefined) => {
    service
      .dial({ number: text, extension: null, source, site: hostOf(tab?.url ?? '') })
      .catch((error: unknown) => log.warn(`could not call from the ${source}`, error));
  };

  // A menu click can be what wakes the worker: the dial checks run on the restored settings and line.
  browser.contextMenus.onClicked.addListener(
    afterRestore(restored, log, 'context menu', (info: Menus.OnClickData, tab?: Tabs.Tab) => {
      if (info.menuItemId === MENU_SELECTION && info.selectionText !== undefined)
        dial(info.selectionText, 'context-menu', tab);
      if (info.menuItemId === MENU_LINK) {
        const number = telephoneNumberOf(info.linkUrl ?? '');
        if (number !== null) dial(number, 'context-menu', tab);
      }
    }),
  );

  return {
    async callSelection(tab) {
      if (tab?.id === undefined) return;
      const results = await browser.scripting.executeScript({
        target: { tabId: tab.id },
        func: () => globalThis.getSelection()?.toString() ?? '',
      });
      const selected = results[0]?.result;
      if (typeof selected === 'string' && selected.trim() !== '') dial(selected.slice(0, 64), 'keyboard-command', tab);
    },
    /**
     * The menus in the console's language. Chrome keeps menus across service-worker restarts, so they are made again
     * only when their language is not the one recorded for this browser session (a new session, or a new language
     * setting), not at every wake-up.
     */
    async syncMenus() {
      const language = resolveLanguage(hub.state.general.language, browser.i18n.getUILanguage());
      if ((await store.loadMenusLanguage()) === language) return;
      await browser.contextMenus.removeAll();
      browser.contextMenus.create({
        id: MENU_SELECTION,
        title: translate(language, 'menu_call_selection'),
        contexts: ['selection'],
      });
      browser.contextMenus.create({
        id: MENU_LINK,
        title: translate(language, 'menu_call_link'),
        contexts: ['link'],
        targetUrlPatterns: ['tel:*', 'callto:*', 'sip:*', 'sips:*'],
      });
      await store.saveMenusLanguage(language);
    },
  };
}
