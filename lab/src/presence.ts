import { randomBytes } from 'node:crypto';
import type { IncomingRequestMessage } from 'sip.js/lib/core';
import { responseTo } from './sip-response.ts';
import type { Connection } from './transport.ts';

export type EventPackage = 'dialog' | 'message-summary';

interface Subscription {
  readonly event: EventPackage;
  readonly resource: string;
  readonly connectionId: string;
  readonly callId: string;
  readonly ourTag: string;
  readonly theirTag: string;
  readonly subscriber: string;
  readonly contact: string;
  cseq: number;
  version: number;
  expiresAt: number;
}

export interface PresenceSource {
  /** The body and content type of a NOTIFY for this event and resource, at this version. */
  body(event: EventPackage, resource: string, version: number): { body: string; contentType: string };
}

const MAX_EXPIRES = 3600;
/** How many busy lamps one user may watch, as PBXs limit it (BroadWorks: 200 monitored users per console). */
export const DEFAULT_MAX_LAMPS_PER_USER = 1200;

/**
 * The lab's notifier (RFC 6665) for two event packages: `dialog` (busy lamps, RFC 4235) for every user, and
 * `message-summary` (voicemail, RFC 3842). A SUBSCRIBE gets a 200 and a first NOTIFY with the full state; every
 * change of a resource sends a NOTIFY to each of its subscribers.
 */
export class PresenceServer {
  readonly #subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly domain: string,
    private readonly contact: () => string,
    private readonly connectionById: (id: string) => Connection | undefined,
    private readonly source: PresenceSource,
    private readonly maxLampsPerUser = DEFAULT_MAX_LAMPS_PER_USER,
  ) {}

  subscribe(
    request: IncomingRequestMessage & { ruri: NonNullable<IncomingRequestMessage['ruri']> },
    raw: string,
    connection: Connection,
  ): void {
    const event = (request.getHeader('event') ?? '').split(';')[0]?.trim();
    if (event !== 'dialog' && event !== 'message-summary') {
      connection.send(responseTo(raw, 489, 'Bad Event', ['Allow-Events: dialog, message-summary']));
      return;
    }
    const expires = Math.min(MAX_EXPIRES, Number(request.getHeader('expires') ?? '600'));
    const key = `${request.callId}:${request.fromTag}`;
    const existing = this.#subscriptions.get(key);
    if (
      existing === undefined &&
      event === 'dialog' &&
      this.#lampsOf(request.from.uri.toString()) >= this.maxLampsPerUser
    ) {
      connection.send(responseTo(raw, 403, 'Too Many Subscriptions'));
      return;
    }
    const ourTag = existing?.ourTag ?? randomBytes(6).toString('hex');
    const contact = /<([^>]*)>/.exec(request.getHeader('contact') ?? '')?.[1] ?? '';
    const subscription: Subscription = existing ?? {
      event,
      resource: request.ruri.user ?? '',
      connectionId: connection.id,
      callId: request.callId,
      ourTag,
      theirTag: request.fromTag,
      subscriber: request.from.uri.toString(),
      contact,
      cseq: 1,
      version: 0,
      expiresAt: 0,
    };
    subscription.expiresAt = Date.now() + expires * 1000;
    connection.send(
      this.#withToTag(responseTo(raw, 200, 'OK', [`Expires: ${expires}`, `Contact: <${this.contact()}>`]), ourTag),
    );
    if (expires === 0) {
      this.#notify(subscription, 'terminated;reason=timeout');
      this.#subscriptions.delete(key);
      return;
    }
    this.#subscriptions.set(key, subscription);
    this.#notify(subscription, `active;expires=${expires}`);
  }

  /** The state of `resource` for `event` changed: tell its subscribers. */
  changed(event: EventPackage, resource: string): void {
    for (const [key, subscription] of this.#subscriptions) {
      if (subscription.expiresAt < Date.now()) {
        this.#subscriptions.delete(key);
        continue;
      }
      if (subscription.event === event && subscription.resource === resource) {
        this.#notify(subscription, `active;expires=${Math.round((subscription.expiresAt - Date.now()) / 1000)}`);
      }
    }
  }

  /**
   * Sends `content` instead of the resource's state in `subscriber`'s live subscription (the hostile peer's NOTIFYs);
   * false when there is none.
   */
  notifyWithBody(
    subscriber: string,
    event: EventPackage,
    resource: string,
    content: { body: string; contentType: string },
  ): boolean {
    const subscription = [...this.#subscriptions.values()].find(
      (candidate) =>
        candidate.subscriber === subscriber &&
        candidate.event === event &&
        candidate.resource === resource &&
        candidate.expiresAt > Date.now(),
    );
    if (subscription === undefined) return false;
    const seconds = Math.round((subscription.expiresAt - Date.now()) / 1000);
    this.#notify(subscription, `active;expires=${seconds}`, content);
    return true;
  }

  #lampsOf(subscriber: string): number {
    let count = 0;
    for (const subscription of this.#subscriptions.values())
      if (subscription.event === 'dialog' && subscription.subscriber === subscriber) count++;
    return count;
  }

  dropConnection(connectionId: string): void {
    for (const [key, subscription] of this.#subscriptions)
      if (subscription.connectionId === connectionId) this.#subscriptions.delete(key);
  }

  #notify(
    subscription: Subscription,
    state: string,
    content?: { readonly body: string; readonly contentType: string },
  ): void {
    const connection = this.connectionById(subscription.connectionId);
    if (connection === undefined) return;
    const { body, contentType } =
      content ?? this.source.body(subscription.event, subscription.resource, subscription.version++);
    const lines = [
      `NOTIFY ${subscription.contact} SIP/2.0`,
      `Via: SIP/2.0/WSS lab.invalid;branch=z9hG4bK-notify-${randomBytes(8).toString('hex')}`,
      'Max-Forwards: 70',
      `From: <sip:${subscription.resource}@${this.domain}>;tag=${subscription.ourTag}`,
      `To: <${subscription.subscriber}>;tag=${subscription.theirTag}`,
      `Call-ID: ${subscription.callId}`,
      `CSeq: ${subscription.cseq++} NOTIFY`,
      `Contact: <${this.contact()}>`,
      `Event: ${subscription.event}`,
      `Subscription-State: ${state}`,
      `Content-Type: ${contentType}`,
      `Content-Length: ${Buffer.byteLength(body, 'utf8')}`,
    ];
    connection.send(`${lines.join('\r\n')}\r\n\r\n${body}`);
  }

  #withToTag(response: string, tag: string): string {
    return response.replace(/^(To:[^\r\n]*?);tag=[^;\r\n]*/m, `$1;tag=${tag}`);
  }
}
