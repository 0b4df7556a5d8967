import type { CallStatus } from '../../shared/model/call.ts';

/**
 * The edges a call's status may take (the diagram is in `shared/model/call.ts`). An ended call stays ended: a
 * provisional response handled late (a 180 after the 486) must not revive it.
 */
export const CALL_TRANSITIONS: Readonly<Record<CallStatus, readonly CallStatus[]>> = {
  Dialing: ['Ringing', 'Active', 'Ended'],
  Ringing: ['Active', 'Ended'],
  // Held straight from ringing: a caller answered into the reception queue, with music, until taken.
  Alerting: ['Active', 'Held', 'Ended'],
  Active: ['Held', 'Ended'],
  Held: ['Active', 'Ended'],
  Ended: [],
};

/** Whether a call may go from `from` to `to`; staying where it is is always allowed (a second 180). */
export function canCallTransition(from: CallStatus, to: CallStatus): boolean {
  return from === to || CALL_TRANSITIONS[from].includes(to);
}
