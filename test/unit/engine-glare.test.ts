import { describe, expect, it } from 'vitest';
import { aliceTalkingToReception, onlyCall, useInMemoryPhones } from '../support/engine-phone.ts';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/engine/sip/retry-after.ts';

/**
 * Glare and refusals (issue #16), over the in-memory network with real sip.js at both ends: two re-INVITEs crossing
 * (491 both ways), a BYE crossing a re-INVITE, a REFER the far end refuses. Each must leave both ends consistent.
 */
describe('glare and refusals', () => {
  const { network, phone, barePhone } = useInMemoryPhones();
  const only = onlyCall;

  const talking = () => aliceTalkingToReception(phone);

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
    await barePhone('bob', (invitation) => {
      invitation.delegate = { onRefer: (referral) => void referral.reject({ statusCode: 603 }) };
      void invitation.accept();
    });
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
