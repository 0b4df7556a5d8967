import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, PhoneEngine } from '../../src/engine/phone-engine.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { AccountSettings, Credential } from '../../src/shared/model/account.ts';
import type { Call } from '../../src/shared/model/call.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { Kamailio, KAMAILIO_DOMAIN, KAMAILIO_PASSWORD } from '../support/kamailio.ts';
import { LabSipServer } from '../support/lab-sip-server.ts';
import { RecordingRinger, SignalingOnlyMicrophone, SilentCallMedia } from '../support/signaling-only-media.ts';
import { BrowserLikeWebSocket } from '../support/browser-like-websocket.ts';

// sip.js needs a WebSocket; Node 20 has none built in.
(globalThis as { WebSocket?: unknown }).WebSocket ??= BrowserLikeWebSocket;

const OPTIONS = DEFAULT_ENGINE_OPTIONS;

interface SipServer {
  readonly webSocketUrl: string;
  requestCount(method: string): number;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SERVERS: [string, () => Promise<SipServer>][] = [
  ['Kamailio', () => Kamailio.start()],
  ['the lab PBX', () => LabSipServer.start()],
];

/** The phone engine's call flows, in Node against Kamailio and the lab, with signaling-only media: fast, same engine. */
describe.each(SERVERS)('the phone engine against %s', (_name, start) => {
  let server: SipServer;
  const engines: PhoneEngine[] = [];

  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.logout()));
  });

  function account(user: string): AccountSettings {
    return {
      serverUrl: server.webSocketUrl,
      sipAddress: `${user}@${KAMAILIO_DOMAIN}`,
      authorizationUser: '',
      displayName: '',
      outboundProxy: '',
      xsiUrl: '',
    };
  }
  const password = (secret = KAMAILIO_PASSWORD): Credential => ({ kind: 'password', password: secret });

  function phone() {
    const ringer = new RecordingRinger();
    let latest: EngineState | null = null;
    const microphone = new SignalingOnlyMicrophone();
    const engine = new PhoneEngine(
      { onStateChanged: (state) => (latest = state) },
      new SilentCallMedia(),
      ringer,
      createLogger('engine-test'),
      {
        microphone,
      },
    );
    engines.push(engine);
    const until = async (
      predicate: (state: EngineState) => boolean,
      what: string,
      timeoutMs = 5000,
    ): Promise<EngineState> => {
      const deadline = Date.now() + timeoutMs;
      while (latest === null || !predicate(latest)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(latest)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return latest;
    };
    const call = (state: EngineState, index = 0): Call => {
      const found = state.calls[index];
      if (found === undefined) throw new Error('no call');
      return found;
    };
    return { engine, ringer, until, call, microphone };
  }

  async function registered(user: string, options = OPTIONS) {
    const line = phone();
    await line.engine.login(account(user), password(), options);
    return line;
  }

  it('registers with digest authentication and reports the realm', async () => {
    const { engine } = phone();
    expect(await engine.login(account('reception'), password(), OPTIONS)).toEqual({ realm: KAMAILIO_DOMAIN });
    expect(engine.state.registration.status).toBe('Registered');
  });

  it('refuses a wrong password as wrong credentials', async () => {
    const { engine } = phone();
    await expect(engine.login(account('reception'), password('nope'), OPTIONS)).rejects.toMatchObject({
      payload: { messageKey: 'failure_wrong_credentials' },
    });
    expect(engine.state.registration).toMatchObject({ status: 'Failed', reason: 'wrong-credentials' });
  });

  it('places a call that is answered, then hung up, and writes one history row each side', async () => {
    const alice = await registered('alice');
    const reception = await registered('reception');
    const id = await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    expect(reception.call(ringing)).toMatchObject({ direction: 'incoming', remoteNumber: 'alice' });
    expect(reception.ringer.modes).toEqual(['silent', 'ring']);

    await reception.engine.act(reception.call(ringing).id, 'answer');
    await alice.until((state) => state.calls[0]?.status === 'Active', 'alice connected');
    await reception.until((state) => state.calls[0]?.status === 'Active', 'reception connected');
    expect(reception.ringer.modes.at(-1)).toBe('silent');

    await alice.engine.act(id, 'hang-up');
    const ended = await reception.until(
      (state) => state.calls.length === 0 && state.endedCalls.length === 1,
      'hung up',
    );
    expect(ended.endedCalls[0]).toMatchObject({ direction: 'incoming', outcome: 'answered', remoteNumber: 'alice' });
    const aliceEnded = await alice.until((state) => state.endedCalls.length === 1, 'alice record');
    expect(aliceEnded.endedCalls[0]).toMatchObject({ direction: 'outgoing', outcome: 'answered' });
    // Once written, the engine forgets them.
    alice.engine.historyWritten([id]);
    expect(alice.engine.state.endedCalls).toEqual([]);
  });

  it('declines as busy: the caller sees why, each side records what happened', async () => {
    const alice = await registered('alice');
    const reception = await registered('reception');
    await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    await reception.engine.act(reception.call(ringing).id, 'hang-up');
    const failed = await alice.until((state) => state.calls[0]?.status === 'Ended', 'alice sees the failure');
    expect(alice.call(failed).endReason).toBe('486 Busy Here');
    const declined = await reception.until((state) => state.endedCalls.length === 1, 'declined record');
    expect(declined.endedCalls[0]?.outcome).toBe('declined');
    expect((await alice.until((state) => state.endedCalls.length === 1, 'failed record')).endedCalls[0]?.outcome).toBe(
      'failed',
    );
  });

  it('records a call the caller gave up on as missed', async () => {
    const alice = await registered('alice');
    const reception = await registered('reception');
    const id = await alice.engine.dial('reception');
    await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    await alice.engine.act(id, 'hang-up');
    const missed = await reception.until((state) => state.endedCalls.length === 1, 'missed record');
    expect(missed.endedCalls[0]?.outcome).toBe('missed');
  });

  it('holds and resumes with re-INVITEs, and answers a second call by holding the first', async () => {
    const alice = await registered('alice');
    const bob = await registered('bob');
    const reception = await registered('reception');
    await alice.engine.dial('reception');
    const first = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'first rings');
    await reception.engine.act(reception.call(first).id, 'answer');
    const active = await reception.until((state) => state.calls[0]?.status === 'Active', 'first connected');
    const firstId = reception.call(active).id;

    const reInvites = server.requestCount('INVITE');
    await reception.engine.act(firstId, 'hold');
    expect(reception.engine.state.calls[0]?.status).toBe('Held');
    await reception.engine.act(firstId, 'resume');
    expect(reception.engine.state.calls[0]?.status).toBe('Active');
    // Two re-INVITEs at least (one more when the far end asked to retry with a 491 or 500).
    expect(server.requestCount('INVITE')).toBeGreaterThanOrEqual(reInvites + 2);

    await bob.engine.dial('reception');
    const second = await reception.until(
      (state) => state.calls.some((call) => call.status === 'Alerting'),
      'second rings',
    );
    expect(reception.ringer.modes.at(-1)).toBe('call-waiting');
    const secondId = second.calls.find((call) => call.status === 'Alerting')?.id;
    if (secondId === undefined) throw new Error('no second call');
    await reception.engine.act(secondId, 'answer');
    const both = await reception.until(
      (state) => state.calls.every((call) => call.status !== 'Alerting') && state.calls.length === 2,
      'two calls',
    );
    expect(both.calls.map((call) => [call.remoteNumber, call.status])).toEqual([
      ['alice', 'Held'],
      ['bob', 'Active'],
    ]);
  });

  it('answers by itself when free with auto answer (intercom: test/e2e/phone-settings.test.ts)', async () => {
    const alice = await registered('alice');
    const reception = await registered('reception', { ...OPTIONS, autoAnswer: true });
    await alice.engine.dial('reception');
    await reception.until((state) => state.calls[0]?.status === 'Active', 'auto answered');
  });

  it('without a microphone, says why, keeps the caller ringing, and can still send the call on', async () => {
    const alice = await registered('alice');
    const bob = await registered('bob');
    const reception = await registered('reception');
    reception.microphone.problem = 'missing';
    await alice.engine.dial('reception');
    const ringing = await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing');
    const id = reception.call(ringing).id;

    await expect(reception.engine.act(id, 'answer')).rejects.toMatchObject({
      payload: { messageKey: 'error_microphone_missing' },
    });
    expect(reception.engine.state.microphone).toBe('missing');
    // Still ringing at the caller's end too: nothing answered 480 behind the receptionist's back.
    expect(reception.engine.state.calls[0]).toMatchObject({ id, status: 'Alerting' });
    expect(alice.engine.state.calls[0]?.status).toMatch(/Ringing|Dialing/);

    // Sent on to a colleague unanswered (no audio needed): the colleague's phone rings with the caller.
    await reception.engine.transfer(id, { kind: 'number', number: 'bob' });
    const atBob = await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    expect(bob.call(atBob).remoteNumber).toBe('alice');
    const ended = await reception.until(
      (state) => state.calls.length === 0 && state.endedCalls.length === 1,
      'sent on',
    );
    expect(ended.endedCalls[0]).toMatchObject({ outcome: 'deflected' });

    // Dialling fails with the same reason and leaves no call behind.
    await expect(reception.engine.dial('bob')).rejects.toMatchObject({
      payload: { messageKey: 'error_microphone_missing' },
    });
    expect(reception.engine.state.calls).toEqual([]);

    // A microphone plugged in: the problem is over.
    reception.microphone.plugIn();
    await reception.until((state) => state.microphone === null, 'microphone back');
  });

  it("lights a colleague's busy lamp: ringing with who calls, talking, idle; and takes the call ringing there", async () => {
    const [alice, bob, carol, reception] = await Promise.all(
      ['alice', 'bob', 'carol', 'reception'].map((user) => registered(user)),
    );
    if (alice === undefined || bob === undefined || carol === undefined || reception === undefined) throw new Error();
    reception.engine.configure({ ...OPTIONS, watchedLines: ['bob', 'carol'] });
    // Both lamps read from their first NOTIFY (an empty list of lamps would pass `every` before any subscription).
    await reception.until(
      (state) => state.lamps.length === 2 && state.lamps.every((lamp) => lamp.state === 'idle'),
      'lamps idle',
      10_000,
    );

    // Alice calls Bob, who answers, then hangs up.
    const toBob = await alice.engine.dial('bob');
    const ringing = await reception.until((state) => state.lamps[0]?.state === 'ringing', 'bob ringing');
    expect(ringing.lamps[0]?.peer).toBe('alice');
    const atBob = await bob.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at bob');
    await bob.engine.act(bob.call(atBob).id, 'answer');
    await reception.until((state) => state.lamps[0]?.state === 'talking', 'bob talking');
    await alice.engine.act(toBob, 'hang-up');
    await reception.until((state) => state.lamps[0]?.state === 'idle', 'bob idle');

    // Alice calls Carol; the receptionist picks the call up from Carol's lamp.
    const toCarol = await alice.engine.dial('carol');
    await carol.until((state) => state.calls[0]?.status === 'Alerting', 'ringing at carol');
    const pickable = await reception.until((state) => state.lamps[1]?.pickup != null, 'a pickup dialog');
    const pickup = pickable.lamps[1]?.pickup;
    if (pickup == null) throw new Error('no pickup');
    await reception.engine.pickUp(pickup, 'Alice');
    await reception.until((state) => state.calls[0]?.status === 'Active', 'receptionist talking to alice');
    const taken = await alice.until(
      (state) => state.calls[0]?.status === 'Active' && state.calls[0]?.remoteNumber === 'reception',
      'alice with the receptionist',
    );
    expect(alice.call(taken).id).toBe(toCarol);
    await carol.until((state) => state.calls.length === 0, 'carol no longer ringing');
    await reception.until((state) => state.lamps[1]?.state === 'idle', 'carol idle');
  });

  it('reconnects after the server dies and comes back', async () => {
    const reception = await registered('reception');
    await server.kill();
    await reception.until((state) => state.registration.status === 'Reconnecting', 'reconnecting');
    await server.restart();
    await reception.until((state) => state.registration.status === 'Registered', 'registered again', 20_000);
  });
});

/** RFC 3261 §10.2 across server restarts: one binding, one transaction at a time, nothing that could remove it. */
describe('registration across Kamailio restarts', () => {
  let kamailio: Kamailio;
  const engines: PhoneEngine[] = [];
  beforeAll(async () => {
    kamailio = await Kamailio.start();
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.logout()));
    await kamailio.stop();
  });

  async function line(user: string) {
    let latest: EngineState | null = null;
    const engine = new PhoneEngine(
      { onStateChanged: (state) => (latest = state) },
      new SilentCallMedia(),
      new RecordingRinger(),
      createLogger('engine-test'),
      {
        microphone: new SignalingOnlyMicrophone(),
      },
    );
    engines.push(engine);
    const until = async (predicate: (state: EngineState) => boolean, what: string, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (latest === null || !predicate(latest)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(latest)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return latest;
    };
    const settings: AccountSettings = {
      serverUrl: kamailio.webSocketUrl,
      sipAddress: `${user}@${KAMAILIO_DOMAIN}`,
      authorizationUser: '',
      displayName: '',
      outboundProxy: '',
      xsiUrl: '',
    };
    await engine.login(settings, { kind: 'password', password: KAMAILIO_PASSWORD }, OPTIONS);
    return { engine, until };
  }

  it('shows the line lost as soon as the connection drops, before any attempt to reconnect', async () => {
    // Every WebSocket sip.js opens, counted: a reconnection attempt is a new one.
    let opened = 0;
    const Original = globalThis.WebSocket;
    class CountingWebSocket extends BrowserLikeWebSocket {
      constructor(...args: ConstructorParameters<typeof BrowserLikeWebSocket>) {
        super(...args);
        opened++;
      }
    }
    (globalThis as { WebSocket?: unknown }).WebSocket = CountingWebSocket;
    try {
      let statuses: string[] = [];
      let openedAtLoss = -1;
      const engine = new PhoneEngine(
        {
          onStateChanged: (state) => {
            if (statuses.at(-1) !== state.registration.status) statuses.push(state.registration.status);
            if (state.registration.status !== 'Registered' && openedAtLoss < 0 && statuses.includes('Registered'))
              openedAtLoss = opened;
          },
        },
        new SilentCallMedia(),
        new RecordingRinger(),
        createLogger('engine-test'),
        { microphone: new SignalingOnlyMicrophone() },
      );
      engines.push(engine);
      const settings: AccountSettings = {
        serverUrl: kamailio.webSocketUrl,
        sipAddress: `carol@${KAMAILIO_DOMAIN}`,
        authorizationUser: '',
        displayName: '',
        outboundProxy: '',
        xsiUrl: '',
      };
      await engine.login(settings, { kind: 'password', password: KAMAILIO_PASSWORD }, OPTIONS);
      const openedWhenRegistered = opened;
      statuses = ['Registered'];
      await kamailio.kill();
      const deadline = Date.now() + 10_000;
      while (opened === openedWhenRegistered && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      // The first state after the loss is already not "Registered", and it came before the first new connection.
      expect(statuses[1]).toBe('Reconnecting');
      expect(openedAtLoss).toBe(openedWhenRegistered);
      await kamailio.restart();
    } finally {
      (globalThis as { WebSocket?: unknown }).WebSocket = Original;
    }
  });

  it('re-registers the same binding after each of five restarts, never with an overlapping or removing REGISTER', async () => {
    const reception = await line('reception');
    const restarts = 5;
    for (let round = 0; round < restarts; round++) {
      await kamailio.kill();
      await reception.until((state) => state.registration.status === 'Reconnecting', 'reconnecting');
      await kamailio.restart();
      await reception.until((state) => state.registration.status === 'Registered', 'registered again');
    }
    const registers = kamailio.registers('reception');
    // One Call-ID for the line's whole life, so every REGISTER refreshes the one binding (RFC 3261 §10.2).
    expect(new Set(registers.map((register) => register.callId)).size).toBe(1);
    // Never an un-REGISTER: it could reach the registrar after the fresh REGISTER and remove the new binding.
    expect(registers.filter((register) => register.contactExpires === 0)).toEqual([]);
    // Each CSeq one more than the last: every request waited for the answer to the one before (a challenge then the
    // authenticated retry per restart), none was sent beside another.
    expect(registers.map((register) => register.cseq)).toEqual(
      registers.map((_register, index) => (registers[0]?.cseq ?? 0) + index),
    );
    expect(registers.length).toBe(2 * (restarts + 1));
    // The binding is there: a colleague's call rings at the reception.
    const alice = await line('alice');
    await alice.engine.dial('reception');
    await reception.until((state) => state.calls[0]?.status === 'Alerting', 'ringing after the restarts');
  });
});
