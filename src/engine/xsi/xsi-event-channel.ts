import { Backoff, BACKOFF } from '../../shared/backoff.ts';
import type { Logger } from '../../shared/log.ts';
import {
  channelRefreshXml,
  channelXml,
  subscriptionRefreshXml,
  eventResponseXml,
  parseChannelDocument,
  parseSubscription,
  subscriptionXml,
  type XsiChannelDocument,
} from '../../shared/xsi/acd-documents.ts';
import { XsiEventStream } from '../../shared/xsi/xsi-event-stream.ts';
import { parseErrorInfo } from '../../shared/xsi/xsi-documents.ts';
import { xsiProblemOfStatus } from '../../shared/xsi/xsi-problems.ts';

const EVENTS_PATH = '/com.broadsoft.xsi-events/v2.0';
const ASYNC_PREFIX = '/com.broadsoft.async';
/** The packages each watched call center, and each monitored user, is subscribed to (spec §4.4). */
const CALL_CENTER_PACKAGES = ['Call Center Queue', 'Call Center Configuration'] as const;
const USER_PACKAGES = ['Do Not Disturb', 'Call Forwarding Always'] as const;
/** The user's own: their services, and their calls wherever they are (Advanced Call: Standard Call and redirections). */
const OWN_PACKAGES = [...USER_PACKAGES, 'Advanced Call'] as const;
const CHANNEL_EXPIRES_SECONDS = 3600;
/** Half the usual `eventTimeout` of 30 s, as the specification advises (§4.2.1.2). */
const HEARTBEAT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface XsiEventsTarget {
  /** The Xtended Services Platform's root (`https://xsp.example.com`). */
  readonly xsiUrl: string;
  /** The HTTP Basic authorization of the user (their id and password). */
  readonly authorization: string;
  /** The call centers to watch, by id. */
  readonly queueIds: readonly string[];
  /** The users whose services to follow (monitored users), by id. */
  readonly monitoredUserIds: readonly string[];
  /** The user themselves, whose services and calls to follow (null: not followed here). */
  readonly ownUserId?: string | null;
}

export interface XsiEventChannelDelegate {
  /** An event of a watched call center (already acknowledged to the server). */
  onEvent(event: Extract<XsiChannelDocument, { kind: 'event' }>): void;
  onStatus(status: 'connecting' | 'live' | 'failing', problem: string | null, detail: string | null): void;
  /** Why one call center cannot be watched (its subscription refused: not a supervisor…), or null once it is. */
  onQueueProblem(queueId: string, problem: { key: string; detail: string | null } | null): void;
}

class ChannelFailure extends Error {
  constructor(
    readonly problem: string,
    readonly detail: string | null,
  ) {
    super(detail ?? problem);
  }
}

/**
 * One XSI-Events channel (spec §4.2) for the queues the receptionist watches and the colleagues they monitor, where the phone engine lives (the
 * stream never ends, so not in a service worker that sleeps). Opens the channel (`POST …/channel`, a response read as
 * it streams, split into documents), subscribes each call center to its queue and configuration packages, each
 * monitored user to their Do Not Disturb and Call Forwarding Always, and the user to theirs and their calls, sends a
 * heartbeat every 15 s, acknowledges every event (`channel/eventresponse`), and when the stream ends or fails opens
 * it again with jittered backoff, deleting the old subscriptions and subscribing afresh: each new subscription
 * starts with the call center's full state, so the queues are re-synced and nothing is counted twice.
 */
export class XsiEventChannel {
  /** One channel set per engine: subscriptions belong to it (spec §4.2.3). */
  readonly #channelSetId = `switchboard-${crypto.randomUUID()}`;
  #target: XsiEventsTarget | null = null;
  #run: AbortController | null = null;
  /** The subscription ids of each watched call center (`queue:<id>`), monitored user (`user:<id>`) and the user (`own:<id>`). */
  readonly #subscriptions = new Map<string, readonly string[]>();
  /** What the server refused on this channel: asked again on the next channel, not on every change. */
  readonly #refused = new Set<string>();
  /** The open channel whose subscriptions are in place, while there is one. */
  #live: { readonly signal: AbortSignal } | null = null;
  /** Subscription changes, one at a time: a change made while another is on its way waits for it. */
  #subscribing: Promise<void> = Promise.resolve();
  readonly #backoff = new Backoff(BACKOFF.xsiChannel);

  constructor(
    private readonly delegate: XsiEventChannelDelegate,
    private readonly log: Logger,
    private readonly fetchFunction: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /**
   * Watches these call centers and users; null closes the channel. Another server or user opens a new channel; other
   * call centers or users on the same one only change the subscriptions, so the receptionist who stars a colleague
   * does not see the queues re-connect.
   */
  watch(target: XsiEventsTarget | null): void {
    const previous = this.#target;
    this.#target = target;
    const isEmpty =
      target === null ||
      (target.queueIds.length + target.monitoredUserIds.length === 0 && (target.ownUserId ?? null) === null);
    if (
      !isEmpty &&
      previous !== null &&
      this.#run !== null &&
      previous.xsiUrl === target.xsiUrl &&
      previous.authorization === target.authorization
    ) {
      if (this.#live !== null) void this.#serially(() => this.#reconcile(target, this.#live?.signal));
      return;
    }
    this.#run?.abort();
    this.#run = null;
    this.#live = null;
    if (previous !== null) void this.#serially(() => this.#unsubscribeAll(previous));
    if (isEmpty) return;
    const run = new AbortController();
    this.#run = run;
    this.#backoff.reset();
    void this.#keepOpen(target, run.signal);
  }

  async #keepOpen(target: XsiEventsTarget, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const delay = this.#backoff.next();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (signal.aborted) return;
      this.delegate.onStatus('connecting', null, null);
      try {
        await this.#openOnce(target, signal);
        if (!signal.aborted) this.log.info('the XSI event channel ended; opening it again');
      } catch (error) {
        if (signal.aborted) return;
        const failure =
          error instanceof ChannelFailure ? error : new ChannelFailure('error_xsi_unreachable', String(error));
        this.log.warn(`the XSI event channel failed: ${failure.problem} ${failure.detail ?? ''}`);
        this.delegate.onStatus('failing', failure.problem, failure.detail);
      }
    }
  }

  async #openOnce(target: XsiEventsTarget, signal: AbortSignal): Promise<void> {
    const response = await this.#request(target, 'POST', `${ASYNC_PREFIX}${EVENTS_PATH}/channel`, {
      body: channelXml(this.#channelSetId, CHANNEL_EXPIRES_SECONDS),
      signal,
      isStream: true,
    });
    const body = response.body;
    if (body === null) throw new ChannelFailure('error_xsi_malformed', 'the channel has no body');
    let channelId: string | null = null;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let refresh: ReturnType<typeof setInterval> | undefined;
    const documents: XsiChannelDocument[] = [];
    const stream = new XsiEventStream((xml) => {
      try {
        const document = parseChannelDocument(xml);
        if (document !== null) documents.push(document);
      } catch (error) {
        this.log.warn(`ignored a malformed XSI event: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done || signal.aborted) return;
        stream.push(chunk.value);
        for (const document of documents.splice(0)) {
          if (document.kind === 'channel' && channelId === null) {
            channelId = document.channelId;
            const id = channelId;
            heartbeat = setInterval(() => void this.#heartbeat(target, id, signal), HEARTBEAT_MS);
            // The channel and the subscriptions expire (an hour at most); a console open all day refreshes them at
            // half their life (spec §4.2.4.5, §4.2.4.7), or a server would stop sending without a word.
            const halfLife = (Math.min(document.expiresSeconds, CHANNEL_EXPIRES_SECONDS) * 1000) / 2;
            refresh = setInterval(() => void this.#refresh(target, id, signal), halfLife);
            await this.#serially(() => this.#subscribeAfresh(target, signal));
            this.#live = { signal };
            // What changed while the subscriptions were being made (nothing to do when nothing did).
            void this.#serially(() => this.#reconcile(target, signal));
            this.#backoff.reset();
            this.delegate.onStatus('live', null, null);
          } else if (document.kind === 'terminated') return;
          else if (document.kind === 'event') {
            void this.#acknowledge(target, document.eventId, signal);
            this.delegate.onEvent(document);
          }
        }
      }
    } finally {
      if (this.#live?.signal === signal) this.#live = null;
      clearInterval(heartbeat);
      clearInterval(refresh);
      await reader.cancel().catch(() => undefined);
    }
  }

  /**
   * On a new channel: ends the last channel's subscriptions and subscribes everything watched now. When everything is
   * refused, the channel is failing.
   */
  async #subscribeAfresh(target: XsiEventsTarget, signal: AbortSignal): Promise<void> {
    await this.#unsubscribeAll(target);
    const refused = await this.#reconcile(target, signal);
    if (refused !== null && this.#subscriptions.size === 0) throw refused;
  }

  /**
   * Brings the subscriptions in line with what is watched now (`this.#target`): ends those no longer watched, and
   * subscribes each new call center to its two packages and each new monitored user to theirs. A call center the
   * server refuses (not a supervisor, gone) says why on its own queue and the rest are watched; a user refused is
   * logged. Returns the last refusal.
   */
  async #reconcile(server: XsiEventsTarget, signal: AbortSignal | undefined): Promise<ChannelFailure | null> {
    const watched = this.#target ?? { queueIds: [], monitoredUserIds: [], ownUserId: null };
    const ownUserId = watched.ownUserId ?? null;
    const wanted = new Map<string, { id: string; packages: readonly string[]; isQueue: boolean }>([
      ...watched.queueIds.map((id) => [`queue:${id}`, { id, packages: CALL_CENTER_PACKAGES, isQueue: true }] as const),
      ...watched.monitoredUserIds
        .filter((id) => id !== ownUserId)
        .map((id) => [`user:${id}`, { id, packages: USER_PACKAGES, isQueue: false }] as const),
      ...(ownUserId === null
        ? []
        : [[`own:${ownUserId}`, { id: ownUserId, packages: OWN_PACKAGES, isQueue: false }] as const]),
    ]);
    for (const [key, ids] of this.#subscriptions) {
      if (wanted.has(key)) continue;
      this.#subscriptions.delete(key);
      await this.#deleteSubscriptions(server, ids);
    }
    let refused: ChannelFailure | null = null;
    for (const [key, { id, packages, isQueue }] of wanted) {
      if (this.#subscriptions.has(key) || this.#refused.has(key) || signal?.aborted !== false) continue;
      const ids: string[] = [];
      try {
        for (const eventPackage of packages) {
          const response = await this.#request(server, 'POST', `${EVENTS_PATH}/user/${encodeURIComponent(id)}`, {
            body: subscriptionXml(eventPackage, this.#channelSetId, CHANNEL_EXPIRES_SECONDS),
            signal,
          });
          ids.push(parseSubscription(await response.text()).subscriptionId);
        }
        this.#subscriptions.set(key, ids);
        if (isQueue) this.delegate.onQueueProblem(id, null);
      } catch (error) {
        await this.#deleteSubscriptions(server, ids);
        if (!(error instanceof ChannelFailure) || signal.aborted) throw error;
        this.log.warn(`could not follow ${id} over XSI: ${error.problem} ${error.detail ?? ''}`);
        if (isQueue) this.delegate.onQueueProblem(id, { key: error.problem, detail: error.detail });
        this.#refused.add(key);
        refused = error;
      }
    }
    return refused;
  }

  /** Runs one subscription change after those already on their way; a failure is the caller's, not the next one's. */
  #serially<T>(change: () => Promise<T>): Promise<T> {
    const result = this.#subscribing.then(change);
    this.#subscribing = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Ends the subscriptions of the last channel (best effort: a server that lost them has nothing to end). */
  async #unsubscribeAll(server: XsiEventsTarget): Promise<void> {
    const ids = [...this.#subscriptions.values()].flat();
    this.#subscriptions.clear();
    this.#refused.clear();
    await this.#deleteSubscriptions(server, ids);
  }

  async #deleteSubscriptions(server: XsiEventsTarget, ids: readonly string[]): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        this.#request(server, 'DELETE', `${EVENTS_PATH}/subscription/${encodeURIComponent(id)}`, {}).catch(
          () => undefined,
        ),
      ),
    );
  }

  async #heartbeat(target: XsiEventsTarget, channelId: string, signal: AbortSignal): Promise<void> {
    try {
      await this.#request(target, 'PUT', `${EVENTS_PATH}/channel/${encodeURIComponent(channelId)}/heartbeat`, {
        signal,
      });
    } catch (error) {
      // A channel the server no longer knows: open another (aborting this one ends its stream).
      if (!signal.aborted) this.log.warn('an XSI heartbeat failed', error);
      if (error instanceof ChannelFailure && error.problem === 'error_xsi_not_found') this.#reopen(signal);
    }
  }

  /** Extends the channel and every subscription by another lifetime; a refusal ends the stream (it re-opens). */
  async #refresh(target: XsiEventsTarget, channelId: string, signal: AbortSignal): Promise<void> {
    try {
      await this.#request(target, 'PUT', `${EVENTS_PATH}/channel/${encodeURIComponent(channelId)}`, {
        body: channelRefreshXml(CHANNEL_EXPIRES_SECONDS),
        signal,
      });
      for (const id of [...this.#subscriptions.values()].flat())
        await this.#request(target, 'PUT', `${EVENTS_PATH}/subscription/${encodeURIComponent(id)}`, {
          body: subscriptionRefreshXml(CHANNEL_EXPIRES_SECONDS),
          signal,
        });
    } catch (error) {
      if (signal.aborted) return;
      this.log.warn('could not refresh the XSI channel; opening it again', error);
      this.#reopen(signal);
    }
  }

  /** Opens a new channel for what is watched now, if the channel of `signal` is still the current one. */
  #reopen(signal: AbortSignal): void {
    if (this.#run?.signal !== signal) return;
    const watched = this.#target;
    this.#target = null;
    this.watch(watched);
  }

  async #acknowledge(target: XsiEventsTarget, eventId: string, signal: AbortSignal): Promise<void> {
    await this.#request(target, 'POST', `${EVENTS_PATH}/channel/eventresponse`, {
      body: eventResponseXml(eventId),
      signal,
    }).catch((error: unknown) => this.log.debug('an XSI event response failed', error));
  }

  async #request(
    target: XsiEventsTarget,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { body?: string; signal?: AbortSignal; isStream?: boolean },
  ): Promise<Response> {
    const signals = [options.signal, options.isStream === true ? undefined : AbortSignal.timeout(REQUEST_TIMEOUT_MS)];
    let response: Response;
    try {
      response = await this.fetchFunction(`${target.xsiUrl}${path}`, {
        method,
        headers: {
          Authorization: target.authorization,
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/xml; charset=UTF-8' }),
        },
        ...(options.body === undefined ? {} : { body: options.body }),
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.any(signals.filter((signal): signal is AbortSignal => signal !== undefined)),
      });
    } catch (error) {
      const isTimeout = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ChannelFailure(isTimeout ? 'error_xsi_timeout' : 'error_xsi_unreachable', null);
    }
    if (!response.ok) {
      const info = parseErrorInfo(await response.text().catch(() => ''));
      throw new ChannelFailure(xsiProblemOfStatus(response.status), info?.summary ?? String(response.status));
    }
    return response;
  }
}
