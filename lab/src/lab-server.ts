import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './log.ts';
import { Proxy } from './proxy.ts';
import { Registrar } from './registrar.ts';
import { isRequest, isResponse, parseSip } from './sip-parse.ts';
import { responseTo } from './sip-response.ts';
import { WebSocketTransport, type Connection } from './transport.ts';
import { CallLogBook } from './call-log-book.ts';
import { DialogTracker } from './dialog-tracker.ts';
import { directedPickup } from './directed-pickup.ts';
import { dialogInfoXml, messageSummary } from './presence-bodies.ts';
import { PresenceServer } from './presence.ts';
import { isVoicemailService, Voicemail, VOICEMAIL_USER } from './voicemail.ts';
import { FEATURES_USER, FeatureCodes } from './feature-codes.ts';
import { HostilePeer } from './hostile-peer.ts';

export interface LabServerOptions {
  /** The SIP domain of the office (and the digest realm). */
  readonly domain: string;
  readonly passwordOf: (user: string) => string | undefined;
  readonly log: Logger;
  /** Plain HTTP requests on the same port (the control API). */
  readonly onHttp?: (request: IncomingMessage, response: ServerResponse) => void;
  /** How many busy lamps one user may watch before SUBSCRIBEs are refused 403 (the PBX's limit). */
  readonly maxLampsPerUser?: number;
  /** The name the office knows a user by (for call logs), or null. */
  readonly nameOf?: (user: string) => string | null;
}

/**
 * The lab PBX's SIP side: WebSocket transport, registrar and proxy. It answers OPTIONS to itself and hands every
 * other request to the proxy.
 */
export class LabServer {
  readonly registrar: Registrar;
  readonly voicemail: Voicemail;
  readonly features = new FeatureCodes();
  /** Every user's call logs, whatever phone took the call (served over XSI). */
  readonly callLogs: CallLogBook;
  /** Fault injection: the lab as a hostile server or peer towards one user (tests, and the control API). */
  readonly hostile: HostilePeer;
  readonly #tracker: DialogTracker;
  readonly #callListeners: ((users: readonly string[]) => void)[] = [];
  /** Each user's calls as the proxy follows them (XSI's call events are told from them). */
  readonly calls = {
    of: (user: string) => this.#tracker.dialogsOf(user),
    onChanged: (listener: (users: readonly string[]) => void) => void this.#callListeners.push(listener),
  };
  readonly #presence: PresenceServer;
  readonly #transport: WebSocketTransport;
  #proxy: Proxy | null = null;
  #port = 0;
  readonly #requestCounts = new Map<string, number>();

  constructor(private readonly options: LabServerOptions) {
    this.registrar = new Registrar(options.domain, options.passwordOf);
    this.#transport = new WebSocketTransport(
      {
        onMessage: (connection, data) => this.#onMessage(connection, data),
        onClose: (connection) => {
          this.registrar.dropConnection(connection.id);
          this.#presence.dropConnection(connection.id);
        },
      },
      options.onHttp,
    );
    this.#presence = new PresenceServer(
      options.domain,
      () => this.#ownUri(),
      (id) => this.#transport.connection(id),
      {
        body: (event, resource, version) =>
          event === 'dialog'
            ? {
                body: dialogInfoXml(
                  `sip:${resource}@${options.domain}`,
                  version,
                  this.#tracker.dialogsOf(resource),
                  options.domain,
                ),
                contentType: 'application/dialog-info+xml',
              }
            : {
                body: messageSummary(
                  `sip:${resource}@${options.domain}`,
                  this.voicemail.counts(resource).newMessages,
                  this.voicemail.counts(resource).oldMessages,
                ),
                contentType: 'application/simple-message-summary',
              },
      },
      options.maxLampsPerUser,
    );
    this.callLogs = new CallLogBook(options.nameOf ?? (() => null));
    this.#tracker = new DialogTracker(
      (users) => {
        users.forEach((user) => this.#presence.changed('dialog', user));
        for (const listener of this.#callListeners) listener(users);
      },
      (user) => this.registrar.userOfContact(user) ?? user,
      (dialog) => this.callLogs.ended(dialog),
    );
    this.voicemail = new Voicemail((user) => this.#presence.changed('message-summary', user));
    this.hostile = new HostilePeer(
      options.domain,
      () => this.#ownUri(),
      this.registrar,
      (id) => this.#transport.connection(id),
      this.#presence,
    );
  }

  async listen(port = 0): Promise<number> {
    this.#port = await this.#transport.listen(port);
    this.#proxy = this.#createProxy();
    return this.#port;
  }

  /**
   * A client connected in memory, without a socket or a port (the engine's fast tests): `send` writes to it; its
   * text goes to `receive`, its end to `close`.
   */
  connectInMemory(send: (data: string) => void): { receive(text: string): void; close(): void } {
    this.#proxy ??= this.#createProxy();
    return this.#transport.accept(send);
  }

  #createProxy(): Proxy {
    return new Proxy(
      this.registrar,
      `sip:lab-rr@127.0.0.1:${this.#port};transport=ws;lr`,
      (id) => this.#transport.connection(id),
      (user) => (isVoicemailService(user) ? VOICEMAIL_USER : FeatureCodes.isCode(user) ? FEATURES_USER : user),
      (user) => this.features.routeFor(user),
      (raw) => {
        const response = parseSip(raw);
        if (response !== undefined && isResponse(response)) this.#tracker.response(response);
      },
    );
  }

  /** The lab's own SIP URI (the Contact of what it sends as a server). */
  #ownUri(): string {
    return `sip:lab@127.0.0.1:${this.#port};transport=ws`;
  }

  get webSocketUrl(): string {
    return `ws://127.0.0.1:${this.#port}/ws`;
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  /** How many requests of this method reached the lab (tests count what a console sent). */
  requestCount(method: string): number {
    return this.#requestCounts.get(method) ?? 0;
  }

  #onMessage(connection: Connection, data: string): void {
    const message = parseSip(data);
    if (message === undefined) {
      this.options.log.warn(`dropped an unparsable message from ${connection.id}`);
      return;
    }
    if (isResponse(message)) {
      if (this.hostile.takeResponse(message)) return;
      this.#tracker.response(message);
      this.#proxy?.response(data);
      return;
    }
    if (!isRequest(message)) return;
    this.#requestCounts.set(message.method, (this.#requestCounts.get(message.method) ?? 0) + 1);
    if (message.method === 'REGISTER') {
      connection.send(this.hostile.takeRegisterRefusal(data) ?? this.registrar.register(message, data, connection));
      return;
    }
    if (message.method === 'OPTIONS' && !message.ruri.user) {
      connection.send(responseTo(data, 200, 'OK'));
      return;
    }
    if (message.method === 'SUBSCRIBE') {
      this.#presence.subscribe(message, data, connection);
      return;
    }
    const pickup = directedPickup(message, data, this.#tracker);
    if (pickup?.kind === 'not-ringing') {
      connection.send(responseTo(data, 480, 'Nothing Ringing There'));
      return;
    }
    const forwarded = pickup?.raw ?? data;
    const request = pickup === null ? message : parseSip(pickup.raw);
    if (request === undefined || !isRequest(request)) return;
    this.#tracker.request(request);
    this.#proxy?.request(request, forwarded, connection);
  }
}
