import { Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneEngine } from '../../src/engine/phone-engine.ts';
import type { Call } from '../../src/shared/model/call.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { enginePhone } from '../support/engine-phone.ts';
import { IN_MEMORY_DOMAIN, IN_MEMORY_PASSWORD, IN_MEMORY_URL, InMemorySipNetwork } from '../support/in-memory-sip.ts';
import { SignalingOnlyMicrophone } from '../support/signaling-only-media.ts';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/engine/sip/retry-after.ts';

/**
 * Glare and refusals (issue #16), over the in-memory network with real sip.js at both ends: two re-INVITEs crossing
 * (491 both ways), a BYE crossing a re-INVITE, a REFER the far end refuses. Each must leave both ends consistent.
 */
describe('glare and refusals', () => {
  const network = new InMemorySipNetwork();
  const engines: PhoneEngine[] = [];
  const agents: UserAgent[] = [];
  beforeEach(() => network.install());
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.logout()));
    await Promise.all(agents.splice(0).map((agent) => agent.stop()));
    network.uninstall();
  });
  const phone = (user: string) => enginePhone(user, engines);
  const only = (state: EngineState): Call => {
    const call = state.calls[0];
    if (call === undefined || state.calls.length !== 1) throw new Error(`not one call: ${JSON.stringify(state.calls)}`);
    return call;
  };

  /** Alice calls the receptionist, who answers: both engines, talking. */
  async function talking() {
    const alice = phone('alice');
    const reception = phone('reception');
    await Promise.all([alice.login(), reception.login()]);
    const aliceCall = await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    await reception.engine.act(only(ringing).id, 'answer');
    await alice.until((state) => state.calls[0]?.status === 'Active', 'alice connected');
    return { alice, reception, aliceCall, receptionCall: only(ringing).id };
  }

  it('both ends hold at once: the exchange that finds the other under way waits and tries again; both end up held', async () => {
    const { alice, reception, aliceCall, receptionCall } = await talking();
    const invites = network.requestCount('INVITE');
    // Sent in the same turn: each re-INVITE reaches the other end while that end's own is pending (RFC 3261 §14.2).
    await Promise.all([alice.engine.act(aliceCall, 'hold'), reception.engine.act(receptionCall, 'hold')]);
    expect(only(reception.engine.state).status).toBe('Held');
    expect(only(alice.engine.state).status).toBe('Held');
    // One re-INVITE each in the end: the end that met the other's exchange (a 491 from the far end, or sip.js's own
    // "ongoing re-INVITE", taken as one) sent its own again after a random wait, instead of failing the hold.
    expect(network.requestCount('INVITE') - invites).toBeGreaterThanOrEqual(2);
    await reception.engine.act(receptionCall, 'resume');
    expect(only(reception.engine.state).status).toBe('Active');
  });

  it('the caller hangs up as the receptionist holds: the call ends at both ends, written once', async () => {
    const { alice, reception, aliceCall, receptionCall } = await talking();
    const [hold] = await Promise.allSettled([
      reception.engine.act(receptionCall, 'hold'),
      alice.engine.act(aliceCall, 'hang-up'),
    ]);
    // The hold may be refused (481: no such call any more) or overtaken: either way nothing is left of the call.
    expect(['fulfilled', 'rejected']).toContain(hold.status);
    const ended = await reception.until((state) => state.calls.length === 0, 'ended at the receptionist');
    await alice.until((state) => state.calls.length === 0, 'ended at alice');
    expect(ended.endedCalls).toEqual([expect.objectContaining({ id: receptionCall, outcome: 'answered' })]);
  });

  it('the receptionist hangs up as the caller holds: the same, from the other side', async () => {
    const { alice, reception, aliceCall, receptionCall } = await talking();
    await Promise.allSettled([alice.engine.act(aliceCall, 'hold'), reception.engine.act(receptionCall, 'hang-up')]);
    await reception.until((state) => state.calls.length === 0, 'ended at the receptionist');
    await alice.until((state) => state.calls.length === 0, 'ended at alice');
  });

  it('a REFER the far end refuses: the transfer fails with the reason and the call comes back, talking', async () => {
    // Bob is a bare sip.js phone that answers every call and refuses every transfer.
    const bob = new UserAgent({
      uri: UserAgent.makeURI(`sip:bob@${IN_MEMORY_DOMAIN}`),
      transportOptions: { server: IN_MEMORY_URL },
      authorizationUsername: 'bob',
      authorizationPassword: IN_MEMORY_PASSWORD,
      sessionDescriptionHandlerFactory: new SignalingOnlyMicrophone().sessionDescriptionHandlerFactory,
      logLevel: 'error',
      delegate: {
        onInvite: (invitation: Invitation) => {
          invitation.delegate = { onRefer: (referral) => void referral.reject({ statusCode: 603 }) };
          void invitation.accept();
        },
      },
    });
    agents.push(bob);
    await bob.start();
    const registerer = new Registerer(bob);
    const registered = new Promise<void>((resolve) =>
      registerer.stateChange.addListener((state) => state === RegistererState.Registered && resolve()),
    );
    await registerer.register();
    await registered;
    const reception = phone('reception');
    await reception.login();
    const callId = await reception.engine.dial('bob');
    await reception.until((state) => state.calls[0]?.status === 'Active', 'bob answered');

    await expect(reception.engine.transfer(callId, { kind: 'number', number: 'alice' })).rejects.toMatchObject({
      payload: { messageKey: 'error_transfer_failed', detail: '603 Decline' },
    });
    const after = await reception.until((state) => state.calls[0]?.status === 'Active', 'back, talking');
    expect(only(after)).toMatchObject({ id: callId, transferringTo: null });
  });

  it('a PBX that answers REGISTER 503 with Retry-After is not asked again before then; then the line is back', async () => {
    const reception = phone('reception');
    await reception.login();
    // The PBX restarts into maintenance: it refuses the first REGISTER it gets, asking for 2 s.
    network.restart();
    network.hostile?.refuseRegisters(1, 503, 'Service Unavailable', 2);
    // Waiting longer than the line's own backoff (0.65 s) would: as long as the PBX asked.
    const refused = await reception.until(
      (state) => state.registration.status === 'Reconnecting' && state.registration.retryAt - Date.now() > 1_000,
      'refused, waiting as asked',
    );
    const retryAt = refused.registration.status === 'Reconnecting' ? refused.registration.retryAt : 0;
    expect(network.requestCount('REGISTER')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, retryAt - Date.now() - 300)));
    expect(network.requestCount('REGISTER')).toBe(1);
    await reception.until((state) => state.registration.status === 'Registered', 'registered again');
  });
});

describe('Retry-After', () => {
  it.each([
    ['5', 5_000],
    ['120 (maintenance);duration=3600', 120_000],
    ['30;duration=10', 30_000],
    ['86400', MAX_RETRY_AFTER_MS],
    ['soon', null],
    ['-5', null],
    ['', null],
    [undefined, null],
  ])('reads %j as %j ms', (header, expected) => {
    expect(retryAfterMs(header)).toBe(expected);
  });
});
