import { describe, expect, it } from 'vitest';
import { CONNECTION_LOST } from '../../src/shared/model/call.ts';
import { aliceTalkingToReception, onlyCall, useInMemoryPhones } from '../support/engine-phone.ts';

/**
 * The connection lost under a call (issue #16), over the in-memory network: gone quiet without a close (found by the
 * line's probe), or closed with the server. The line comes back and refreshes the call's dialog; a call whose far end
 * can no longer be reached is ended and said lost, never left showing live.
 */
describe('the connection lost under a call', () => {
  const { network, phone, barePhone } = useInMemoryPhones();
  const only = onlyCall;

  it('gone quiet without a close: found by the probe, the line comes back, the call goes on and can be ended', async () => {
    const { alice, reception, aliceCall, receptionCall } = await aliceTalkingToReception(phone);

    // The receptionist's network path goes quiet, nothing closed: only the line's own probe (every 3 s while in a
    // call, 2 s to answer) can tell.
    network.silence('reception');
    await reception.until((state) => state.registration.status === 'Reconnecting', 'the silence noticed');
    expect(only(reception.engine.state).status).toBe('Active');
    await reception.until((state) => state.registration.status === 'Registered', 'registered again');
    // Refreshed over the new connection (a re-INVITE), the call is still there at both ends, and works.
    await reception.engine.act(receptionCall, 'hold');
    expect(only(reception.engine.state).status).toBe('Held');
    await alice.engine.act(aliceCall, 'hang-up');
    const ended = await reception.until((state) => state.calls.length === 0, 'ended by alice');
    expect(ended.endedCalls).toEqual([expect.objectContaining({ outcome: 'answered' })]);
  }, 20_000);

  it('a far end that did not come back with the server: the call is ended and said lost', async () => {
    // Alice is a bare sip.js phone that answers and never reconnects by itself.
    await barePhone('alice', (invitation) => void invitation.accept());
    const reception = phone('reception');
    await reception.login();
    await reception.engine.dial('alice');
    await reception.until((state) => state.calls[0]?.status === 'Active', 'talking');

    network.restart();
    const lost = await reception.until((state) => state.calls[0]?.endReason === CONNECTION_LOST, 'said lost');
    expect(only(lost).status).toBe('Ended');
    expect(reception.engine.state.registration.status).toBe('Registered');
    const gone = await reception.until((state) => state.endedCalls.length === 1, 'in the history');
    expect(gone.endedCalls[0]).toMatchObject({ outcome: 'interrupted', remoteNumber: 'alice' });
  }, 20_000);
});
