import { browser, type Tabs } from '../platform/browser.ts';
import type { Logger } from '../shared/log.ts';
import type { PhoneLine } from './phone-line.ts';
import type { StateHub } from './state-hub.ts';
import { afterRestore } from './after-restore.ts';

/**
 * The browser-wide keyboard shortcuts (manifest `commands`; the user can change the keys in the browser): answer the
 * ringing call, hang up the current one, hold or resume it, open the console's dialer, call the selected text. They
 * work with the console closed. A shortcut that wakes the service worker acts once the calls are known again.
 */
export function handleKeyboardCommands(
  hub: StateHub,
  phone: PhoneLine,
  openConsole: (tab?: Tabs.Tab) => Promise<void>,
  callSelection: (tab?: Tabs.Tab) => Promise<void>,
  log: Logger,
  restored: Promise<void>,
): void {
  const onCommand = (command: string, tab?: Tabs.Tab): Promise<void> => {
    const calls = hub.state.calls;
    return (() => {
      switch (command) {
        case 'answer-call': {
          const ringing = calls.find((call) => call.status === 'Alerting');
          return ringing
            ? phone.send('engine/call-action', { callId: ringing.id, action: 'answer' })
            : Promise.resolve();
        }
        case 'hang-up': {
          const current =
            calls.find((call) => call.status === 'Active') ??
            calls.find((call) => call.status === 'Dialing' || call.status === 'Ringing');
          return current
            ? phone.send('engine/call-action', { callId: current.id, action: 'hang-up' })
            : Promise.resolve();
        }
        case 'hold-resume': {
          // The conversation in progress goes on hold; with none, the call on hold comes back.
          const active = calls.find((call) => call.status === 'Active');
          if (active) return phone.send('engine/call-action', { callId: active.id, action: 'hold' });
          const held = calls.find((call) => call.status === 'Held');
          return held ? phone.send('engine/call-action', { callId: held.id, action: 'resume' }) : Promise.resolve();
        }
        case 'open-dialer':
          return openConsole(tab);
        case 'call-selection':
          return callSelection(tab);
        default:
          log.warn(`unknown keyboard command ${command}`);
          return Promise.resolve();
      }
    })();
  };
  browser.commands.onCommand.addListener(afterRestore(restored, log, 'keyboard command', onCommand));
}
