import type { IncomingRequestMessage } from 'sip.js/lib/core';
import type { DialogTracker } from './dialog-tracker.ts';
import { addHeaderOnTop, joinMessage, setRequestUri, splitMessage } from './sip-text.ts';

/** The lab's directed call pickup code, as on Asterisk and FreeSWITCH: `**` then the ringing colleague's line. */
export const DIRECTED_PICKUP_PREFIX = '**';

/**
 * Directed call pickup, as a PBX does it: an INVITE to `**201` becomes an INVITE with Replaces (RFC 3891) to the
 * caller of the call ringing at 201, so the caller's phone swaps that call for the picker's. Returns the rewritten
 * request, or that nothing rings there; null when the request is no pickup.
 */
export function directedPickup(
  request: IncomingRequestMessage & { ruri: NonNullable<IncomingRequestMessage['ruri']> },
  raw: string,
  tracker: DialogTracker,
): { kind: 'rewritten'; raw: string } | { kind: 'not-ringing' } | null {
  const user = request.ruri.user ?? '';
  if (request.method !== 'INVITE' || request.toTag || !user.startsWith(DIRECTED_PICKUP_PREFIX)) return null;
  const line = user.slice(DIRECTED_PICKUP_PREFIX.length);
  const ringing = tracker
    .dialogsOf(line)
    .find(
      ({ dialog, direction, local, remote }) =>
        direction === 'recipient' &&
        (dialog.state === 'early' || dialog.state === 'trying') &&
        local.tag !== null &&
        remote.tag !== null &&
        remote.contact !== null,
    );
  if (ringing === undefined) return { kind: 'not-ringing' };
  const message = splitMessage(raw);
  setRequestUri(message, ringing.remote.contact ?? '');
  addHeaderOnTop(
    message,
    'Replaces',
    // The caller matches `to-tag` with its own tag (RFC 3891 §3).
    `${ringing.dialog.callId};to-tag=${ringing.remote.tag ?? ''};from-tag=${ringing.local.tag ?? ''};early-only`,
  );
  return { kind: 'rewritten', raw: joinMessage(message) };
}
