import { describe, expect, it } from 'vitest';
import { canCallTransition } from '../../src/engine/calls/call-status.ts';
import { decideIncoming } from '../../src/engine/calls/incoming-policy.ts';
import { canTransition } from '../../src/engine/line/registration-machine.ts';
import { answerAfterSeconds } from '../../src/engine/sip/call-info.ts';
import type { CallStatus } from '../../src/shared/model/call.ts';
import type { RegistrationState } from '../../src/shared/model/registration.ts';
import type { EngineOptions } from '../../src/shared/protocol/engine-commands.ts';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/engine/phone-engine.ts';

describe('a call’s status moves only along its edges', () => {
  it.each<[CallStatus, CallStatus, boolean]>([
    ['Dialing', 'Ringing', true],
    ['Dialing', 'Active', true],
    ['Ringing', 'Active', true],
    ['Alerting', 'Active', true],
    // A caller answered into the reception queue, with music.
    ['Alerting', 'Held', true],
    ['Active', 'Held', true],
    ['Held', 'Active', true],
    ['Active', 'Ended', true],
    ['Ringing', 'Ringing', true],
    // A late 180 after the call ended, or an answer after the caller gave up: refused.
    ['Ended', 'Ringing', false],
    ['Ended', 'Active', false],
    ['Alerting', 'Dialing', false],
    ['Held', 'Ringing', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canCallTransition(from, to)).toBe(allowed);
  });
});

describe('the registration moves only along its edges', () => {
  const state = (status: RegistrationState['status']): RegistrationState =>
    status === 'Registered'
      ? { status, since: 1 }
      : status === 'Reconnecting'
        ? { status, retryAt: 1 }
        : status === 'Failed'
          ? { status, reason: 'rejected', detail: '' }
          : { status };
  it.each<[RegistrationState['status'], RegistrationState['status'], boolean]>([
    ['LoggedOut', 'Registering', true],
    ['Registering', 'Registered', true],
    ['Registered', 'Reconnecting', true],
    ['Reconnecting', 'Reconnecting', true],
    ['Reconnecting', 'Registered', true],
    ['Registering', 'Failed', true],
    ['Failed', 'Registering', true],
    ['Registered', 'LoggedOut', true],
    // Never registered without asking, never back from logged out but by a login.
    ['LoggedOut', 'Registered', false],
    ['LoggedOut', 'Reconnecting', false],
    ['Failed', 'Registered', false],
    ['Registered', 'Unconfigured', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(state(from), state(to))).toBe(allowed);
  });
});

describe('what happens to a call arriving', () => {
  const options = (
    changes: Partial<EngineOptions> = {},
    incoming: Partial<EngineOptions['incoming']> = {},
  ): EngineOptions => ({
    ...DEFAULT_ENGINE_OPTIONS,
    ...changes,
    incoming: { doNotDisturb: null, forwardTo: null, hasRingSplash: false, ...incoming },
  });
  it('rings by default', () => expect(decideIncoming(options(), true, null)).toEqual({ kind: 'ring' }));
  it('is refused busy or unavailable under Do Not Disturb, before anything else', () => {
    expect(decideIncoming(options({ autoAnswer: true }, { doNotDisturb: 'busy', forwardTo: '201' }), true, 0)).toEqual({
      kind: 'refuse',
      statusCode: 486,
    });
    expect(decideIncoming(options({}, { doNotDisturb: 'unavailable' }), true, null)).toEqual({
      kind: 'refuse',
      statusCode: 480,
    });
  });
  it('is sent on when forwarding, with the ring splash if asked', () => {
    expect(decideIncoming(options({}, { forwardTo: '201', hasRingSplash: true }), true, null)).toEqual({
      kind: 'forward',
      target: '201',
      hasRingSplash: true,
    });
  });
  it('is answered after the intercom delay when honoured, else rings', () => {
    expect(decideIncoming(options(), false, 2)).toEqual({ kind: 'answer-after', seconds: 2 });
    expect(decideIncoming(options({ honourAnswerAfter: false }), false, 2)).toEqual({ kind: 'ring' });
  });
  it('is answered at once with auto answer only when the receptionist is free', () => {
    expect(decideIncoming(options({ autoAnswer: true }), true, null)).toEqual({ kind: 'answer-now' });
    expect(decideIncoming(options({ autoAnswer: true }), false, null)).toEqual({ kind: 'ring' });
  });
});

describe('the intercom delay of Call-Info', () => {
  it.each<[string[], number | null]>([
    [['<sip:pbx.example>;answer-after=0'], 0],
    [['<http://pbx.example/intercom>; Answer-After = 3'], 3],
    [['<sip:pbx.example>;purpose=info', '<sip:x>;answer-after=5'], 5],
    [['<sip:a>;purpose=icon, <sip:b>;answer-after=1'], 1],
    [['<sip:pbx.example>;answer-after=soon'], null],
    [['<sip:pbx.example>;answer-after=12345'], null],
    [['<sip:pbx.example;answer-after=2>'], null],
    [[], null],
  ])('%j → %j', (headers, seconds) => {
    expect(answerAfterSeconds(headers)).toBe(seconds);
  });
});
