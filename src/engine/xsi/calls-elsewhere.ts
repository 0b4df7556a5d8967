import type { CallElsewhere } from '../../shared/model/call-elsewhere.ts';
import { addressWords } from '../../shared/xsi/acd-documents.ts';
import type { XsiCall } from '../../shared/xsi/call-documents.ts';

/** XSI's call states the console shows (a Map: the state is the server's text, `constructor` included). */
const STATES = new Map<string, CallElsewhere['state']>([
  ['Alerting', 'ringing'],
  ['Active', 'talking'],
  ['Detached', 'talking'],
  ['Held', 'held'],
]);

/**
 * The user's calls the PBX reports that are not this console's (their SIP Call-ID is not one of `consoleCallIds`):
 * on the desk phone, the mobile, another console. A call in a state the console does not know is left out. Returns
 * `previous` itself when nothing changed, so that the engine's state keeps one object while the calls stay the same.
 */
export function callsElsewhere(
  reported: readonly XsiCall[],
  consoleCallIds: ReadonlySet<string>,
  previous: CallElsewhere[],
): CallElsewhere[] {
  const calls = reported.flatMap((call): CallElsewhere[] => {
    const state = STATES.get(call.state);
    if (state === undefined || (call.networkCallId !== null && consoleCallIds.has(call.networkCallId))) return [];
    return [
      {
        id: call.callId,
        direction: call.personality === 'Terminator' ? 'incoming' : 'outgoing',
        state,
        remoteName: call.remoteName,
        remoteNumber: addressWords(call.remoteAddress),
        startedAt: call.startTime ?? 0,
        answeredAt: call.answerTime,
      },
    ];
  });
  const isSame =
    calls.length === previous.length &&
    calls.every((call, index) => {
      const before = previous[index];
      return (
        before !== undefined &&
        (Object.keys(call) as (keyof CallElsewhere)[]).every((field) => call[field] === before[field])
      );
    });
  return isSame ? previous : calls;
}
