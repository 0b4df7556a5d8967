import { describe, expect, it } from 'vitest';
import { callsElsewhere } from '../../src/engine/xsi/calls-elsewhere.ts';
import type { XsiCall } from '../../src/shared/xsi/call-documents.ts';

const reported = (callId: string, overrides: Partial<XsiCall> = {}): XsiCall => ({
  callId,
  networkCallId: `sip-${callId}`,
  personality: 'Originator',
  state: 'Active',
  remoteName: 'Alice Martin',
  remoteAddress: 'sip:201@lab.switchboard',
  startTime: 10,
  answerTime: 20,
  ...overrides,
});

describe("the user's calls elsewhere, from what the PBX reports", () => {
  it("leaves out the console's own calls (by SIP Call-ID) and states it does not know; reads who and which way", () => {
    const calls = callsElsewhere(
      [
        reported('desk'),
        reported('here'),
        reported('mobile', { personality: 'Terminator', state: 'Alerting', remoteName: '', answerTime: null }),
        reported('gone', { state: 'Released' }),
        reported('odd', { state: 'Parked' }),
        reported('hostile', { state: 'constructor' }),
      ],
      new Set(['sip-here']),
      [],
    );
    expect(calls).toEqual([
      {
        id: 'desk',
        direction: 'outgoing',
        state: 'talking',
        remoteName: 'Alice Martin',
        remoteNumber: '201',
        startedAt: 10,
        answeredAt: 20,
      },
      {
        id: 'mobile',
        direction: 'incoming',
        state: 'ringing',
        remoteName: '',
        remoteNumber: '201',
        startedAt: 10,
        answeredAt: null,
      },
    ]);
  });

  it('gives back the same list while nothing changed, a new one when a call did', () => {
    const first = callsElsewhere([reported('desk')], new Set(), []);
    expect(callsElsewhere([reported('desk')], new Set(), first)).toBe(first);
    const held = callsElsewhere([reported('desk', { state: 'Held' })], new Set(), first);
    expect(held).not.toBe(first);
    expect(held[0]?.state).toBe('held');
  });
});
