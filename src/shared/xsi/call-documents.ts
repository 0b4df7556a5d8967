import { childOf, childrenOf, text, type XsiNode } from './xsi-documents.ts';

/** A `Call` of an XSI call event (XSI schema `Call`, spec §4.4: Basic, Standard and Advanced Call packages). */
export interface XsiCall {
  readonly callId: string;
  /** The SIP Call-ID of the call at the user's device (`networkCallId`), when the PBX says. */
  readonly networkCallId: string | null;
  /** `Originator` (the user called), `Terminator` (the user is called) or `Click-to-Dial`. */
  readonly personality: string;
  /** `Alerting`, `Active`, `Held`, `Detached` or `Released`. */
  readonly state: string;
  readonly remoteName: string;
  /** `tel:+33…` or `sip:201@pbx`, as the PBX wrote it. */
  readonly remoteAddress: string;
  /** ms since the epoch; null when absent or not a time. */
  readonly startTime: number | null;
  readonly answerTime: number | null;
}

/** The call events whose data lists every call of the user at once (the first event of a subscription). */
const WHOLE_LISTS = new Set(['CallSubscriptionEvent', 'CallSubscriptionResyncEvent']);

/**
 * The calls an event's data speaks of: every call of the user for a subscription's first event (`calls`), the one
 * call of a call event (`call`: CallReceivedEvent, CallAnsweredEvent, CallReleasedEvent…); null for any other event.
 * A call without its id is left out.
 */
export function xsiCallsOf(type: string, data: XsiNode): readonly XsiCall[] | null {
  if (WHOLE_LISTS.has(type)) return childrenOf(childOf(data, 'calls'), 'call').flatMap(callOf);
  if (!type.startsWith('Call') || data['call'] === undefined) return null;
  return callOf(childOf(data, 'call'));
}

/** Whether the event's calls are all the user has (any call not listed has ended). */
export function isWholeCallList(type: string): boolean {
  return WHOLE_LISTS.has(type);
}

function callOf(call: XsiNode): XsiCall[] {
  const callId = text(call, 'callId').slice(0, 256);
  if (callId === '') return [];
  const remote = childOf(call, 'remoteParty');
  const networkCallId = text(call, 'networkCallId').slice(0, 256);
  return [
    {
      callId,
      networkCallId: networkCallId === '' ? null : networkCallId,
      personality: text(call, 'personality').slice(0, 32),
      state: text(call, 'state').slice(0, 32),
      remoteName: text(remote, 'name').slice(0, 256),
      remoteAddress: text(remote, 'address').slice(0, 256),
      startTime: timeOf(text(call, 'startTime')),
      answerTime: timeOf(text(call, 'answerTime')),
    },
  ];
}

function timeOf(value: string): number | null {
  const time = Number(value);
  return value !== '' && Number.isSafeInteger(time) && time > 0 ? time : null;
}
