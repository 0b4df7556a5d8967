import { browser } from '../platform/browser.ts';
import type { AppState } from '../shared/model/app-state.ts';
import type { CallAction, CallId } from '../shared/model/call.ts';
import { translate, resolveLanguage, type UiLanguage } from '../shared/i18n.ts';
import type { Logger } from '../shared/log.ts';
import type { PhoneLine } from './phone-line.ts';
import type { StateHub } from './state-hub.ts';
import { afterRestore } from './after-restore.ts';

const PREFIX = 'incoming-call:';
const BUTTON_ACTIONS: readonly CallAction[] = ['answer', 'hang-up'];

/**
 * When no console view is open, an incoming call raises a system notification with Answer and Decline; it goes away
 * when the call stops ringing. Clicking the notification opens the console. Listeners are added at once (a click on
 * a notification can be what wakes the service worker).
 */
export function notifyIncomingCalls(
  hub: StateHub,
  phone: PhoneLine,
  openConsole: () => Promise<void>,
  log: Logger,
  restored: Promise<void>,
  /** Who a number is in the directories (the contact's name), or null. */
  identify: (number: string) => Promise<string | null> = () => Promise.resolve(null),
): void {
  const shown = new Set<CallId>();

  hub.onChange((state, key) => {
    if (key !== 'calls') return;
    const alerting = new Set(state.calls.filter((call) => call.status === 'Alerting').map((call) => call.id));
    for (const id of shown) {
      if (alerting.has(id)) continue;
      shown.delete(id);
      void browser.notifications.clear(PREFIX + id);
    }
    if (hub.viewCount > 0) return;
    for (const call of state.calls) {
      if (call.status !== 'Alerting' || shown.has(call.id)) continue;
      shown.add(call.id);
      const language = languageOf(state);
      // The directory's name for the number when it knows it (a lookup of a few milliseconds), else what SIP says.
      void identify(call.remoteNumber)
        .catch(() => null)
        .then((known) => {
          const name = known ?? call.remoteName;
          const party = name ? `${name} (${call.remoteNumber})` : call.remoteNumber;
          // Answered or gone while the directory was read: no notification.
          if (!shown.has(call.id)) return;
          return browser.notifications
            .create(PREFIX + call.id, {
              type: 'basic',
              iconUrl: browser.runtime.getURL('icons/icon-128.png'),
              title: translate(language, 'notification_incoming_title'),
              message: translate(language, 'call_incoming_from', [party]),
              // Chrome only; Firefox ignores them and the click opens the console instead.
              ...(hasNotificationButtons()
                ? {
                    buttons: [
                      { title: translate(language, 'call_answer') },
                      { title: translate(language, 'call_decline') },
                    ],
                    requireInteraction: true,
                  }
                : {}),
            })
            .catch((error: unknown) => log.warn('could not show the incoming-call notification', error));
        });
    }
  });

  if (hasNotificationButtons()) {
    chrome.notifications.onButtonClicked.addListener(
      afterRestore(restored, log, 'notification action', async (notificationId: string, buttonIndex: number) => {
        const action = BUTTON_ACTIONS[buttonIndex];
        if (!notificationId.startsWith(PREFIX) || action === undefined) return;
        void browser.notifications.clear(notificationId);
        await phone.send('engine/call-action', { callId: notificationId.slice(PREFIX.length), action });
      }),
    );
  }
  browser.notifications.onClicked.addListener(
    afterRestore(restored, log, 'opening the console', async (notificationId: string) => {
      if (notificationId.startsWith(PREFIX)) await openConsole();
    }),
  );
}

function hasNotificationButtons(): boolean {
  return typeof chrome !== 'undefined' && typeof chrome.notifications?.onButtonClicked?.addListener === 'function';
}

function languageOf(state: AppState): UiLanguage {
  return resolveLanguage(state.general.language, browser.i18n.getUILanguage());
}
