import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, type PhoneEngine } from '../../src/engine/phone-engine.ts';
import type { Call } from '../../src/shared/model/call.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { IN_MEMORY_DOMAIN, InMemorySipNetwork } from '../support/in-memory-sip.ts';
import { enginePhone } from '../support/engine-phone.ts';

const OPTIONS = DEFAULT_ENGINE_OPTIONS;

/**
 * The phone engine's flows over the fake transport (`in-memory-sip.ts`): real sip.js, the lab's real registrar and
 * proxy, no socket. Milliseconds each; the same flows run against Kamailio in `test/integration/`.
 */
describe('the phone engine, over the in-memory network', () => {
  const network = new InMemorySipNetwork();
  const engines: PhoneEngine[] = [];

  beforeEach(() => network.install());
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.logout()));
    network.uninstall();
  });

  const phone = (user: string, options = OPTIONS) => enginePhone(user, engines, options);

  const first = (state: EngineState): Call => {
    const call = state.calls[0];
    if (call === undefined) throw new Error('no call');
    return call;
  };

  it('registers through the digest challenge and reports the realm; a wrong password fails as such', async () => {
    expect(await phone('reception').login()).toEqual({ realm: IN_MEMORY_DOMAIN });
    const wrong = phone('alice');
    await expect(wrong.login('nope')).rejects.toMatchObject({ payload: { messageKey: 'failure_wrong_credentials' } });
    expect(wrong.engine.state.registration).toMatchObject({ status: 'Failed', reason: 'wrong-credentials' });
  });

  it('calls, answers, holds, resumes and hangs up, with one history row each side', async () => {
    const alice = phone('alice');
    const reception = phone('reception');
    await Promise.all([alice.login(), reception.login()]);
    const id = await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    await reception.engine.act(first(ringing).id, 'answer');
    await alice.until((state) => state.calls[0]?.status === 'Active', 'connected');
    await reception.engine.act(first(ringing).id, 'hold');
    expect(first(reception.engine.state).status).toBe('Held');
    await reception.engine.act(first(ringing).id, 'resume');
    expect(first(reception.engine.state).status).toBe('Active');
    await alice.engine.act(id, 'hang-up');
    const ended = await reception.until((state) => state.calls.length === 0 && state.endedCalls.length === 1, 'ended');
    expect(ended.endedCalls[0]).toMatchObject({ direction: 'incoming', outcome: 'answered', remoteNumber: 'alice' });
  });

  it('transfers blind: the caller ends up with the colleague, the receptionist free', async () => {
    const [alice, bob, reception] = [
      phone('alice'),
      phone('bob'),
      phone('reception', { ...OPTIONS, autoAnswer: true }),
    ];
    await Promise.all([alice.login(), bob.login(), reception.login()]);
    await alice.engine.dial('reception');
    const talking = await reception.until((state) => state.calls[0]?.status === 'Active', 'auto answered');
    const transferred = reception.engine.transfer(first(talking).id, { kind: 'number', number: 'bob' });
    const atBob = await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    expect(first(atBob).remoteNumber).toBe('alice');
    await bob.engine.act(first(atBob).id, 'answer');
    await transferred;
    await reception.until((state) => state.calls.length === 0, 'receptionist free');
    await alice.until((state) => state.calls.length === 1 && state.calls[0]?.status === 'Active', 'alice with bob');
  });

  /**
   * Alice calls the receptionist, whose 200 OK never reaches her: her connection goes quiet before the answer, so no
   * ACK ever comes back (RFC 3261 §13.3.1.4) and sip.js holds the receptionist's BYE until the ACK or Timer H, 32 s.
   */
  async function answeredWithoutAck() {
    const [alice, reception] = [phone('alice'), phone('reception')];
    await Promise.all([alice.login(), reception.login()]);
    await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    network.silence('alice');
    await reception.engine.act(first(ringing).id, 'answer');
    return { alice, reception, callId: first(ringing).id };
  }

  /** What `work` came to, or `late` when it had not settled within `ms`. */
  const within = (work: Promise<unknown>, ms: number) =>
    Promise.race([work.then(() => 'done'), new Promise((resolve) => setTimeout(() => resolve('late'), ms))]);

  it("logs out from a call whose caller's ACK never comes, and over a silent connection, recording the call", async () => {
    const { alice, reception } = await answeredWithoutAck();
    // Neither logout waits for what will not come: the ACK here, the answer to the un-REGISTER at the caller's.
    expect(await within(Promise.all([reception.engine.logout(), alice.engine.logout()]), 10_000)).toBe('done');
    for (const { engine } of [reception, alice]) {
      expect(engine.state.registration.status).toBe('LoggedOut');
      expect(engine.state.calls).toEqual([]);
    }
    expect(reception.engine.state.endedCalls).toMatchObject([{ direction: 'incoming', remoteNumber: 'alice' }]);
  }, 15_000);

  it("hangs up at once a call just answered whose caller's ACK never comes, and records it", async () => {
    const { reception, callId } = await answeredWithoutAck();
    expect(await within(reception.engine.act(callId, 'hang-up'), 5_000)).toBe('done');
    expect(reception.engine.state.calls).toEqual([]);
    expect(reception.engine.state.endedCalls).toMatchObject([{ direction: 'incoming', remoteNumber: 'alice' }]);
  });

  it('says why a call failed, and keeps the failed call a moment with its reason', async () => {
    const reception = phone('reception');
    await reception.login();
    await reception.engine.dial('nobody');
    const failed = await reception.until((state) => state.calls[0]?.status === 'Ended', 'failed');
    expect(first(failed).endReason).toMatch(/^404/);
    expect(failed.endedCalls[0]).toMatchObject({ outcome: 'failed' });
  });

  it('comes back registered after the server dies and restarts, on the same binding, never un-registering it', async () => {
    const reception = phone('reception');
    await reception.login();
    for (let round = 0; round < 3; round++) {
      network.kill();
      await reception.until((state) => state.registration.status === 'Reconnecting', 'reconnecting');
      network.restart();
      await reception.until((state) => state.registration.status === 'Registered', 'registered again');
      // The restarted PBX saw one REGISTER and its authenticated retry: nothing else, nothing beside it.
      expect(network.requestCount('REGISTER')).toBe(2);
    }
    const alice = phone('alice');
    await alice.login();
    await alice.engine.dial('reception');
    await reception.until((state) => state.calls[0]?.status === 'Alerting', 'reachable again');
  });
  it("lights a colleague's lamp as they are called, answer and hang up; a removed lamp goes", async () => {
    const [alice, bob, reception] = [phone('alice'), phone('bob'), phone('reception')];
    await Promise.all([alice.login(), bob.login(), reception.login()]);
    reception.engine.configure({ ...OPTIONS, watchedLines: ['bob'] });
    await reception.until((state) => state.lamps[0]?.state === 'idle', 'bob idle');
    const id = await alice.engine.dial('bob');
    // Ringing from the INVITE on; what a pickup needs once the colleague's phone answered 180 with its tag.
    const ringing = await reception.until((state) => state.lamps[0]?.pickup != null, 'bob ringing');
    expect(ringing.lamps[0]).toMatchObject({ id: 'bob', state: 'ringing', peer: 'alice' });
    expect(ringing.lamps[0]?.pickup?.callerTarget).toMatch(/^sip:/);
    const atBob = await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    await bob.engine.act(first(atBob).id, 'answer');
    await reception.until((state) => state.lamps[0]?.state === 'talking', 'bob talking');
    await bob.engine.act(first(atBob).id, 'hold');
    await reception.until((state) => state.lamps[0]?.state === 'held', 'bob holding');
    await alice.engine.act(id, 'hang-up');
    await reception.until((state) => state.lamps[0]?.state === 'idle', 'bob idle again');
    // A lamp no longer wanted goes, and its subscription ends at the PBX (a SUBSCRIBE with Expires: 0).
    const subscribes = network.requestCount('SUBSCRIBE');
    reception.engine.configure({ ...OPTIONS, watchedLines: [] });
    expect(reception.engine.state.lamps).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(network.requestCount('SUBSCRIBE')).toBe(subscribes + 1);
  });

  it('picks up a call ringing at a colleague: the caller ends up talking to the receptionist', async () => {
    const [alice, bob, reception] = [phone('alice'), phone('bob'), phone('reception')];
    await Promise.all([alice.login(), bob.login(), reception.login()]);
    reception.engine.configure({ ...OPTIONS, watchedLines: ['bob'] });
    const placed = await alice.engine.dial('bob');
    await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    const ringing = await reception.until((state) => state.lamps[0]?.pickup != null, 'a pickup dialog');
    const pickup = ringing.lamps[0]?.pickup;
    if (pickup == null) throw new Error('no pickup');
    const picked = await reception.engine.pickUp(pickup, 'Alice');
    await reception.until((state) => state.calls[0]?.status === 'Active', 'receptionist talking');
    expect(first(reception.engine.state)).toMatchObject({ id: picked, direction: 'incoming', remoteName: 'Alice' });
    // Alice's call goes on under the same id, now with the receptionist; Bob stops ringing.
    const taken = await alice.until(
      (state) => state.calls[0]?.status === 'Active' && state.calls[0]?.remoteNumber === 'reception',
      'alice with the receptionist',
    );
    expect(first(taken).id).toBe(placed);
    await bob.until((state) => state.calls.length === 0, 'bob no longer ringing');
    await reception.until((state) => state.lamps[0]?.state === 'idle', 'bob idle');
  });

  it("says a lamp is offline with the PBX's answer when it refuses more subscriptions than its limit", async () => {
    network.uninstall();
    const limited = new InMemorySipNetwork({ maxLampsPerUser: 2 });
    limited.install();
    try {
      const reception = phone('reception');
      await reception.login();
      reception.engine.configure({ ...OPTIONS, watchedLines: ['a', 'b', 'c'] });
      const refused = await reception.until((state) => state.lamps.some((lamp) => lamp.state === 'offline'), 'refused');
      expect(refused.lamps.filter((lamp) => lamp.state === 'idle')).toHaveLength(2);
      expect(refused.lamps.find((lamp) => lamp.state === 'offline')?.problem).toBe('403 Too Many Subscriptions');
      // Fewer lamps: the PBX takes them all again.
      reception.engine.configure({ ...OPTIONS, watchedLines: ['a'] });
      await reception.until((state) => state.lamps.length === 1 && state.lamps[0]?.state === 'idle', 'one lamp');
      await Promise.all(engines.splice(0).map((engine) => engine.logout()));
    } finally {
      limited.uninstall();
      network.install();
    }
  });
  it('supervises a blind transfer with recall: answered, the caller is joined to the colleague', async () => {
    const recall = { ...OPTIONS, autoAnswer: true, transferRecallSeconds: 5 };
    const [alice, bob, reception] = [phone('alice'), phone('bob'), phone('reception', recall)];
    await Promise.all([alice.login(), bob.login(), reception.login()]);
    await alice.engine.dial('reception');
    const talking = await reception.until((state) => state.calls[0]?.status === 'Active', 'auto answered');
    const transferred = reception.engine.transfer(first(talking).id, { kind: 'number', number: 'bob' });
    // The colleague's phone shows who is being put through.
    const atBob = await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    expect(first(atBob).remoteName).toBe('alice');
    expect(first(reception.engine.state)).toMatchObject({ status: 'Held', transferringTo: 'bob' });
    await bob.engine.act(first(atBob).id, 'answer');
    await transferred;
    await reception.until((state) => state.calls.length === 0, 'receptionist free');
    await alice.until((state) => state.calls.length === 1 && state.calls[0]?.status === 'Active', 'alice on a call');
    // Bob's call from the receptionist was replaced by Alice's, under the same card.
    await bob.until(
      (state) =>
        state.calls.length === 1 && state.calls[0]?.status === 'Active' && state.calls[0]?.remoteNumber === 'alice',
      'bob with alice',
    );
  });

  it('brings an unanswered transfer back, ringing "back from" the colleague, until the receptionist takes it', async () => {
    const recall = { ...OPTIONS, autoAnswer: true, transferRecallSeconds: 1 };
    const [alice, bob, reception] = [phone('alice'), phone('bob'), phone('reception', recall)];
    await Promise.all([alice.login(), bob.login(), reception.login()]);
    await alice.engine.dial('reception');
    const talking = await reception.until((state) => state.calls[0]?.status === 'Active', 'auto answered');
    const id = first(talking).id;
    const transferred = reception.engine.transfer(id, { kind: 'number', number: 'bob' });
    await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    await expect(transferred).rejects.toMatchObject({ payload: { messageKey: 'error_transfer_recalled' } });
    expect(first(reception.engine.state)).toMatchObject({
      id,
      status: 'Held',
      recalledFrom: 'bob',
      transferringTo: null,
    });
    await bob.until((state) => state.calls.length === 0, 'bob no longer ringing');
    await reception.engine.act(id, 'resume');
    expect(first(reception.engine.state)).toMatchObject({ status: 'Active', recalledFrom: null });
    await alice.until((state) => state.calls[0]?.status === 'Active', 'alice still with the receptionist');
  });
  it('counts a call a colleague picked up while it rang here as answered elsewhere, not missed', async () => {
    const [alice, bob, reception] = [phone('alice'), phone('bob'), phone('reception')];
    await Promise.all([alice.login(), bob.login(), reception.login()]);
    bob.engine.configure({ ...OPTIONS, watchedLines: ['reception'] });
    await alice.engine.dial('reception');
    await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at the reception');
    const ringing = await bob.until((state) => state.lamps[0]?.pickup != null, 'a pickup dialog');
    const pickup = ringing.lamps[0]?.pickup;
    if (pickup == null) throw new Error('no pickup');
    await bob.engine.pickUp(pickup, 'alice');
    await bob.until((state) => state.calls[0]?.status === 'Active', 'bob talking to alice');
    const ended = await reception.until((state) => state.endedCalls.length === 1, 'the reception no longer ringing');
    expect(ended.endedCalls[0]).toMatchObject({ direction: 'incoming', outcome: 'elsewhere' });
  });

  it('answers a caller with music while the receptionist talks (not the microphone), and takes them from it', async () => {
    const alice = phone('alice');
    const bob = phone('bob');
    const carol = phone('carol');
    const reception = phone('reception', {
      ...OPTIONS,
      receptionQueue: {
        isOn: true,
        overflowAfterSeconds: 0,
        overflowAtCallers: 0,
        overflowTo: '',
        isAnsweredWithMusic: true,
      },
    });
    await Promise.all([alice.login(), bob.login(), carol.login(), reception.login()]);
    await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'alice ringing');
    // Opened while she rings, so the answer does not wait for it.
    expect(reception.microphone.warmCount).toBe(1);
    await reception.engine.act(first(ringing).id, 'answer');
    expect(reception.microphone.openCount).toBe(1);

    // Bob calls while the receptionist talks to Alice: answered at once, on music, Alice still on the line.
    await bob.engine.dial('reception');
    await bob.until((state) => state.calls[0]?.status === 'Active', 'bob answered');
    const queued = await reception.until(
      (state) => state.calls.some((call) => call.remoteNumber === 'bob' && call.onQueueMusic && call.status === 'Held'),
      'bob on music',
    );
    expect(queued.calls.find((call) => call.remoteNumber === 'alice')?.status).toBe('Active');
    expect(queued.queues.queues[0]?.calls.map((call) => call.number)).toEqual(['bob']);
    expect(reception.microphone).toMatchObject({ musicCount: 1, openCount: 1, switchCount: 0 });

    // Carol gives up on the music: a missed call, not an answered one.
    await carol.engine.dial('reception');
    await reception.until(
      (state) => state.calls.some((call) => call.remoteNumber === 'carol' && call.onQueueMusic),
      'carol on music',
    );
    await carol.engine.act(first(carol.engine.state).id, 'hang-up');
    const missed = await reception.until(
      (state) => state.endedCalls.some((record) => record.remoteNumber === 'carol'),
      'carol gave up',
    );
    expect(missed.endedCalls.find((record) => record.remoteNumber === 'carol')?.outcome).toBe('missed');

    // Taken: the microphone replaces Bob's music, Alice waits on hold.
    const bobCall = queued.calls.find((call) => call.remoteNumber === 'bob');
    if (bobCall === undefined) throw new Error('no bob');
    await reception.engine.act(bobCall.id, 'answer');
    const taken = await reception.until(
      (state) => state.calls.find((call) => call.id === bobCall.id)?.status === 'Active',
      'bob taken',
    );
    expect(taken.calls.find((call) => call.remoteNumber === 'alice')?.status).toBe('Held');
    expect(taken.calls.find((call) => call.id === bobCall.id)?.onQueueMusic).toBe(false);
    expect(reception.microphone.switchCount).toBe(1);
    expect(taken.queues.queues[0]?.calls).toEqual([]);
  });
});
