import { Subscriber, UserAgent } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ENGINE_OPTIONS, PhoneEngine } from '../../src/engine/phone-engine.ts';
import { createLogger } from '../../src/shared/log.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { createLabLogger } from '../../lab/src/log.ts';
import { startLab, type RunningLab } from '../../lab/src/start-lab.ts';
import { signalingOnlyHandlerFactory } from '../../lab/src/parties/signaling-only-media.ts';
import { BrowserLikeWebSocket } from '../support/browser-like-websocket.ts';
import { receptionEngineAt } from '../support/lab-reception-engine.ts';
import { RecordingRinger, SignalingOnlyMicrophone, SilentCallMedia } from '../support/signaling-only-media.ts';

(globalThis as { WebSocket?: unknown }).WebSocket ??= BrowserLikeWebSocket;

const OFFICE = fileURLToPath(new URL('../fixtures/lab-office.json', import.meta.url));
const OPTIONS = DEFAULT_ENGINE_OPTIONS;

/** The lab office as a PBX serves it: busy lamps, voicemail with its waiting indicator, and the control API. */
describe('the lab office', () => {
  let lab: RunningLab;
  let reception: PhoneEngine;
  let latest: EngineState | null = null;
  const stops: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    lab = await startLab({ officePath: OFFICE, withCallers: false, log: createLabLogger(true) });
    reception = await receptionEngineAt(lab, (state) => (latest = state));
  });
  afterAll(async () => {
    // Watchers and callers are stopped with a bound: their teardown is not what this file tests.
    await Promise.all(stops.map((stop) => Promise.race([stop(), new Promise((resolve) => setTimeout(resolve, 1000))])));
    await reception.logout();
    await lab.stop();
  });

  /** A watcher (the receptionist's other phone, say) subscribed to `event` of `resource`; collects NOTIFY bodies. */
  async function watch(resource: string, event: string): Promise<string[]> {
    const uri = UserAgent.makeURI(`sip:201@${lab.office.domain}`);
    const target = UserAgent.makeURI(`sip:${resource}@${lab.office.domain}`);
    if (uri === undefined || target === undefined) throw new Error('bad uri');
    const colleague = lab.office.colleagues[0];
    const userAgent = new UserAgent({
      uri,
      authorizationUsername: '201',
      authorizationPassword: colleague?.password,
      transportOptions: { server: lab.webSocketUrl },
      logBuiltinEnabled: false,
      sessionDescriptionHandlerFactory: signalingOnlyHandlerFactory,
    });
    await userAgent.start();
    stops.push(() => userAgent.stop());
    const bodies: string[] = [];
    const subscriber = new Subscriber(userAgent, target, event, { expires: 600 });
    subscriber.delegate = {
      onNotify: (notification) => {
        bodies.push(notification.request.body);
        void notification.accept();
      },
    };
    await subscriber.subscribe();
    return bodies;
  }

  async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('lights the busy lamp of a colleague through a call: early, confirmed, terminated', async () => {
    const lamps = await watch('202', 'dialog');
    await until(() => lamps.length >= 1, 'the first NOTIFY');
    expect(lamps[0]).toMatch(/<dialog-info [^>]*state="full" entity="sip:202@lab\.switchboard"/);
    expect(lamps[0]).not.toMatch(/<dialog /);

    const id = await reception.dial('202');
    await until(() => lamps.some((body) => /<state>confirmed<\/state>/.test(body)), 'a confirmed dialog');
    expect(lamps.some((body) => /<state>(trying|early)<\/state>/.test(body))).toBe(true);
    expect(lamps.find((body) => /confirmed/.test(body))).toMatch(
      /direction="recipient"[\s\S]*sip:reception@lab\.switchboard/,
    );
    await reception.act(id, 'hang-up');
    await until(() => /<state>terminated<\/state>/.test(lamps.at(-1) ?? ''), 'the terminated dialog');
  });

  it('takes a voicemail and turns on the message-waiting indicator, which goes off once heard', async () => {
    const summaries = await watch('reception', 'message-summary');
    await until(() => summaries.length >= 1, 'the first NOTIFY');
    expect(summaries[0]).toMatch(/Messages-Waiting: no/);

    const engine = new PhoneEngine(
      { onStateChanged: () => undefined },
      new SilentCallMedia(),
      new RecordingRinger(),
      createLogger('caller'),
      {
        microphone: new SignalingOnlyMicrophone(),
      },
    );
    const colleague = lab.office.colleagues[1];
    await engine.login(
      {
        serverUrl: lab.webSocketUrl,
        sipAddress: `${colleague?.user}@${lab.office.domain}`,
        authorizationUser: '',
        displayName: '',
        outboundProxy: '',
        xsiUrl: '',
      },
      { kind: 'password', password: colleague?.password ?? '' },
      OPTIONS,
    );
    stops.push(() => engine.logout());
    const message = await engine.dial('vm-reception');
    await until(() => engine.state.calls[0]?.status === 'Active', 'voicemail answering', 5000);
    await engine.act(message, 'hang-up');
    await until(() => /Messages-Waiting: yes/.test(summaries.at(-1) ?? ''), 'the indicator');
    expect(summaries.at(-1)).toMatch(/Voice-Message: 1\/0/);

    const listen = await reception.dial('voicemail');
    await until(() => /Voice-Message: 0\/1/.test(summaries.at(-1) ?? ''), 'messages heard');
    await reception.act(listen, 'hang-up');
  });

  it('lets a test make a colleague call the reception through the control API', async () => {
    const response = await fetch(`${lab.controlUrl}/parties/201/call`, {
      method: 'POST',
      body: JSON.stringify({ to: 'reception' }),
    });
    expect(response.status).toBe(200);
    await until(
      () => latest?.calls.some((call) => call.status === 'Alerting' && call.remoteNumber === '201') === true,
      'the call',
    );
    const state = (await (await fetch(`${lab.controlUrl}/state`)).json()) as { registered: string[] };
    expect(state.registered).toEqual(expect.arrayContaining(['reception', '201', '202', 'voicemail', 'trunk']));
  });
});
