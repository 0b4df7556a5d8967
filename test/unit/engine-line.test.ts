import { describe, expect, it } from 'vitest';
import { dialTargetToUri } from '../../src/engine/sip/dial-target.ts';
import { BACKOFF, Backoff, backoffDelayMs } from '../../src/shared/backoff.ts';
import { EngineStateSink } from '../../src/background/engine-state-sink.ts';
import { StateHub } from '../../src/background/state-hub.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { NO_CALL_QUEUES } from '../../src/shared/model/call-queue.ts';

describe('what the receptionist dials', () => {
  it.each([
    ['201', 'sip:201@example.com'],
    ['+33 1 23 45 67 89', 'sip:+33123456789@example.com'],
    ['(555) 010-9999', 'sip:5550109999@example.com'],
    ['*72', 'sip:*72@example.com'],
    ['bob@other.org', 'sip:bob@other.org'],
    ['sip:bob@other.org;transport=ws', 'sip:bob@other.org;transport=ws'],
    ['reception', 'sip:reception@example.com'],
    ['call me maybe', null],
    ['a@b@c', null],
  ])('%j becomes %j', (target, uri) => {
    expect(dialTargetToUri(target, 'example.com')).toBe(uri);
  });
});

describe('backoff, the one rule of every retry', () => {
  const middle = () => 0.5;
  it('reconnects the line at once, then every 0.65 s for about 30 s, then doubling from 2 s up to 30 s', () => {
    const delays = Array.from({ length: 53 }, (_, attempt) => backoffDelayMs(BACKOFF.lineReconnect, attempt, middle));
    expect(delays.slice(0, 3)).toEqual([0, 650, 650]);
    expect(delays.slice(1, 46).every((delay) => delay === 650)).toBe(true);
    expect(delays.slice(46)).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(delays.slice(0, 46).reduce((sum, delay) => sum + delay, 0)).toBe(29_250);
  });
  it('spreads retries by a fifth either way: never more than two attempts a second', () => {
    expect(backoffDelayMs(BACKOFF.lineReconnect, 3, () => 0)).toBe(520);
    expect(backoffDelayMs(BACKOFF.lineReconnect, 3, () => 0.999)).toBe(780);
    expect(backoffDelayMs(BACKOFF.lineReconnect, 46, () => 0)).toBe(1600);
  });
  it('asks a subscription again after 30 s, then less and less often, 10 min at most', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(BACKOFF.resubscribe, attempt, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 600_000,
    ]);
  });
  it('retries a glared re-INVITE within a few hundred milliseconds, never twice at the same moment', () => {
    expect(backoffDelayMs(BACKOFF.reInvite, 0, () => 0)).toBe(151);
    expect(backoffDelayMs(BACKOFF.reInvite, 0, () => 0.999)).toBeLessThanOrEqual(300);
  });
  it('counts attempts until reset', () => {
    const backoff = new Backoff(BACKOFF.statePort, middle);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 100, 200]);
    backoff.reset();
    expect(backoff.next()).toBe(0);
  });
});

describe('engine state reaching the hub', () => {
  const state = (instanceId: string, revision: number, status: 'Registering' | 'LoggedOut'): EngineState => ({
    instanceId,
    revision,
    registration: { status },
    calls: [],
    endedCalls: [],
    lamps: [],
    voicemail: null,
    microphone: null,
    queues: NO_CALL_QUEUES,
    conference: null,
    ownServices: null,
    callsElsewhere: [],
    interruption: null,
  });

  it('keeps only the newest revision of an engine, and takes any revision of a new engine', () => {
    const hub = new StateHub(createLogger('test'));
    hub.setSlice('account', {
      settings: {
        serverUrl: 'wss://x',
        sipAddress: 'a@b',
        authorizationUser: '',
        displayName: '',
        outboundProxy: '',
        xsiUrl: '',
      },
      hasCredential: true,
      rememberMe: false,
    });
    const sink = new EngineStateSink(hub);
    sink.apply(state('one', 5, 'Registering'));
    sink.apply(state('one', 4, 'LoggedOut'));
    expect(hub.state.registration.status).toBe('Registering');
    sink.apply(state('two', 1, 'LoggedOut'));
    expect(hub.state.registration.status).toBe('LoggedOut');
  });

  it('says "not set up" rather than "logged out" while there is no account', () => {
    const hub = new StateHub(createLogger('test'));
    new EngineStateSink(hub).apply(state('one', 1, 'LoggedOut'));
    expect(hub.state.registration.status).toBe('Unconfigured');
  });
});
