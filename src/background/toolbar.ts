import { toolbarButton } from '../platform/browser.ts';
import type { AppState } from '../shared/model/app-state.ts';
import { RegistrationStatus } from '../shared/model/registration.ts';
import { STATE_COLOURS } from '../shared/ui/state-colours.ts';
import { visualStateOfLine, type VisualState } from '../shared/ui/visual-state.ts';
import type { Logger } from '../shared/log.ts';
import type { StateHub } from './state-hub.ts';

type ToolbarLine = 'offline' | 'ready' | 'busy' | 'dnd';

/**
 * The toolbar button shows the line at a glance, in the colours of the line states (state-colours.ts): its icon's
 * dot (offline, Do Not Disturb with a bar, talking on a call, idle when ready — DND outranks busy, as in the
 * information pane) and a badge with the calls ringing, or else the
 * missed calls not yet seen.
 */
export function followStateOnToolbar(hub: StateHub, log: Logger): void {
  let shown = '';
  const update = (state: AppState) => {
    const line = lineOf(state);
    const ringing = state.calls.filter((call) => call.status === 'Alerting').length;
    const badge =
      ringing > 0 ? String(ringing) : state.history.unseenMissed > 0 ? String(state.history.unseenMissed) : '';
    // The badge in the state's colour: ringing calls, or missed ones (red, as a call not answered).
    const color = ringing > 0 ? STATE_COLOURS.ringing.light : STATE_COLOURS.talking.light;
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
    if (['registration', 'calls', 'callsElsewhere', 'history', 'services'].includes(key)) update(state);
  });
}

/** The toolbar's four drawn icons, for the line's state as the popup words it. */
const ICON_OF_LINE_STATE: Record<VisualState, ToolbarLine> = {
  offline: 'offline',
  busy: 'dnd',
  ringing: 'busy',
  talking: 'busy',
  held: 'busy',
  parked: 'busy',
  idle: 'ready',
};

function lineOf(state: AppState): ToolbarLine {
  return ICON_OF_LINE_STATE[
    visualStateOfLine({
      isRegistered: state.registration.status === RegistrationStatus.Registered,
      isDndActive: state.services.dnd.isActive,
      calls: state.calls,
      callsElsewhere: state.callsElsewhere,
    })
  ];
}
