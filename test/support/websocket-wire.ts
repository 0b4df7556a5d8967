import type { CDPSession, Target } from 'puppeteer-core';

/** One event of the SIP WebSocket as the page saw it, stamped when the test heard of it. */
export interface WireEvent {
  readonly at: number;
  readonly kind: 'opened' | 'closed' | 'sent' | 'received';
  readonly text: string;
}

/**
 * Every WebSocket frame a page (the engine's offscreen document) sends and receives, read through the DevTools
 * protocol: the SIP messages exactly as they crossed, for figures no log gives (REGISTER attempts, overlapping
 * transactions, the moment the 200 came back).
 */
export class WebSocketWire {
  readonly events: WireEvent[] = [];
  /**
   * When each WebSocket's opening handshake was sent, on the browser's own monotonic clock (ms): the events' `at` is
   * when the test heard of them, which a busy machine can bunch up or spread by tens of milliseconds.
   */
  readonly #handshakesAt: number[] = [];

  private constructor(private readonly devtools: CDPSession) {}

  static async attach(target: Target): Promise<WebSocketWire> {
    const devtools = await target.createCDPSession();
    const wire = new WebSocketWire(devtools);
    const record = (kind: WireEvent['kind'], text = '') => wire.events.push({ at: Date.now(), kind, text });
    devtools.on('Network.webSocketCreated', () => record('opened'));
    devtools.on('Network.webSocketWillSendHandshakeRequest', ({ timestamp }) =>
      wire.#handshakesAt.push(timestamp * 1000),
    );
    devtools.on('Network.webSocketClosed', () => record('closed'));
    devtools.on('Network.webSocketFrameSent', ({ response }) => record('sent', response.payloadData));
    devtools.on('Network.webSocketFrameReceived', ({ response }) => record('received', response.payloadData));
    await devtools.send('Network.enable');
    return wire;
  }

  /** REGISTER requests sent since `since`. */
  registersSent(since = 0): WireEvent[] {
    return this.events.filter(
      (event) => event.at >= since && event.kind === 'sent' && event.text.startsWith('REGISTER '),
    );
  }

  /** The first 200 OK to a REGISTER received at or after `since`, or null. */
  registeredAt(since: number): number | null {
    const ok = this.events.find(
      (event) =>
        event.at >= since &&
        event.kind === 'received' &&
        event.text.startsWith('SIP/2.0 200') &&
        /^CSeq:\s*\d+\s+REGISTER\s*$/im.test(event.text),
    );
    return ok?.at ?? null;
  }

  /**
   * REGISTERs sent while an earlier one on the same connection still awaited its final answer (a transaction on a
   * connection that closed is over: the server never had it, or forgot it).
   */
  overlappingRegisters(): number {
    let open = new Set<string>();
    let overlaps = 0;
    for (const event of this.events) {
      if (event.kind === 'opened' || event.kind === 'closed') open = new Set();
      const cseq = /^CSeq:\s*(\d+)\s+REGISTER\s*$/im.exec(event.text)?.[1];
      if (cseq === undefined) continue;
      if (event.kind === 'sent' && event.text.startsWith('REGISTER ')) {
        if (open.size > 0 && !open.has(cseq)) overlaps++;
        open.add(cseq);
      } else if (event.kind === 'received' && /^SIP\/2\.0 [2-6]\d\d/.test(event.text)) {
        open.delete(cseq);
      }
    }
    return overlaps;
  }

  /** The most connection attempts (WebSocket handshakes sent) within any one second, on the browser's clock. */
  maxConnectionsPerSecond(): number {
    const opened = this.#handshakesAt;
    let most = 0;
    for (let first = 0, last = 0; last < opened.length; last++) {
      while ((opened[last] as number) - (opened[first] as number) >= 1000) first++;
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /** The subscriptions the page holds after the events up to `until` (see `subscriptionsHeld`). */
  subscriptionsHeld(until = Number.POSITIVE_INFINITY): Set<string> {
    return subscriptionsHeld(this.events, until);
  }

  detach(): Promise<void> {
    return this.devtools.detach();
  }
}

/** A header's value in a SIP message (by its full or compact name), or null. */
function headerOf(message: string, name: string, compact?: string): string | null {
  const names = compact === undefined ? name : `${name}|${compact}`;
  return new RegExp(`^(?:${names})[ \\t]*:[ \\t]*(.*?)\\s*$`, 'im').exec(message)?.[1] ?? null;
}

/** A message's event package with its id, as one name (`dialog`, `refer;id=3`). */
function eventOf(message: string): string {
  const [eventPackage = '', ...parameters] = (headerOf(message, 'Event', 'o') ?? '').split(';');
  const id = parameters.map((parameter) => /^\s*id\s*=\s*(.*)$/i.exec(parameter)?.[1]).find(Boolean);
  return `${eventPackage.trim().toLowerCase()}${id === undefined ? '' : `;id=${id.trim()}`}`;
}

/**
 * The subscriptions (RFC 6665) the page holds after the events up to `until`: each it asked for with a SUBSCRIBE,
 * and the one each REFER it sent opens (RFC 3515), until a NOTIFY says `terminated`, the page unsubscribes
 * (Expires: 0) or the request is refused. Each is named by its Call-ID and event (with the event's id).
 */
export function subscriptionsHeld(events: readonly WireEvent[], until = Number.POSITIVE_INFINITY): Set<string> {
  const held = new Set<string>();
  /** The subscription each request the page sent would open, by its Call-ID and CSeq, to close it if refused. */
  const asked = new Map<string, string>();
  for (const event of events) {
    if (event.at > until) break;
    const callId = headerOf(event.text, 'Call-ID', 'i');
    const cseq = headerOf(event.text, 'CSeq');
    if (callId === null || cseq === null) continue;
    const [sequence, method] = cseq.split(/\s+/);
    if (event.kind === 'sent' && (method === 'SUBSCRIBE' || method === 'REFER') && event.text.startsWith(method)) {
      const name = method === 'REFER' ? `${callId} refer;id=${sequence}` : `${callId} ${eventOf(event.text)}`;
      if (method === 'SUBSCRIBE' && headerOf(event.text, 'Expires') === '0') held.delete(name);
      else held.add(name);
      asked.set(`${callId} ${cseq}`, name);
    } else if (event.kind === 'received' && /^SIP\/2\.0 [3-6]\d\d/.test(event.text)) {
      const name = asked.get(`${callId} ${cseq}`);
      if (name !== undefined) held.delete(name);
    } else if (event.kind === 'received' && event.text.startsWith('NOTIFY ')) {
      if (!/^terminated\b/i.test(headerOf(event.text, 'Subscription-State') ?? '')) continue;
      const name = `${callId} ${eventOf(event.text)}`;
      held.delete(name);
      // A NOTIFY of a REFER's subscription may leave out the id when the dialog has had one REFER (RFC 3515 §2.4.4).
      if (name === `${callId} refer`)
        for (const open of held) if (open.startsWith(`${callId} refer;`)) held.delete(open);
    }
  }
  return held;
}
