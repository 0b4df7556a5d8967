import { afterEach, describe, expect, it, vi } from 'vitest';
import { XsiEventChannel, type XsiEventChannelDelegate } from '../../src/engine/xsi/xsi-event-channel.ts';
import { XsiWatch, type XsiWatchDelegate } from '../../src/engine/xsi/xsi-watch.ts';
import { createLogger } from '../../src/shared/log.ts';

/**
 * The XSI event channel's rules, over a fake XSP in memory (logic only; the lab and the extension test it for real):
 * subscriptions made on each opening and the old ones deleted, every event acknowledged, a malformed document
 * ignored, a dropped stream opened again, a refused login said.
 */
class FakeXsp {
  readonly requests: string[] = [];
  /** Each subscription asked for: `<target> <event package>`. */
  readonly subscriptions: string[] = [];
  readonly streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  channelStatus = 200;
  #nextSubscription = 1;

  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const method = init?.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname.replace('/com.broadsoft.xsi-events/v2.0', '')}`);
    if (url.pathname.endsWith('/channel') && method === 'POST') {
      if (this.channelStatus !== 200)
        return Promise.resolve(
          new Response('<ErrorInfo><summary>Bad credentials</summary></ErrorInfo>', { status: this.channelStatus }),
        );
      const body = new ReadableStream<Uint8Array>({ start: (controller) => void this.streams.push(controller) });
      return Promise.resolve(new Response(body, { status: 200 }));
    }
    if (url.pathname.includes('/user/') && method === 'POST') {
      const eventPackage = /<event>([^<]*)<\/event>/.exec(typeof init?.body === 'string' ? init.body : '')?.[1];
      this.subscriptions.push(`${decodeURIComponent(url.pathname.split('/').pop() ?? '')} ${eventPackage ?? ''}`);
      return Promise.resolve(
        new Response(
          `<Subscription><subscriptionId>s${this.#nextSubscription++}</subscriptionId><expires>3600</expires></Subscription>`,
        ),
      );
    }
    return Promise.resolve(new Response('', { status: 200 }));
  };

  write(text: string): void {
    this.streams.at(-1)?.enqueue(new TextEncoder().encode(text));
  }
}

const EVENT = (id: string) =>
  `<?xml version="1.0"?><xsi:Event xsi1:type="xsi:SubscriptionEvent" xmlns:xsi="http://schema.broadsoft.com/xsi" xmlns:xsi1="http://www.w3.org/2001/XMLSchema-instance"><xsi:eventID>${id}</xsi:eventID><xsi:targetId>sales@pbx</xsi:targetId><xsi:eventData xsi1:type="xsi:ACDSubscriptionEvent"/></xsi:Event>`;
const CHANNEL = '<?xml version="1.0"?><Channel><channelId>c1</channelId><expires>3600</expires></Channel>';

/** Polls a condition the fake server's stream makes true; a second at most. */
async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('never');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the XSI event channel', () => {
  afterEach(() => vi.useRealTimers());

  function open(xsp: FakeXsp) {
    const events: string[] = [];
    const statuses: string[] = [];
    const delegate: XsiEventChannelDelegate = {
      onEvent: (event) => events.push(event.eventId),
      onStatus: (status, problem) => statuses.push(problem === null ? status : `${status} ${problem}`),
      onQueueProblem: () => undefined,
    };
    const channel = new XsiEventChannel(delegate, createLogger('test'), xsp.fetch);
    channel.watch({
      xsiUrl: 'https://xsp.example',
      authorization: 'Basic eDp5',
      queueIds: ['sales@pbx'],
      monitoredUserIds: ['201@pbx'],
    });
    return { channel, events, statuses };
  }

  it('subscribes every target once the channel is open, acknowledges each event, and ignores a malformed one', async () => {
    const xsp = new FakeXsp();
    const { channel, events, statuses } = open(xsp);
    await until(() => xsp.streams.length === 1);
    xsp.write(CHANNEL);
    await until(() => statuses.includes('live'));
    expect(xsp.requests.filter((request) => request.startsWith('POST /user/'))).toEqual([
      'POST /user/sales%40pbx',
      'POST /user/sales%40pbx',
      'POST /user/201%40pbx',
      'POST /user/201%40pbx',
    ]);
    xsp.write(`${EVENT('e1')}<?xml version="1.0"?><xsi:Event><broken>${EVENT('e2')}`);
    await until(() => events.length === 2);
    expect(events).toEqual(['e1', 'e2']);
    await until(() => xsp.requests.filter((request) => request === 'POST /channel/eventresponse').length === 2);
    channel.watch(null);
  });

  it('opens the channel again when the stream ends, deleting the old subscriptions before subscribing afresh', async () => {
    const xsp = new FakeXsp();
    const { channel, statuses } = open(xsp);
    await until(() => xsp.streams.length === 1);
    xsp.write(CHANNEL);
    await until(() => statuses.includes('live'));
    xsp.streams[0]?.close();
    await until(() => xsp.streams.length === 2);
    xsp.write(CHANNEL);
    await until(() => statuses.filter((status) => status === 'live').length === 2);
    const afterDrop = xsp.requests.slice(xsp.requests.indexOf('POST /com.broadsoft.async/channel', 1));
    expect(afterDrop.filter((request) => request.startsWith('DELETE /subscription/'))).toEqual([
      'DELETE /subscription/s1',
      'DELETE /subscription/s2',
      'DELETE /subscription/s3',
      'DELETE /subscription/s4',
    ]);
    channel.watch(null);
  });

  it('follows another colleague or queue on the open channel: only the changed subscriptions, no re-opening', async () => {
    const xsp = new FakeXsp();
    const { channel, statuses } = open(xsp);
    await until(() => xsp.streams.length === 1);
    xsp.write(CHANNEL);
    await until(() => statuses.includes('live'));
    const opened = xsp.requests.length;
    // The receptionist stars a second colleague and drops the first one.
    channel.watch({
      xsiUrl: 'https://xsp.example',
      authorization: 'Basic eDp5',
      queueIds: ['sales@pbx'],
      monitoredUserIds: ['202@pbx'],
    });
    await until(() => xsp.requests.filter((request) => request === 'POST /user/202%40pbx').length === 2);
    await until(() => xsp.requests.includes('DELETE /subscription/s4'));
    expect(xsp.requests.slice(opened).sort()).toEqual([
      'DELETE /subscription/s3',
      'DELETE /subscription/s4',
      'POST /user/202%40pbx',
      'POST /user/202%40pbx',
    ]);
    expect(xsp.streams).toHaveLength(1);
    expect(statuses).toEqual(['connecting', 'live']);
    // Another server (or user) is another channel.
    channel.watch({
      xsiUrl: 'https://other.example',
      authorization: 'Basic eDp5',
      queueIds: ['sales@pbx'],
      monitoredUserIds: [],
    });
    await until(() => xsp.streams.length === 2);
    channel.watch(null);
  });

  it('refreshes the channel and every subscription at half their life, as a console open all day must', async () => {
    const xsp = new FakeXsp();
    const { channel, statuses } = open(xsp);
    await until(() => xsp.streams.length === 1);
    xsp.write('<?xml version="1.0"?><Channel><channelId>c1</channelId><expires>1</expires></Channel>');
    await until(() => statuses.includes('live'));
    await until(() => xsp.requests.includes('PUT /subscription/s4'));
    expect(
      xsp.requests.filter(
        (request) => request.startsWith('PUT /channel/c1') || request.startsWith('PUT /subscription/'),
      ),
    ).toEqual([
      'PUT /channel/c1',
      'PUT /subscription/s1',
      'PUT /subscription/s2',
      'PUT /subscription/s3',
      'PUT /subscription/s4',
    ]);
    channel.watch(null);
  });

  it('says the server refused the credentials, and tries again later', async () => {
    const xsp = new FakeXsp();
    xsp.channelStatus = 401;
    const { channel, statuses } = open(xsp);
    await until(() => statuses.includes('failing error_xsi_unauthorized'));
    channel.watch(null);
  });
});

/** A watch of the reception's own services and calls, and of `monitoredUsers`, over a channel `xsp` opened. */
async function watchingReception(
  xsp: FakeXsp,
  monitoredUsers: { line: string; userId: string }[],
  delegate: Partial<XsiWatchDelegate>,
): Promise<XsiWatch> {
  const watch = new XsiWatch(
    {
      changed: () => undefined,
      serviceChanged: () => undefined,
      ownServicesChanged: () => undefined,
      ownCallsChanged: () => undefined,
      ...delegate,
    },
    createLogger('test'),
    xsp.fetch,
  );
  watch.watch({
    xsiUrl: 'https://xsp.example',
    authorization: 'Basic eDp5',
    queues: [],
    ownUserId: 'reception@pbx',
    monitoredUsers,
  });
  await until(() => xsp.streams.length === 1);
  xsp.write(CHANNEL);
  return watch;
}

describe("the XSI watch: the user's own services beside the monitored colleagues'", () => {
  const serviceEvent = (id: string, targetId: string, active: boolean) =>
    `<?xml version="1.0"?><xsi:Event xsi1:type="xsi:SubscriptionEvent" xmlns:xsi="http://schema.broadsoft.com/xsi" xmlns:xsi1="http://www.w3.org/2001/XMLSchema-instance"><xsi:eventID>${id}</xsi:eventID><xsi:targetId>${targetId}</xsi:targetId><xsi:eventData xsi1:type="xsi:DoNotDisturbEvent"><xsi:info><xsi:active>${active}</xsi:active></xsi:info></xsi:eventData></xsi:Event>`;

  it("subscribes the user's own id too, and hands their events to the console, not to a lamp", async () => {
    const xsp = new FakeXsp();
    const lampChanges: string[] = [];
    let ownChanges = 0;
    const watch = await watchingReception(xsp, [{ line: '201', userId: '201@pbx' }], {
      serviceChanged: (line, service) => lampChanges.push(`${line} ${JSON.stringify(service)}`),
      ownServicesChanged: () => ownChanges++,
    });
    await until(() => xsp.subscriptions.length === 5);
    // Do Not Disturb and forwarding of 201; those of the user, and the user's calls.
    expect(xsp.subscriptions.sort()).toEqual([
      '201@pbx Call Forwarding Always',
      '201@pbx Do Not Disturb',
      'reception@pbx Advanced Call',
      'reception@pbx Call Forwarding Always',
      'reception@pbx Do Not Disturb',
    ]);

    xsp.write(serviceEvent('e1', 'reception@pbx', true));
    await until(() => watch.ownServices !== null);
    expect(watch.ownServices).toEqual({ isDoNotDisturb: true, forwardTo: null });
    expect(ownChanges).toBe(1);
    expect(lampChanges).toEqual([]);

    xsp.write(serviceEvent('e2', '201@pbx', true));
    await until(() => lampChanges.length === 1);
    expect(lampChanges).toEqual(['201 {"isDoNotDisturb":true,"forwardTo":null}']);
    expect(watch.ownServices).toEqual({ isDoNotDisturb: true, forwardTo: null });

    // No longer followed (services kept in the console): forgotten, and the console told.
    watch.watch(null);
    expect(watch.ownServices).toBeNull();
    expect(ownChanges).toBe(2);
  });

  it("keeps the user's calls as the PBX reports them: all at first, then each call's news", async () => {
    const xsp = new FakeXsp();
    let callChanges = 0;
    const watch = await watchingReception(xsp, [], { ownCallsChanged: () => callChanges++ });
    await until(() => xsp.subscriptions.length === 3);
    const call = (id: string, state: string) =>
      `<xsi:call><xsi:callId>${id}</xsi:callId><xsi:networkCallId>sip-${id}</xsi:networkCallId><xsi:personality>Terminator</xsi:personality><xsi:state>${state}</xsi:state><xsi:remoteParty><xsi:name>Bob</xsi:name><xsi:address>tel:+33145678901</xsi:address></xsi:remoteParty><xsi:startTime>1700000000000</xsi:startTime></xsi:call>`;
    const callEvent = (eventId: string, type: string, data: string, targetId = 'reception@pbx') =>
      `<?xml version="1.0"?><xsi:Event xsi1:type="xsi:SubscriptionEvent" xmlns:xsi="http://schema.broadsoft.com/xsi" xmlns:xsi1="http://www.w3.org/2001/XMLSchema-instance"><xsi:eventID>${eventId}</xsi:eventID><xsi:targetId>${targetId}</xsi:targetId><xsi:eventData xsi1:type="xsi:${type}">${data}</xsi:eventData></xsi:Event>`;
    const states = () => watch.ownCalls.map((each) => `${each.callId} ${each.state}`);

    xsp.write(
      callEvent(
        'e1',
        'CallSubscriptionEvent',
        `<xsi:calls>${call('c1', 'Active')}${call('c2', 'Held')}</xsi:calls><xsi:hookStatus>Off-Hook</xsi:hookStatus>`,
      ),
    );
    await until(() => watch.ownCalls.length === 2);
    expect(states()).toEqual(['c1 Active', 'c2 Held']);
    expect(watch.ownCalls[0]).toMatchObject({
      networkCallId: 'sip-c1',
      personality: 'Terminator',
      remoteName: 'Bob',
      remoteAddress: 'tel:+33145678901',
      startTime: 1700000000000,
      answerTime: null,
    });
    xsp.write(callEvent('e2', 'CallRetrievedEvent', call('c2', 'Active')));
    xsp.write(callEvent('e3', 'CallReleasedEvent', call('c1', 'Released')));
    await until(() => states().join() === 'c2 Active');
    // A colleague's call event is not the user's; a call without its id is left out.
    xsp.write(callEvent('e4', 'CallReceivedEvent', call('c9', 'Alerting'), '201@pbx'));
    xsp.write(callEvent('e5', 'CallReceivedEvent', call('', 'Alerting')));
    // The channel re-opened: the first event lists every call again, and any other has ended.
    xsp.write(callEvent('e6', 'CallSubscriptionEvent', '<xsi:hookStatus>On-Hook</xsi:hookStatus>'));
    await until(() => watch.ownCalls.length === 0);
    expect(callChanges).toBe(5);
    watch.watch(null);
  });
});
