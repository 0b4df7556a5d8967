import type { UserDialog } from './dialog-tracker.ts';

/** A call's state in XSI (schema `CallState`), as far as the lab's calls go. */
export type XsiCallState = 'Alerting' | 'Active' | 'Held' | 'Released';

/** What an Advanced Call subscription last told of one call: its state, and the call as last sent. */
export interface ToldCall {
  readonly state: XsiCallState;
  readonly content: Record<string, unknown>;
}

/** The state of a user's call: ringing until answered, held while the user holds it, released once ended. */
export function xsiCallStateOf(call: UserDialog): XsiCallState {
  if (call.dialog.state === 'terminated') return 'Released';
  if (call.dialog.state !== 'confirmed') return 'Alerting';
  return call.local.isHolding ? 'Held' : 'Active';
}

/**
 * The event that tells a change of a user's call (spec §4.4, Standard and Advanced Call packages): a new call is
 * originated (the user called) or received, then answered, held and retrieved, and released; null when the state
 * did not change, or for a call that ended before it was ever told of (refused at once).
 */
export function xsiCallEventType(before: XsiCallState | undefined, after: XsiCallState, isOriginator: boolean) {
  if (before === after) return null;
  if (after === 'Released') return before === undefined ? null : 'CallReleasedEvent';
  if (after === 'Alerting') return isOriginator ? 'CallOriginatedEvent' : 'CallReceivedEvent';
  if (after === 'Held') return 'CallHeldEvent';
  return before === 'Held' ? 'CallRetrievedEvent' : 'CallAnsweredEvent';
}

/**
 * A user's call as an XSI `Call` (schema `Call`: callId, extTrackingId, networkCallId, personality, state,
 * remoteParty, startTime, answerTime, releaseTime): `networkCallId` is the SIP Call-ID of the call, by which a
 * client tells its own calls from the user's others.
 */
export function xsiCallContent(
  call: UserDialog,
  xsiCallId: string,
  domain: string,
  nameOf: (user: string) => string | null,
): Record<string, unknown> {
  const { dialog, remote } = call;
  const state = xsiCallStateOf(call);
  return {
    callId: xsiCallId,
    extTrackingId: `${xsiCallId}:lab`,
    networkCallId: dialog.callId,
    personality: call.direction === 'initiator' ? 'Originator' : 'Terminator',
    state,
    remoteParty: {
      name: remote.displayName ?? nameOf(remote.user) ?? undefined,
      address: `sip:${remote.user}@${domain}`,
      callType: 'Group',
    },
    startTime: dialog.startedAt,
    answerTime: dialog.answeredAt ?? undefined,
    releaseTime: state === 'Released' ? Date.now() : undefined,
  };
}

/** A user's call as XSI names it: whose, and its SIP Call-ID. */
export interface UserCall {
  readonly user: string;
  readonly sipCallId: string;
}

/**
 * The XSI id of each user's call (`callhalf-<n>:0`, opaque like BroadWorks'), and back, while the call lasts: the
 * events name calls by it, and the call-control actions (`…/calls/<callId>`) find the call by it.
 */
export class XsiCallIds {
  readonly #ids = new Map<string, string>();
  readonly #calls = new Map<string, UserCall>();
  #last = 0;

  idOf(user: string, sipCallId: string): string {
    const key = `${user} ${sipCallId}`;
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = `callhalf-${++this.#last}:0`;
      this.#ids.set(key, id);
      this.#calls.set(id, { user, sipCallId });
    }
    return id;
  }

  callOf(xsiCallId: string): UserCall | undefined {
    return this.#calls.get(xsiCallId);
  }

  forget(user: string, sipCallId: string): void {
    const key = `${user} ${sipCallId}`;
    const id = this.#ids.get(key);
    if (id === undefined) return;
    this.#ids.delete(key);
    this.#calls.delete(id);
  }
}
