import type { Call } from '../model/call.ts';
import type { IconName } from './icons.tsx';

/**
 * The seven states a line, a call, a lamp or a queue entry shows (issue #12), each with one colour everywhere (the
 * `--state-*` tokens of base.css) and one icon here; the words come from whoever shows it.
 */
export type VisualState = 'idle' | 'ringing' | 'talking' | 'held' | 'parked' | 'busy' | 'offline';

export const VISUAL_STATE_ICON: Record<VisualState, IconName> = {
  idle: 'lamp',
  ringing: 'answer',
  talking: 'off-hook',
  held: 'hold',
  parked: 'park',
  busy: 'do-not-disturb',
  offline: 'offline',
};

/**
 * How one of the receptionist's own calls looks: ringing while it rings either way (and while a transfer nobody
 * answered rings back), talking once connected.
 */
export function visualStateOfCall(call: Pick<Call, 'status'> & Partial<Pick<Call, 'recalledFrom'>>): VisualState {
  if (call.status === 'Held' && call.recalledFrom != null) return 'ringing';
  switch (call.status) {
    case 'Dialing':
    case 'Ringing':
    case 'Alerting':
      return 'ringing';
    case 'Active':
      return 'talking';
    case 'Held':
      return 'held';
    case 'Ended':
      return 'offline';
  }
}

/**
 * How the receptionist's own line looks (the popup, the toolbar): offline until registered, busy with Do Not
 * Disturb, ringing while a call rings in, talking while any call is up — here or on their other phones — else idle.
 */
export function visualStateOfLine(line: {
  isRegistered: boolean;
  isDndActive: boolean;
  calls: readonly Pick<Call, 'status'>[];
  /** Calls of the line on the user's other phones (the PBX says so over XSI). */
  callsElsewhere?: readonly unknown[];
}): VisualState {
  if (!line.isRegistered) return 'offline';
  if (line.isDndActive) return 'busy';
  if (line.calls.some((call) => call.status === 'Alerting')) return 'ringing';
  const isTaken = line.calls.some((call) => call.status !== 'Ended') || (line.callsElsewhere?.length ?? 0) > 0;
  return isTaken ? 'talking' : 'idle';
}
