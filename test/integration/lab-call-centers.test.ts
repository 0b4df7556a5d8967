import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { PhoneEngine } from '../../src/engine/phone-engine.ts';
import type { EngineState } from '../../src/shared/protocol/engine-commands.ts';
import { basicAuthorization } from '../../src/shared/http/basic-authorization.ts';
import {
  acdPromoteXml,
  channelRefreshXml,
  channelXml,
  eventResponseXml,
  parseAcdQueue,
  parseCallCenters,
  parseChannelDocument,
  parseQueueCallOrder,
  parseSubscription,
  subscriptionXml,
  type XsiChannelDocument,
} from '../../src/shared/xsi/acd-documents.ts';
import { XsiEventStream } from '../../src/shared/xsi/xsi-event-stream.ts';
import { createLabLogger } from '../../lab/src/log.ts';
import { startLab, type RunningLab } from '../../lab/src/start-lab.ts';
import { BrowserLikeWebSocket } from '../support/browser-like-websocket.ts';
import { receptionEngineAt } from '../support/lab-reception-engine.ts';

(globalThis as { WebSocket?: unknown }).WebSocket ??= BrowserLikeWebSocket;

const OFFICE = fileURLToPath(new URL('../fixtures/lab-office.json', import.meta.url));
const ACTIONS = '/com.broadsoft.xsi-actions/v2.0';
const EVENTS = '/com.broadsoft.xsi-events/v2.0';

/** The lab's call centers: real SIP queues served over XSI-Actions and XSI-Events with the specification's shapes. */
describe('the lab call centers over XSI', () => {
  let lab: RunningLab;
  let reception: PhoneEngine;
  let latest: EngineState | null = null;
  const documents: XsiChannelDocument[] = [];
  let stream: AbortController;

  beforeAll(async () => {
    lab = await startLab({ officePath: OFFICE, withCallers: false, log: createLabLogger(true) });
    reception = await receptionEngineAt(lab, (state) => (latest = state));
  });
  afterAll(async () => {
    stream?.abort();
    await reception.logout();
    await lab.stop();
  });

  const receptionId = () => `${lab.office.reception.user}@${lab.office.domain}`;
  const sales = () => `sales@${lab.office.domain}`;

  async function xsi(path: string, init: RequestInit = {}, as = receptionId(), password?: string) {
    const response = await fetch(`${lab.xsiUrl}${path}`, {
      ...init,
      headers: { Authorization: basicAuthorization(as, password ?? lab.office.reception.password) },
    });
    return { status: response.status, body: await response.text() };
  }

  async function until<T>(read: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const eventOf = (type: string, name?: string) =>
    documents.find(
      (document) =>
        document.kind === 'event' &&
        document.type === type &&
        (name === undefined || document.entries[0]?.name === name),
    );

  async function call(number: string, name: string, from: string) {
    const response = await fetch(`${lab.controlUrl}/parties/trunk/call`, {
      method: 'POST',
      body: JSON.stringify({ to: number, as: { name, number: from } }),
    });
    return ((await response.json()) as { id: string }).id;
  }

  async function queue() {
    const { status, body } = await xsi(`${ACTIONS}/callcenter/${encodeURIComponent(sales())}/calls`);
    expect(status).toBe(200);
    return parseAcdQueue(body);
  }

  it('lists the call centers the receptionist supervises, and refuses others and wrong passwords', async () => {
    const { status, body } = await xsi(`${ACTIONS}/user/${encodeURIComponent(receptionId())}/directories/CallCenters`);
    expect(status).toBe(200);
    // Accounting is supervised by someone else: not listed, and refused.
    expect(parseCallCenters(body).map((center) => center.name)).toEqual(['Sales', 'Support']);
    expect(
      (await xsi(`${ACTIONS}/callcenter/${encodeURIComponent(`accounting@${lab.office.domain}`)}/calls`)).status,
    ).toBe(403);
    const colleague = await xsi(
      `${ACTIONS}/callcenter/${encodeURIComponent(sales())}/calls`,
      {},
      `201@${lab.office.domain}`,
      'lab-201',
    );
    expect(colleague.status).toBe(403);
    expect(
      (await xsi(`${ACTIONS}/callcenter/${encodeURIComponent(sales())}/calls`, {}, receptionId(), 'wrong')).status,
    ).toBe(401);
  });

  it('opens an event channel and subscribes: the full queue and configuration first', async () => {
    stream = new AbortController();
    const response = await fetch(`${lab.xsiUrl}/com.broadsoft.async${EVENTS}/channel`, {
      method: 'POST',
      headers: { Authorization: basicAuthorization(receptionId(), lab.office.reception.password) },
      body: channelXml('switchboard-test', 3600),
      signal: stream.signal,
    });
    expect(response.status).toBe(200);
    const splitter = new XsiEventStream((xml) => {
      const document = parseChannelDocument(xml);
      if (document !== null) documents.push(document);
    });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (chunk === undefined || chunk.done) return;
        splitter.push(chunk.value);
      }
    })();
    await until(() => documents.find((document) => document.kind === 'channel'), 'the channel');
    for (const event of ['Call Center Queue', 'Call Center Configuration']) {
      const { status, body } = await xsi(`${EVENTS}/user/${encodeURIComponent(sales())}`, {
        method: 'POST',
        body: subscriptionXml(event, 'switchboard-test', 3600),
      });
      expect(status).toBe(200);
      expect(parseSubscription(body).subscriptionId).not.toBe('');
    }
    expect(await until(() => eventOf('ACDSubscriptionEvent'), 'the queue')).toMatchObject({ entries: [] });
    expect(await until(() => eventOf('ACDConfigurationSubscriptionEvent'), 'the configuration')).toMatchObject({
      configuration: { forcedForwarding: false, nightService: false, holidayService: false },
    });
  });

  it('queues real callers by priority and arrival, reorders, promotes, and says what it refuses', async () => {
    await call('8001', 'Hôtel Bellevue', '+33145678901');
    await until(() => eventOf('ACDCallAddedEvent', 'Hôtel Bellevue'), 'the first caller queued');
    await call('8011', 'Garage Petit', '+33612345678');
    await until(() => eventOf('ACDCallAddedEvent', 'Garage Petit'), 'the DNIS caller queued');
    await call('8001', 'Jane Cooper', '+442079460958');
    const added = await until(() => eventOf('ACDCallAddedEvent', 'Jane Cooper'), 'the third caller queued');
    expect(added).toMatchObject({ position: 2 });

    const calls = await queue();
    expect(calls.map((entry) => [entry.name, entry.number, entry.dnisName, entry.priority])).toEqual([
      ['Hôtel Bellevue', '+33145678901', 'Sales', 0],
      ['Jane Cooper', '+442079460958', 'Sales', 0],
      ['Garage Petit', '+33612345678', 'Sales promotion', 1],
    ]);
    const [hotel, jane, garage] = calls;
    if (hotel === undefined || jane === undefined || garage === undefined) throw new Error('three calls');
    const path = (id: string, command = '') =>
      `${ACTIONS}/callcenter/${encodeURIComponent(sales())}/calls/${encodeURIComponent(id)}${command}`;

    const reordered = await xsi(path(jane.id, '/Reorder?index=0'), { method: 'PUT' });
    expect(parseQueueCallOrder(reordered.body)).toBe(1);
    await until(() => eventOf('ACDCallReorderedEvent', 'Jane Cooper'), 'the reorder event');
    expect((await xsi(path(garage.id, '/Reorder?index=0'), { method: 'PUT' })).status).toBe(400);

    const promoted = await xsi(path(garage.id, '/Promote'), { method: 'PUT', body: acdPromoteXml(0) });
    expect(parseQueueCallOrder(promoted.body)).toBe(3);
    expect(await until(() => eventOf('ACDCallPromotedEvent'), 'the promote event')).toMatchObject({
      entries: [{ name: 'Garage Petit', priority: 0 }],
      position: 3,
    });
    expect((await xsi(path(garage.id, '/Promote'), { method: 'PUT', body: acdPromoteXml(1) })).status).toBe(400);
    expect((await queue()).map((entry) => [entry.name, entry.isReordered])).toEqual([
      ['Jane Cooper', true],
      ['Hôtel Bellevue', false],
      ['Garage Petit', false],
    ]);
  });

  it('retrieves a caller to the receptionist, releases one, and reports one who gives up', async () => {
    const [jane, hotel, garage] = await queue();
    if (jane === undefined || hotel === undefined || garage === undefined) throw new Error('three calls');
    const path = (id: string, command = '') =>
      `${ACTIONS}/callcenter/${encodeURIComponent(sales())}/calls/${encodeURIComponent(id)}${command}`;

    // Retrieve: the call is sent to the receptionist's own number and rings there as the caller.
    expect(
      (await xsi(path(hotel.id, `/BlindTransfer?phoneno=${lab.office.reception.user}`), { method: 'PUT' })).status,
    ).toBe(200);
    await until(() => eventOf('ACDCallTransferredEvent', 'Hôtel Bellevue'), 'the transfer event');
    await until(
      () => latest?.calls.find((entry) => entry.status === 'Alerting' && entry.remoteNumber === '+33145678901'),
      'the caller ringing at the receptionist',
    );

    expect((await xsi(path(jane.id), { method: 'DELETE' })).status).toBe(200);
    await until(() => eventOf('ACDCallReleasedEvent', 'Jane Cooper'), 'the release event');

    const trunk = (await (await fetch(`${lab.controlUrl}/state`)).json()) as {
      parties: { user: string; calls: { id: string; peer: string }[] }[];
    };
    const waiting = trunk.parties.find((party) => party.user === 'trunk')?.calls.find((entry) => entry.peer === '8011');
    if (waiting === undefined) throw new Error('the DNIS caller is not on the line');
    await fetch(`${lab.controlUrl}/parties/trunk/calls/${waiting.id}/hang-up`, { method: 'POST' });
    await until(() => eventOf('ACDCallAbandonedEvent', 'Garage Petit'), 'the abandoned event');
    expect(await queue()).toEqual([]);
    expect((await xsi(path(jane.id), { method: 'DELETE' })).status).toBe(404);
  });

  it('switches forced forwarding and night service, tells the channel, and acts on the next caller', async () => {
    const policy = (name: string) => `${ACTIONS}/callcenter/${encodeURIComponent(sales())}/profile/policies/${name}`;
    const forwarding = await xsi(policy('ForcedForwarding'), {
      method: 'PUT',
      body: '<?xml version="1.0"?><ACDForcedForwarding xmlns="http://schema.broadsoft.com/xsi"><active>true</active><forwardToPhoneNumber>201</forwardToPhoneNumber></ACDForcedForwarding>',
    });
    expect(forwarding.status).toBe(200);
    expect(await until(() => eventOf('ACDForcedForwardingEvent'), 'the forced forwarding event')).toMatchObject({
      configuration: { forcedForwarding: true },
    });
    await call('8001', 'Cabinet Roux', '+33478123456');
    const atAlice = await until(async () => {
      const state = (await (await fetch(`${lab.controlUrl}/state`)).json()) as {
        parties: { user: string; calls: { peer: string; state: string }[] }[];
      };
      return state.parties.find((party) => party.user === '201')?.calls[0];
    }, 'the forwarded caller at 201');
    expect(atAlice).toBeDefined();

    const night = await xsi(policy('NightService'), {
      method: 'PUT',
      body: '<?xml version="1.0"?><ACDNightService xmlns="http://schema.broadsoft.com/xsi"><action>Busy</action><forceNightService>true</forceNightService></ACDNightService>',
    });
    expect(night.status).toBe(200);
    expect(await until(() => eventOf('ACDNightServiceEvent'), 'the night service event')).toMatchObject({
      configuration: { nightService: true, forceNightService: true },
    });
    expect((await xsi(policy('NightService'), { method: 'PUT', body: '<ACDNightService><action>' })).status).toBe(400);
  });

  it('keeps a channel alive with heartbeats, counts acknowledgements, and drops channels on demand', async () => {
    const channel = documents.find((document) => document.kind === 'channel');
    if (channel?.kind !== 'channel') throw new Error('no channel');
    expect((await xsi(`${EVENTS}/channel/${channel.channelId}/heartbeat`, { method: 'PUT' })).status).toBe(200);
    // A new lifetime for the channel and a subscription (a console open all day refreshes both).
    expect(
      (await xsi(`${EVENTS}/channel/${channel.channelId}`, { method: 'PUT', body: channelRefreshXml(3600) })).status,
    ).toBe(200);
    for (const document of documents) {
      if (document.kind !== 'event') continue;
      await xsi(`${EVENTS}/channel/eventresponse`, { method: 'POST', body: eventResponseXml(document.eventId) });
    }
    const state = async () =>
      (
        (await (await fetch(`${lab.controlUrl}/state`)).json()) as {
          xsiEvents: { openChannels: number; unacknowledged: number };
        }
      ).xsiEvents;
    expect(await state()).toEqual({ openChannels: 1, unacknowledged: 0 });
    await fetch(`${lab.controlUrl}/xsi/drop-channels`, { method: 'POST' });
    expect((await state()).openChannels).toBe(0);
    expect((await xsi(`${EVENTS}/channel/${channel.channelId}/heartbeat`, { method: 'PUT' })).status).toBe(404);
  });
});
