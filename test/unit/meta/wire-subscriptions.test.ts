import { describe, expect, it } from 'vitest';
import { subscriptionsHeld, type WireEvent } from '../../support/websocket-wire.ts';

/** A SIP message as a frame of the wire, `at` ms into the run. */
function frame(at: number, kind: 'sent' | 'received', startLine: string, headers: string[]): WireEvent {
  return { at, kind, text: [startLine, ...headers, '', ''].join('\r\n') };
}

const subscribe = (at: number, callId: string, cseq: number, expires: number) =>
  frame(at, 'sent', 'SUBSCRIBE sip:201@lab SIP/2.0', [
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} SUBSCRIBE`,
    'Event: dialog',
    `Expires: ${expires}`,
  ]);
const answer = (at: number, status: string, callId: string, cseq: string) =>
  frame(at, 'received', `SIP/2.0 ${status}`, [`Call-ID: ${callId}`, `CSeq: ${cseq}`]);
const notify = (at: number, callId: string, event: string, state: string) =>
  frame(at, 'received', 'NOTIFY sip:reception@lab SIP/2.0', [
    `i: ${callId}`,
    'CSeq: 9 NOTIFY',
    `o: ${event}`,
    `Subscription-State: ${state}`,
  ]);

/** The soak's count of subscriptions left behind rests on this reading of the wire: it must see one open. */
describe('the subscriptions a page holds, read off its SIP WebSocket', () => {
  it('a SUBSCRIBE opens one; a terminated NOTIFY, an unsubscribe or a refusal ends it', () => {
    const events = [
      subscribe(1, 'lamp-a', 1, 600),
      answer(2, '200 OK', 'lamp-a', '1 SUBSCRIBE'),
      notify(3, 'lamp-a', 'dialog', 'active;expires=600'),
      subscribe(4, 'lamp-b', 1, 600),
      subscribe(5, 'lamp-c', 1, 600),
      answer(6, '403 Forbidden', 'lamp-c', '1 SUBSCRIBE'),
      subscribe(7, 'lamp-a', 2, 0),
      notify(8, 'lamp-b', 'dialog', 'terminated;reason=timeout'),
    ];
    expect([...subscriptionsHeld(events, 3)]).toEqual(['lamp-a dialog']);
    expect([...subscriptionsHeld(events, 5)]).toEqual(['lamp-a dialog', 'lamp-b dialog', 'lamp-c dialog']);
    expect([...subscriptionsHeld(events, 6)]).toEqual(['lamp-a dialog', 'lamp-b dialog']);
    expect([...subscriptionsHeld(events)]).toEqual([]);
  });

  it("a REFER opens one, named by its CSeq, that the transfer's last NOTIFY ends, with or without the id", () => {
    const refer = (at: number, callId: string, cseq: number) =>
      frame(at, 'sent', 'REFER sip:bob@lab SIP/2.0', [`Call-ID: ${callId}`, `CSeq: ${cseq} REFER`]);
    const events = [
      refer(1, 'call-1', 3),
      answer(2, '202 Accepted', 'call-1', '3 REFER'),
      refer(3, 'call-2', 5),
      answer(4, '202 Accepted', 'call-2', '5 REFER'),
      notify(5, 'call-1', 'refer;id=3', 'terminated;reason=noresource'),
      refer(6, 'call-3', 2),
      answer(7, '603 Decline', 'call-3', '2 REFER'),
    ];
    expect([...subscriptionsHeld(events, 4)]).toEqual(['call-1 refer;id=3', 'call-2 refer;id=5']);
    expect([...subscriptionsHeld(events)]).toEqual(['call-2 refer;id=5']);
    expect([...subscriptionsHeld([...events, notify(8, 'call-2', 'refer', 'terminated')])]).toEqual([]);
  });
});
