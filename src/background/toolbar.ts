import { toolbarButton } from '../platform/browser.ts';
import type { AppState } from '../shared/model/app-state.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import type { Logger } from '../shared/log.ts';
import type { StateHub } from './state-hub.ts';

type ToolbarLine = 'offline' | 'ready' | 'busy' | 'dnd';

/**
 * The toolbar button shows the line at a glance: its icon's dot (grey offline, a red bar for Do Not Disturb, red on a
 * call, green ready — DND outranks busy, as in the information pane) and a badge with the calls ringing, or else the
 * missed calls not yet seen.
 */
export function followStateOnToolbar(hub: StateHub, log: Logger): void {
  let shown = '';
  const update = (state: AppState) => {
    const line = lineOf(state);
    const ringing = state.calls.filter((call) => call.status === 'Alerting').length;
    const badge =
      ringing > 0 ? String(ringing) : state.history.unseenMissed > 0 ? String(state.history.unseenMissed) : '';
    const color = ringing > 0 ? '#1a7f37' : '#cf222e';
    const key = `${line}|${badge}|${color}`;
    if (key === shown) return;
    shown = key;
    const button = toolbarButton();
    Promise.all([
      button.setIcon({ path: { 16: `icons/toolbar-${line}-16.png`, 32: `icons/toolbar-${line}-32.png` } }),
      button.setBadgeText({ text: badge }),
      button.setBadgeBackgroundColor({ color }),
    ]).catch((error: unknown) => log.warn('could not update the toolbar button', error));
  };
  hub.onChange((state, key) => {
    if (key === 'registration' || key === 'calls' || key === 'history' || key === 'services') update(state);
  });
}

function lineOf(state: AppState): ToolbarLine {
  if (state.registration.status !== RegistrationStatus.Registered) return 'offline';
  if (state.services.dnd.isActive) return 'dnd';
  return state.calls.some((call) => call.status !== 'Ended') ? 'busy' : 'ready';
}
