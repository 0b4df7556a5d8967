import { XMLParser } from 'fast-xml-parser';
import type { QueuedCall, QueuePriority } from '../model/call-queue.ts';
import { xsiCallsOf, type XsiCall } from './call-documents.ts';
import {
  checkXsiDocument,
  childOf,
  childrenOf,
  rootOf,
  text,
  XsiDocumentError,
  xsiDocument,
  type XsiNode,
} from './xsi-documents.ts';

/** `ACDPriorityType` (XSIACD.xsd) by the console's priority, 0 … 3. */
export const PRIORITY_NAMES = ['0-Highest', '1-High', '2-Medium', '3-Low'] as const;
const PRIORITIES = new Map<string, QueuePriority>(PRIORITY_NAMES.map((name, index) => [name, index as QueuePriority]));

/** Event documents carry their type in `xsi1:type` attributes (spec §4.7), so they are read with attributes. */
const eventParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

/** An `ACDQueueEntry` (XSIACD.xsd) as the console keeps it; null when it lacks the call's id. */
export function queuedCallOf(entry: XsiNode): QueuedCall | null {
  const id = text(entry, 'callId').slice(0, 256);
  if (id === '') return null;
  const remote = childOf(entry, 'remoteParty');
  const addedAt = Number(text(entry, 'addTime'));
  const bounded = (node: XsiNode, name: string, max = 256) => text(node, name).slice(0, max);
  return {
    id,
    name: bounded(remote, 'name'),
    number: addressWords(bounded(remote, 'address')),
    dnisName: bounded(entry, 'acdName'),
    dnisNumber: bounded(entry, 'acdNumber', 64),
    priority: PRIORITIES.get(text(entry, 'acdPriority')) ?? 0,
    addedAt: Number.isSafeInteger(addedAt) && addedAt > 0 ? addedAt : Date.now(),
    // Flags are present only when true (`EmptyContent`).
    isBounced: entry['bounced'] !== undefined,
    isReordered: entry['reordered'] !== undefined,
  };
}

/** `tel:+33145678901` → `+33145678901`, `sip:201@pbx` → `201`: the number a receptionist reads. */
export function addressWords(address: string): string {
  const withoutScheme = address.replace(/^(tel|sips?):/i, '');
  return withoutScheme.split(/[@;]/)[0] ?? withoutScheme;
}

function queuedCallsOf(list: XsiNode): QueuedCall[] {
  return childrenOf(list, 'queueEntry')
    .map(queuedCallOf)
    .filter((call): call is QueuedCall => call !== null);
}

/** `GET /callcenter/<id>/calls` (spec §3.5.10.1): the calls waiting, in the order they will be served. */
export function parseAcdQueue(xml: string): QueuedCall[] {
  return queuedCallsOf(childOf(rootOf(xml, 'ACDQueue'), 'queueEntries'));
}

/** `GET /user/<id>/directories/CallCenters` (spec §3.5.7.3): the call centers the user may watch. */
export function parseCallCenters(xml: string): { id: string; name: string; count: number }[] {
  return childrenOf(rootOf(xml, 'CallCenters'), 'callCenter')
    .map((row) => ({
      id: text(row, 'serviceUserID').slice(0, 256),
      name: (text(row, 'name') || text(row, 'serviceUserID')).slice(0, 256),
      count: Math.max(0, Number(text(row, 'numberCallsInQueue')) || 0),
    }))
    .filter((row) => row.id !== '');
}

/** `<Subscription>` answered to a subscription request (spec §4.6.2.8). */
export function parseSubscription(xml: string): { subscriptionId: string; expiresSeconds: number } {
  const root = rootOf(xml, 'Subscription');
  const subscriptionId = text(root, 'subscriptionId');
  if (subscriptionId === '') throw new XsiDocumentError('a Subscription without subscriptionId');
  return { subscriptionId: subscriptionId.slice(0, 256), expiresSeconds: Number(text(root, 'expires')) || 3600 };
}

/** `<QueueCallOrder>` answered to Promote and Reorder: the call's position now (1 is next). */
export function parseQueueCallOrder(xml: string): number {
  return Number(text(rootOf(xml, 'QueueCallOrder'), 'position')) || 0;
}

export const channelXml = (channelSetId: string, expiresSeconds: number) =>
  xsiDocument('Channel', { channelSetId, priority: 1, weight: 100, expires: expiresSeconds });
export const subscriptionXml = (event: string, channelSetId: string, expiresSeconds: number) =>
  xsiDocument('Subscription', { event, expires: expiresSeconds, channelSetId, applicationId: 'Switchboard' });
/** A channel's or a subscription's new lifetime (`PUT …/channel/<id>`, `PUT …/subscription/<id>`). */
export const channelRefreshXml = (expiresSeconds: number) => xsiDocument('Channel', { expires: expiresSeconds });
export const subscriptionRefreshXml = (expiresSeconds: number) =>
  xsiDocument('Subscription', { expires: expiresSeconds });
export const eventResponseXml = (eventId: string) =>
  xsiDocument('EventResponse', { eventID: eventId, statusCode: 200, reason: 'OK' });
export const acdPromoteXml = (priority: QueuePriority) =>
  xsiDocument('ACDPromote', { priority: PRIORITY_NAMES[priority] });

/** What the configuration events say of a call center's service modes (each present only when true). */
export interface AcdConfiguration {
  readonly forcedForwarding?: boolean;
  readonly holidayService?: boolean;
  readonly nightService?: boolean;
  readonly forceNightService?: boolean;
}

/** One document of an XSI-Events channel. */
export type XsiChannelDocument =
  | { readonly kind: 'channel'; readonly channelId: string; readonly expiresSeconds: number }
  | { readonly kind: 'heartbeat' }
  | { readonly kind: 'terminated'; readonly channelId: string }
  | {
      readonly kind: 'event';
      readonly eventId: string;
      readonly subscriptionId: string;
      /** The call center the event is about. */
      readonly targetId: string;
      /** The event's type without prefix (`ACDCallAddedEvent`); unknown types are the caller's to ignore. */
      readonly type: string;
      /** The queue entry it is about (ACD events), or every entry (ACDSubscriptionEvent, ACDSubscriptionResyncEvent). */
      readonly entries: readonly QueuedCall[];
      readonly position: number | null;
      readonly configuration: AcdConfiguration;
      /** A user's service (DoNotDisturbEvent, CallForwardingAlwaysEvent: its `info`), null for other events. */
      readonly service: { readonly isActive: boolean; readonly forwardTo: string } | null;
      /** The user's calls a call event speaks of (`call-documents.ts`), null for other events. */
      readonly calls: readonly XsiCall[] | null;
    };

/**
 * Reads one document of an event channel (spec §4.2.1.2, §4.7): `<Channel>`, `<ChannelHeartBeat>`, or an
 * `<xsi:Event>` whose `xsi1:type` and its `eventData`'s say what it is; an event about a call (ACD events extend
 * `ACDEvent`: one `queueEntry`) or the whole queue (`queueEntries`). Throws `XsiDocumentError` for a malformed
 * document; an unknown root reads as null (ignored).
 */
export function parseChannelDocument(xml: string): XsiChannelDocument | null {
  checkXsiDocument(xml);
  const document = eventParser.parse(xml) as XsiNode;
  if (document['Channel'] !== undefined) {
    const channel = childOf(document, 'Channel');
    const channelId = text(channel, 'channelId');
    if (channelId === '') throw new XsiDocumentError('a Channel without channelId');
    return {
      kind: 'channel',
      channelId: channelId.slice(0, 256),
      expiresSeconds: Number(text(channel, 'expires')) || 3600,
    };
  }
  if (document['ChannelHeartBeat'] !== undefined) return { kind: 'heartbeat' };
  if (document['Event'] === undefined) return null;
  const event = childOf(document, 'Event');
  const envelopeType = typeName(event);
  if (envelopeType === 'ChannelTerminatedEvent') return { kind: 'terminated', channelId: text(event, 'channelId') };
  const data = childOf(event, 'eventData');
  const type = typeName(data);
  const eventId = text(event, 'eventID');
  if (eventId === '' || type === '') throw new XsiDocumentError('an event without eventID or type');
  const single = data['queueEntry'] === undefined ? null : queuedCallOf(childOf(data, 'queueEntry'));
  const entries = single !== null ? [single] : queuedCallsOf(childOf(data, 'queueEntries'));
  const position = Number(text(data, 'position'));
  return {
    kind: 'event',
    eventId: eventId.slice(0, 256),
    subscriptionId: text(event, 'subscriptionId').slice(0, 256),
    targetId: text(event, 'targetId').slice(0, 256),
    type,
    entries,
    position: Number.isSafeInteger(position) && position > 0 ? position : null,
    configuration: configurationOf(type, data),
    service:
      type === 'DoNotDisturbEvent' || type === 'CallForwardingAlwaysEvent'
        ? {
            isActive: text(childOf(data, 'info'), 'active') === 'true',
            forwardTo: text(childOf(data, 'info'), 'forwardToPhoneNumber').slice(0, 64),
          }
        : null,
    calls: xsiCallsOf(type, data),
  };
}

/** `xsi:ACDCallAddedEvent` → `ACDCallAddedEvent` (the attribute `xsi1:type`, its prefix dropped). */
function typeName(node: XsiNode): string {
  const type = node['@_type'];
  return typeof type === 'string' ? (type.split(':').pop() ?? '') : '';
}

/** `active` is `EmptyContent` since R20.sp1 and a boolean before; `<active>false</active>` is off. */
function isInactive(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === 'false';
  if (typeof value === 'object' && value !== null) return text(value as XsiNode, 'active') === 'false';
  return false;
}

/** The service modes a configuration event says (Call Center Configuration package, spec §4.7.5); {} for others. */
function configurationOf(type: string, data: XsiNode): AcdConfiguration {
  const present = (name: string) => data[name] !== undefined && !isInactive(data[name]);
  switch (type) {
    case 'ACDConfigurationSubscriptionEvent':
      return {
        forcedForwarding: present('forcedForwarding'),
        holidayService: present('holidayService'),
        nightService: present('nightService'),
        forceNightService: present('forceNightService'),
      };
    case 'ACDForcedForwardingEvent':
      return { forcedForwarding: present('active') };
    case 'ACDHolidayServiceEvent':
      return { holidayService: present('active') };
    case 'ACDNightServiceEvent':
      return { nightService: present('active'), forceNightService: present('forceNightService') };
    default:
      return {};
  }
}
