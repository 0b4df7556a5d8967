import { createHash } from 'node:crypto';
import type { IncomingRequestMessage } from 'sip.js/lib/core';
import type { ServiceRoute } from './feature-codes.ts';
import type { Registrar } from './registrar.ts';
import { responseTo } from './sip-response.ts';
import {
  addHeaderOnTop,
  decrementMaxForwards,
  joinMessage,
  popRouteIf,
  popVia,
  pushVia,
  setRequestUri,
  splitMessage,
  topVia,
} from './sip-text.ts';
import type { Connection } from './transport.ts';

const BRANCH_PREFIX = 'z9hG4bK-lab-';

type RoutableRequest = IncomingRequestMessage & { ruri: NonNullable<IncomingRequestMessage['ruri']> };

/**
 * A stateless, record-routing proxy between WebSocket clients (RFC 3261 §16.11). A request going on gets our Via,
 * whose branch names the connection it came from and is derived from its own branch (so a CANCEL or an ACK takes the
 * same path as its INVITE); a response loses that Via and goes back on the named connection. Initial requests are
 * routed by the location service, in-dialog ones by the contact in their Request-URI.
 */
export class Proxy {
  constructor(
    private readonly registrar: Registrar,
    private readonly recordRoute: string,
    private readonly connectionById: (id: string) => Connection | undefined,
    /** The user who answers for another name (`vm-201` is answered by the voicemail service). */
    private readonly aliasOf: (user: string) => string = (user) => user,
    /** The PBX's own services for a called user: refuse (DND) or forward (CFA). */
    private readonly serviceRouteOf: (user: string) => ServiceRoute = () => null,
    /** Told of every response the proxy gives itself (the dialog tracker ends the call it refused). */
    private readonly onLocalResponse: (raw: string) => void = () => undefined,
  ) {}

  #reply(to: Connection, response: string): void {
    to.send(response);
    this.onLocalResponse(response);
  }

  request(request: RoutableRequest, raw: string, from: Connection): void {
    const message = splitMessage(raw);
    if (decrementMaxForwards(message) < 0) {
      this.#reply(from, responseTo(raw, 483, 'Too Many Hops'));
      return;
    }
    popRouteIf(message, (route) => route.includes('lab-rr@'));
    const route = !request.toTag && request.method === 'INVITE' ? this.serviceRouteOf(request.ruri.user ?? '') : null;
    if (route?.kind === 'busy') {
      this.#reply(from, responseTo(raw, 486, 'Busy Here'));
      return;
    }
    const target = route?.kind === 'forward' ? this.#targetUser(route.to) : this.#target(request);
    if (target === null) {
      if (request.method !== 'ACK')
        this.#reply(
          from,
          responseTo(
            raw,
            request.method === 'CANCEL' ? 481 : 404,
            request.method === 'CANCEL' ? 'Call/Transaction Does Not Exist' : 'Not Found',
          ),
        );
      return;
    }
    const to = this.connectionById(target.connectionId);
    if (to === undefined) {
      if (request.method !== 'ACK') this.#reply(from, responseTo(raw, 480, 'Temporarily Unavailable'));
      return;
    }
    setRequestUri(message, target.contact);
    if (
      !request.toTag &&
      (request.method === 'INVITE' || request.method === 'SUBSCRIBE' || request.method === 'REFER')
    ) {
      addHeaderOnTop(message, 'Record-Route', `<${this.recordRoute}>`);
    }
    pushVia(message, `SIP/2.0/WSS lab.invalid;branch=${branchFor(from.id, topVia(message) ?? '', request.method)}`);
    to.send(joinMessage(message));
  }

  response(raw: string): void {
    const message = splitMessage(raw);
    const ours = popVia(message);
    const connectionId = ours === null ? null : new RegExp(`branch=${BRANCH_PREFIX}([^-;]+)-`).exec(ours)?.[1];
    const back = connectionId === null || connectionId === undefined ? undefined : this.connectionById(connectionId);
    back?.send(joinMessage(message));
  }

  #targetUser(user: string): { connectionId: string; contact: string } | null {
    return this.registrar.binding(this.aliasOf(user)) ?? null;
  }

  /** Where a request goes: a registered user (initial), or the client whose contact it names (in dialog). */
  #target(request: RoutableRequest): { connectionId: string; contact: string } | null {
    const user = request.ruri.user ?? '';
    const byContact = this.registrar.bindingByContactUser(user);
    if (byContact !== undefined && (request.toTag || request.ruri.host.endsWith('.invalid'))) return byContact;
    const byUser = this.registrar.binding(this.aliasOf(user));
    if (byUser !== undefined) return byUser;
    return byContact ?? null;
  }
}

/** A branch for the next hop: the connection back, and a digest of the incoming branch (CANCEL/ACK match it). */
function branchFor(connectionId: string, incomingVia: string, method: string): string {
  const incoming = /branch=([^;\s,]+)/i.exec(incomingVia)?.[1] ?? '';
  // A CANCEL, and the ACK of a failed INVITE, share their INVITE's branch, so they must map to the same one; the ACK
  // of a 2xx comes with a branch of its own, so it maps to a new one all the same.
  const key = method === 'ACK' || method === 'CANCEL' ? `${incoming}:INVITE` : `${incoming}:${method}`;
  const digest = createHash('sha1').update(key).digest('hex').slice(0, 16);
  return `${BRANCH_PREFIX}${connectionId}-${digest}`;
}
