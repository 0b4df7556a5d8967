import { browser } from '../platform/browser.ts';
import { CONSOLE_WINDOW_QUERY, DEFAULT_WINDOW_SIZE, type WindowBounds } from '../shared/model/console-window.ts';
import type { Logger } from '../shared/log.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * The console in a window of its own (issue #12: "Open in a window"), for a second screen: opened where it was last
 * put, brought forward rather than opened twice. The page in that window reports where it is as it moves (browsers
 * tell no move of a window to an extension the same way), and those bounds are kept for the next time.
 */
export class ConsoleWindow {
  readonly #store: SettingsStore;
  readonly #log: Logger;

  constructor(store: SettingsStore, log: Logger) {
    this.#store = store;
    this.#log = log;
  }

  async open(): Promise<void> {
    const openId = await this.#store.loadConsoleWindowId();
    if (openId !== null) {
      try {
        await browser.windows.update(openId, { focused: true });
        return;
      } catch {
        // Closed since (the id outlived it): open a new one.
      }
    }
    const bounds = await this.#store.loadConsoleWindowBounds();
    const created = await browser.windows.create({
      url: browser.runtime.getURL(`sidepanel.html?${CONSOLE_WINDOW_QUERY}`),
      type: 'popup',
      ...(bounds ?? DEFAULT_WINDOW_SIZE),
    });
    this.#log.info('opened the console window', created.id);
    await this.#store.saveConsoleWindowId(created.id ?? null);
  }

  async rememberBounds(bounds: WindowBounds): Promise<void> {
    await this.#store.saveConsoleWindowBounds(bounds);
  }
}
