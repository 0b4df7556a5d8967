import { Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneEngine } from '../../src/engine/phone-engine.ts';
import { CONNECTION_LOST, type Call } from '../../src/shared/model/call.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { enginePhone } from '../support/engine-phone.ts';
import { IN_MEMORY_DOMAIN, IN_MEMORY_PASSWORD, IN_MEMORY_URL, InMemorySipNetwork } from '../support/in-memory-sip.ts';
import { SignalingOnlyMicrophone } from '../support/signaling-only-media.ts';

/**
 * The connection lost under a call (issue #16), over the in-memory network: gone quiet without a close (found by the
 * line's probe), or closed with the server. The line comes back and refreshes the call's dialog; a call whose far end
 * can no longer be reached is ended and said lost, never left showing live.
 */
describe('the connection lost under a call', () => {
  const network = new InMemorySipNetwork();
  const engines: PhoneEngine[] = [];
  const agents: UserAgent[] = [];
  beforeEach(() => network.install());
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.logout()));
    // A bare phone cut from its server would wait for its un-REGISTER: not waited for.
    for (const agent of agents.splice(0)) void agent.stop().catch(() => undefined);
    network.uninstall();
  });
  const phone = (user: string) => enginePhone(user, engines);
  const only = (state: EngineState): Call => {
    const call = state.calls[0];
    if (call === undefined || state.calls.length !== 1) throw new Error(`not one call: ${JSON.stringify(state.calls)}`);
    return call;
  };

  it('gone quiet without a close: found by the probe, the line comes back, the call goes on and can be ended', async () => {
    const alice = phone('alice');
    const reception = phone('reception');
    await Promise.all([alice.login(), reception.login()]);
    const aliceCall = await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    await reception.engine.act(only(ringing).id, 'answer');
    await alice.until((state) => state.calls[0]?.status === 'Active', 'talking');

    // The receptionist's network path goes quiet, nothing closed: only the line's own probe (every 3 s while in a
    // call, 2 s to answer) can tell.
    network.silence('reception');
    await reception.until((state) => state.registration.status === 'Reconnecting', 'the silence noticed');
    expect(only(reception.engine.state).status).toBe('Active');
    await reception.until((state) => state.registration.status === 'Registered', 'registered again');
    // Refreshed over the new connection (a re-INVITE), the call is still there at both ends, and works.
    await reception.engine.act(only(ringing).id, 'hold');
    expect(only(reception.engine.state).status).toBe('Held');
    await alice.engine.act(aliceCall, 'hang-up');
    const ended = await reception.until((state) => state.calls.length === 0, 'ended by alice');
    expect(ended.endedCalls).toEqual([expect.objectContaining({ outcome: 'answered' })]);
  }, 20_000);

  it('a far end that did not come back with the server: the call is ended and said lost', async () => {
    // Alice is a bare sip.js phone that answers and never reconnects by itself.
    const alice = new UserAgent({
      uri: UserAgent.makeURI(`sip:alice@${IN_MEMORY_DOMAIN}`),
      transportOptions: { server: IN_MEMORY_URL },
      authorizationUsername: 'alice',
      authorizationPassword: IN_MEMORY_PASSWORD,
      sessionDescriptionHandlerFactory: new SignalingOnlyMicrophone().sessionDescriptionHandlerFactory,
      logLevel: 'error',
      delegate: { onInvite: (invitation: Invitation) => void invitation.accept() },
    });
    agents.push(alice);
    await alice.start();
    const registerer = new Registerer(alice);
    const registered = new Promise<void>((resolve) =>
      registerer.stateChange.addListener((state) => state === RegistererState.Registered && resolve()),
    );
    await registerer.register();
    await registered;
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
