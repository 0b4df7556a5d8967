import { browser } from '../../platform/browser.ts';
import { resolveLanguage, translate } from '../../shared/i18n.ts';
import type { Logger } from '../../shared/log.ts';
import type { StateHub } from '../state-hub.ts';
import type { ClickToCallService } from './click-to-call-service.ts';
import { afterRestore } from '../after-restore.ts';

const PREFIX = 'confirm-dial:';

/**
 * A call a page asked for that needs the receptionist's yes, while no console is open: a notification (Call / Cancel
 * on Chrome; elsewhere a click opens the console, which shows the question).
 */
export function notifyPendingDials(
  hub: StateHub,
  service: ClickToCallService,
  openConsole: () => Promise<void>,
  log: Logger,
  restored: Promise<void>,
): void {
  const shown = new Set<string>();
  hub.onChange((state, key) => {
    if (key !== 'clickToCall') return;
    const pendingIds = new Set(state.clickToCall.pending.map((entry) => entry.id));
    for (const id of shown) {
      if (pendingIds.has(id)) continue;
      shown.delete(id);
      void browser.notifications.clear(PREFIX + id);
    }
    if (hub.viewCount > 0) return;
    const language = resolveLanguage(state.general.language, browser.i18n.getUILanguage());
    for (const entry of state.clickToCall.pending) {
      if (shown.has(entry.id)) continue;
      shown.add(entry.id);
      const reason = translate(
        language,
        entry.reason === 'premium' ? 'click_to_call_reason_premium' : 'click_to_call_reason_international',
      );
      browser.notifications
        .create(PREFIX + entry.id, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('icons/icon-128.png'),
          title: translate(language, 'click_to_call_confirm_title'),
          message: translate(language, 'click_to_call_confirm_message', [entry.number, entry.site || '—', reason]),
          ...(hasButtons()
            ? {
                buttons: [
                  { title: translate(language, 'click_to_call_confirm_call') },
                  { title: translate(language, 'cancel') },
                ],
                requireInteraction: true,
              }
            : {}),
        })
        .catch((error: unknown) => log.warn('could not show the call confirmation', error));
    }
  });
  if (hasButtons()) {
    // The confirmation outlives a stopped worker (storage.session): its answer finds it once restored.
    chrome.notifications.onButtonClicked.addListener(
      afterRestore(restored, log, 'confirmation', async (notificationId: string, buttonIndex: number) => {
        if (notificationId.startsWith(PREFIX))
          await service.answerPending(notificationId.slice(PREFIX.length), buttonIndex === 0);
      }),
    );
  }
  browser.notifications.onClicked.addListener(
    afterRestore(restored, log, 'opening the console', async (notificationId: string) => {
      if (notificationId.startsWith(PREFIX)) await openConsole();
    }),
  );
}

function hasButtons(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.notifications?.onButtonClicked?.addListener === 'function';
}
