import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import type { CallCenter, CallCenterEvent } from './call-centers/call-center.ts';
import { queueEntryContent } from './call-centers/xsi-call-centers.ts';
import type { Logger } from './log.ts';
import type { FeatureCodes } from './feature-codes.ts';
import { authenticatedUser, errorInfo, readBody, readRoot, reply, xml, XSI_NAMESPACE } from './xsi-http.ts';
import type { UserDialog } from './dialog-tracker.ts';
import { xsiCallContent, xsiCallEventType, xsiCallStateOf, type ToldCall, type XsiCallIds } from './xsi-user-calls.ts';

/** XSI-Events paths (spec §4.6): the channel's stream is under the asynchronous prefix, everything else is not. */
export const XSI_EVENTS_PATH = '/com.broadsoft.xsi-events/v2.0';
export const XSI_ASYNC_PREFIX = '/com.broadsoft.async';
const SCHEMA_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';
/**
 * The packages the lab serves: a call center's queue and configuration, a user's Do Not Disturb and forwarding, and
 * a user's calls (Advanced Call).
 */
const CALL_CENTER_PACKAGES = ['Call Center Queue', 'Call Center Configuration'] as const;
const USER_PACKAGES = ['Do Not Disturb', 'Call Forwarding Always', 'Advanced Call'] as const;
type EventPackage = (typeof CALL_CENTER_PACKAGES)[number] | (typeof USER_PACKAGES)[number];

export interface XsiEventsOptions {
  readonly domain: string;
  readonly passwordOf: (user: string) => string | undefined;
  readonly callCenters: readonly CallCenter[];
  readonly supervisorsOf: (callCenter: CallCenter) => readonly string[];
  /** The users' services (Do Not Disturb, Call Forwarding Always) a receptionist monitors. */
  readonly services: FeatureCodes;
  /** Each user's calls as the proxy follows them, and a way to hear which users' calls changed. */
  readonly calls: {
    of(user: string): readonly UserDialog[];
    onChanged(listener: (users: readonly string[]) => void): void;
  };
  /** The XSI id of each call (shared with the call-control actions, which find calls by it). */
  readonly callIds: XsiCallIds;
  /** A user's name, for the other party of a call. */
  readonly nameOf: (user: string) => string | null;
  /** Whether `subscriber` may follow `user`'s services (themselves, or the receptionist monitoring them). */
  readonly mayMonitor: (subscriber: string, user: string) => boolean;
  /** A channel without a heartbeat for this long is torn down (the provider's `eventTimeout`). */
  readonly eventTimeoutSeconds: number;
  /** How often the server writes `<ChannelHeartBeat/>` on a stream. */
  readonly streamHeartbeatSeconds: number;
  readonly log: Logger;
}

interface Channel {
  readonly id: string;
  readonly setId: string;
  readonly response: ServerResponse;
  lastHeartbeat: number;
  readonly timer: ReturnType<typeof setInterval>;
}

interface Subscription {
  readonly id: string;
  readonly setId: string;
  readonly user: string;
  /** A call center, or a user (their id without the domain) whose services are followed. */
  readonly target: CallCenter | string;
  readonly event: EventPackage;
  sequence: number;
  /** An Advanced Call subscription: what it last told of each of the user's calls, by SIP Call-ID. */
  readonly told: Map<string, ToldCall>;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/**
 * The lab's XSI-Events (spec §4): event channels (`POST …/channel` answered by a chunked stream that never ends, whose
 * first document is `<Channel>`), heartbeats (`PUT …/channel/<id>/heartbeat`; a channel without one for
 * `eventTimeoutSeconds` is terminated), event responses (`POST …/channel/eventresponse`), subscriptions of a channel
 * set to a call center's `Call Center Queue` and `Call Center Configuration` packages (`POST …/user/<callCenterId>`),
 * each starting with its full-state event (ACDSubscriptionEvent, ACDConfigurationSubscriptionEvent), then one
 * `<xsi:Event>` per change of the call center. Subscriptions belong to the channel set: a channel opened again with
 * the same set receives them.
 */
export class XsiEvents {
  readonly #channels = new Map<string, Channel>();
  readonly #subscriptions = new Map<string, Subscription>();
  /** Events sent and not acknowledged yet (each leaves on its event response). */
  readonly #unacknowledged = new Set<string>();

  constructor(private readonly options: XsiEventsOptions) {
    for (const callCenter of options.callCenters) callCenter.onEvent((event) => this.#publish(callCenter, event));
    options.services.onChanged((user) => this.#publishServices(user));
    options.calls.onChanged((users) => users.forEach((user) => this.#publishCalls(user)));
  }

  /** Events sent that the client has not acknowledged yet. */
  get unacknowledged(): number {
    return this.#unacknowledged.size;
  }

  get openChannels(): number {
    return this.#channels.size;
  }

  isEventsPath(path: string): boolean {
    return path.startsWith(XSI_EVENTS_PATH) || path.startsWith(XSI_ASYNC_PREFIX + XSI_EVENTS_PATH);
  }

  /** The network drops every channel: the streams end without a `ChannelTerminatedEvent`. */
  dropChannels(): void {
    for (const channel of [...this.#channels.values()]) this.#close(channel, false);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const user = authenticatedUser(request, response, this.options.passwordOf);
    if (user === null) return;
    const path = new URL(request.url ?? '/', 'http://lab').pathname;
    const method = request.method ?? 'GET';
    if (path === `${XSI_ASYNC_PREFIX}${XSI_EVENTS_PATH}/channel` && method === 'POST') {
      await this.#openChannel(user, request, response);
      return;
    }
    const rest = path.startsWith(XSI_EVENTS_PATH) ? path.slice(XSI_EVENTS_PATH.length) : '';
    const heartbeat = /^\/channel\/([^/]+)\/heartbeat$/.exec(rest);
    const channelPath = /^\/channel\/([^/]+)$/.exec(rest);
    const subscriptionPath = /^\/subscription\/([^/]+)$/.exec(rest);
    const target = /^\/user\/([^/]+)$/.exec(rest);
    if (heartbeat !== null && method === 'PUT') {
      const channel = this.#channels.get(decodeURIComponent(heartbeat[1] as string));
      if (channel === undefined) return reply(response, 404, errorInfo('No such channel', '4008'));
      channel.lastHeartbeat = Date.now();
      reply(response, 200, '');
    } else if (rest === '/channel/eventresponse' && method === 'POST') {
      const root = readRoot(await readBody(request), 'EventResponse');
      const eventId = root?.['eventID'];
      if (typeof eventId !== 'string') return reply(response, 400, errorInfo('Malformed EventResponse', '4003'));
      this.#unacknowledged.delete(eventId);
      reply(response, 200, '');
    } else if (channelPath !== null && method === 'PUT') {
      // A channel's new lifetime: the lab keeps channels until they drop, so it only says yes to one it knows.
      const isKnown = this.#channels.has(decodeURIComponent(channelPath[1] as string));
      if (isKnown) reply(response, 200, '');
      else reply(response, 404, errorInfo('No such channel', '4008'));
    } else if (channelPath !== null && method === 'DELETE') {
      const channel = this.#channels.get(decodeURIComponent(channelPath[1] as string));
      if (channel === undefined) return reply(response, 404, errorInfo('No such channel', '4008'));
      reply(response, 200, '');
      this.#close(channel, true);
    } else if (target !== null && method === 'POST') {
      await this.#subscribe(user, decodeURIComponent(target[1] as string), request, response);
    } else if (subscriptionPath !== null && (method === 'PUT' || method === 'DELETE')) {
      const subscription = this.#subscriptions.get(decodeURIComponent(subscriptionPath[1] as string));
      if (subscription === undefined || subscription.user !== user)
        return reply(response, 404, errorInfo('No such subscription', '4008'));
      if (method === 'DELETE') this.#subscriptions.delete(subscription.id);
      reply(response, 200, '');
    } else reply(response, 404, errorInfo('Not found', '4008'));
  }

  async #openChannel(user: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const root = readRoot(await readBody(request), 'Channel');
    const setId = root?.['channelSetId'];
    if (typeof setId !== 'string' || setId === '') {
      reply(response, 400, errorInfo('Malformed Channel document: channelSetId is required', '4003'));
      return;
    }
    const id = randomUUID();
    const expires = Math.max(60, Math.min(7200, Number(root?.['expires']) || 3600));
    response.writeHead(200, {
      'Content-Type': 'application/xml; charset=UTF-8',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    const timer = setInterval(() => {
      if (Date.now() - channel.lastHeartbeat > this.options.eventTimeoutSeconds * 1000) {
        this.options.log.info(`XSI channel ${id} of ${user}: no heartbeat, terminated`);
        this.#close(channel, true);
      } else response.write(xml('ChannelHeartBeat', {}));
    }, this.options.streamHeartbeatSeconds * 1000);
    const channel: Channel = { id, setId: `${user}/${setId}`, response, lastHeartbeat: Date.now(), timer };
    this.#channels.set(id, channel);
    response.on('close', () => this.#forget(channel));
    response.write(xml('Channel', { channelId: id, expires }));
    this.options.log.info(`XSI channel ${id} opened for ${user}`);
  }

  async #subscribe(user: string, targetId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const root = readRoot(await readBody(request), 'Subscription');
    const event = root?.['event'];
    const setId = root?.['channelSetId'];
    if (typeof event !== 'string' || typeof setId !== 'string')
      return reply(response, 400, errorInfo('Malformed Subscription document', '4003'));
    const isUserPackage = (USER_PACKAGES as readonly string[]).includes(event);
    if (!isUserPackage && !(CALL_CENTER_PACKAGES as readonly string[]).includes(event))
      return reply(response, 400, errorInfo(`The event package ${event} is not served here`, '4003'));
    const callCenter = this.options.callCenters.find(
      (center) => `${center.config.id}@${this.options.domain}` === targetId,
    );
    const targetUser = targetId.endsWith(`@${this.options.domain}`)
      ? targetId.slice(0, -this.options.domain.length - 1)
      : targetId;
    const target = isUserPackage ? targetUser : callCenter;
    if (target === undefined || (isUserPackage && this.options.passwordOf(targetUser) === undefined))
      return reply(response, 404, errorInfo(isUserPackage ? 'No such user' : 'No such call center', '4008'));
    const isAllowed =
      typeof target === 'string'
        ? this.options.mayMonitor(user, target)
        : this.options.supervisorsOf(target).includes(user);
    if (!isAllowed) return reply(response, 403, errorInfo('Not allowed to follow this target', '4410'));
    const channelSet = `${user}/${setId}`;
    if (![...this.#channels.values()].some((channel) => channel.setId === channelSet))
      return reply(response, 400, errorInfo('No open channel in this channel set', '4003'));
    const subscription: Subscription = {
      id: randomUUID(),
      setId: channelSet,
      user,
      target,
      event: event as EventPackage,
      sequence: 0,
      told: new Map(),
    };
    this.#subscriptions.set(subscription.id, subscription);
    reply(response, 200, xml('Subscription', { subscriptionId: subscription.id, expires: 3600 }));
    if (typeof target === 'string' && subscription.event === 'Advanced Call') this.#sendCalls(subscription, target);
    else if (typeof target === 'string') this.#sendService(subscription, target);
    else if (subscription.event === 'Call Center Queue') {
      const entries = target.queue.entries;
      this.#send(
        subscription,
        'ACDSubscriptionEvent',
        entries.length === 0 ? {} : { queueEntries: { queueEntry: entries.map(queueEntryContent) } },
      );
    } else {
      const presence = (isActive: boolean) => (isActive ? { active: '' } : undefined);
      this.#send(subscription, 'ACDConfigurationSubscriptionEvent', {
        forcedForwarding: presence(target.forcedForwarding.isActive),
        holidayService: presence(target.isHolidayService),
        nightService: presence(target.isNightServiceActive),
        forceNightService: target.nightService.isForced ? '' : undefined,
      });
    }
  }

  /** A user's service as it is now (spec §4.4.13, §4.4.20: a ServiceEvent whose `info` is the service's settings). */
  #sendService(subscription: Subscription, user: string): void {
    if (subscription.event === 'Do Not Disturb') {
      const { isActive, hasRingSplash } = this.options.services.doNotDisturbOf(user);
      this.#send(subscription, 'DoNotDisturbEvent', { info: { active: isActive, ringSplash: hasRingSplash } });
    } else {
      const { isActive, forwardTo, hasRingSplash } = this.options.services.forwardingOf(user);
      this.#send(subscription, 'CallForwardingAlwaysEvent', {
        info: {
          active: isActive,
          ...(forwardTo === '' ? {} : { forwardToPhoneNumber: forwardTo }),
          ringSplash: hasRingSplash,
        },
      });
    }
  }

  #publishServices(user: string): void {
    for (const subscription of this.#subscriptions.values())
      if (subscription.target === user && subscription.event !== 'Advanced Call') this.#sendService(subscription, user);
  }

  /** A subscription's first event: every call of the user (`CallSubscriptionEvent`, spec §4.4.2), and the hook. */
  #sendCalls(subscription: Subscription, user: string): void {
    const calls = this.options.calls.of(user).filter((call) => xsiCallStateOf(call) !== 'Released');
    const contents = calls.map((call) => this.#callContent(user, call));
    subscription.told.clear();
    calls.forEach((call, index) =>
      subscription.told.set(call.dialog.callId, { state: xsiCallStateOf(call), content: contents[index] ?? {} }),
    );
    this.#send(subscription, 'CallSubscriptionEvent', {
      calls: contents.length === 0 ? undefined : { call: contents },
      hookStatus: contents.length === 0 ? 'On-Hook' : 'Off-Hook',
    });
  }

  /** Tells each Advanced Call subscription of `user` what changed in their calls: one event per call that changed. */
  #publishCalls(user: string): void {
    const calls = this.options.calls.of(user);
    for (const subscription of this.#subscriptions.values()) {
      if (subscription.target !== user || subscription.event !== 'Advanced Call') continue;
      for (const call of calls) {
        const state = xsiCallStateOf(call);
        const before = subscription.told.get(call.dialog.callId);
        const type = xsiCallEventType(before?.state, state, call.direction === 'initiator');
        if (type === null) continue;
        const content = this.#callContent(user, call);
        if (state === 'Released') subscription.told.delete(call.dialog.callId);
        else subscription.told.set(call.dialog.callId, { state, content });
        this.#send(subscription, type, { call: content });
      }
      // A call gone without being seen to end (the proxy forgot it) is released all the same.
      for (const [sipCallId, told] of subscription.told) {
        if (calls.some((call) => call.dialog.callId === sipCallId)) continue;
        subscription.told.delete(sipCallId);
        this.#send(subscription, 'CallReleasedEvent', { call: { ...told.content, state: 'Released' } });
      }
    }
    for (const call of calls)
      if (xsiCallStateOf(call) === 'Released') this.options.callIds.forget(user, call.dialog.callId);
  }

  #callContent(user: string, call: UserDialog): Record<string, unknown> {
    const xsiCallId = this.options.callIds.idOf(user, call.dialog.callId);
    return xsiCallContent(call, xsiCallId, this.options.domain, this.options.nameOf);
  }

  #publish(callCenter: CallCenter, event: CallCenterEvent): void {
    const isConfiguration =
      event.type === 'ACDForcedForwardingEvent' ||
      event.type === 'ACDNightServiceEvent' ||
      event.type === 'ACDHolidayServiceEvent';
    for (const subscription of this.#subscriptions.values()) {
      if (subscription.target !== callCenter) continue;
      if ((subscription.event === 'Call Center Configuration') !== isConfiguration) continue;
      this.#send(subscription, event.type, eventContent(event));
    }
  }

  #send(subscription: Subscription, type: string, content: Record<string, unknown>): void {
    const channel = [...this.#channels.values()].find((open) => open.setId === subscription.setId);
    if (channel === undefined) return;
    const eventId = randomUUID();
    subscription.sequence += 1;
    this.#unacknowledged.add(eventId);
    channel.response.write(
      eventXml({
        eventID: eventId,
        sequenceNumber: subscription.sequence,
        userId: `${subscription.user}@${this.options.domain}`,
        externalApplicationId: 'switchboard',
        subscriptionId: subscription.id,
        channelId: channel.id,
        targetId: `${typeof subscription.target === 'string' ? subscription.target : subscription.target.config.id}@${this.options.domain}`,
        eventData: { type, content },
      }),
    );
  }

  #close(channel: Channel, isTerminated: boolean): void {
    if (isTerminated) {
      channel.response.write(
        eventXml(
          { eventID: randomUUID(), channelId: channel.id, eventData: { type: 'ChannelTerminatedEvent', content: {} } },
          'xsi:ChannelTerminatedEvent',
        ),
      );
      channel.response.end();
    } else channel.response.destroy();
    this.#forget(channel);
  }

  #forget(channel: Channel): void {
    clearInterval(channel.timer);
    this.#channels.delete(channel.id);
  }
}

function eventContent(event: CallCenterEvent): Record<string, unknown> {
  switch (event.type) {
    case 'ACDCallAddedEvent':
    case 'ACDCallPromotedEvent':
    case 'ACDCallReorderedEvent':
      return { queueEntry: queueEntryContent(event.entry), position: event.position };
    case 'ACDCallAbandonedEvent':
    case 'ACDCallReleasedEvent':
      return { queueEntry: queueEntryContent(event.entry) };
    case 'ACDCallTransferredEvent':
      return {
        queueEntry: queueEntryContent(event.entry),
        redirect: { address: `tel:${event.redirectTo}`, reason: 'transfer' },
      };
    case 'ACDForcedForwardingEvent':
    case 'ACDHolidayServiceEvent':
      return event.isActive ? { active: '' } : {};
    case 'ACDNightServiceEvent':
      return { ...(event.isActive ? { active: '' } : {}), ...(event.isForced ? { forceNightService: '' } : {}) };
  }
}

/** Every element of an event in the `xsi` prefix; types named by `xsi1:type` (XML Schema instance), as in spec §4.7. */
function eventXml(
  fields: Record<string, unknown> & { eventData: { type: string; content: Record<string, unknown> } },
  envelopeType = 'xsi:SubscriptionEvent',
): string {
  const { eventData, ...header } = fields;
  const event = {
    '@_xmlns:xsi': XSI_NAMESPACE,
    '@_xmlns:xsi1': SCHEMA_INSTANCE,
    '@_xsi1:type': envelopeType,
    ...prefixed(header),
    'xsi:eventData': { '@_xsi1:type': `xsi:${eventData.type}`, ...prefixed(eventData.content) },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'xsi:Event': event })}`;
}

function prefixed(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    result[`xsi:${key}`] = Array.isArray(child)
      ? child.map((item: unknown) => (isRecord(item) ? prefixed(item) : item))
      : isRecord(child)
        ? prefixed(child)
        : child;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
