import type { BodyAndContentType, SessionDescriptionHandlerModifier, UserAgent } from 'sip.js';
import {
  defaultPeerConnectionConfiguration,
  SessionDescriptionHandler,
  type MediaStreamFactory,
  type SessionDescriptionHandlerConfiguration,
  type SessionDescriptionHandlerFactoryOptions,
  type SessionDescriptionHandlerOptions,
} from 'sip.js/lib/platform/web';

/**
 * After the first UDP candidate, how long the other interfaces' UDP candidates get to come: Chrome gathers them in
 * one burst (well under a millisecond apart on a desk machine), so this only guards a slow interface.
 */
export const UDP_BURST_GRACE_MS = 10;

/** Whether a candidate line (`candidate:…`) is one worth waiting for with these ICE servers. */
export function isCandidateEnough(candidate: string, hasIceServers: boolean): boolean {
  const [, , protocol, , , , , type] = candidate.split(' ');
  if (protocol?.toLowerCase() !== 'udp') return false;
  // With a STUN or TURN server the PBX may only reach us through it: wait for its candidate.
  return hasIceServers ? type === 'srflx' || type === 'relay' : type === 'host';
}

/**
 * A description made ahead (`prepareAnswer`, `prepareOffer`), and how far sip.js has used it: `made` (the work may
 * still run), `taking` (the call is answered or placed: the microphone goes on the sender), `handed-out` (sent;
 * every later negotiation is sip.js's own).
 */
interface InAdvance {
  /** For an answer, the offer it answers (null for an offer made ahead). */
  readonly offer: string | null;
  /** The descriptions set and the candidates gathered; a failure is the answer's (the offer is unusable). */
  readonly ready: Promise<void>;
  stage: 'made' | 'taking' | 'handed-out';
}

/**
 * sip.js's handler, but the SDP goes out once the candidates that matter are in, not when gathering completes, and a
 * ringing call's answer, or the next call's offer, may be made ahead (issue #18).
 *
 * Candidates: Chrome gathers UDP host candidates at once and TCP ones about 100–120 ms later (measured: `npm run
 * bench`, click → INVITE); a PBX's media relay answers on UDP, and sip.js does not trickle, so the TCP candidates only
 * cost every INVITE and every answer that wait. With no ICE server the first UDP host candidate (and the same burst's
 * others) is enough; with one, a server-reflexive or relayed UDP candidate. Gathering completing, or sip.js's
 * timeout, still ends the wait as before.
 *
 * Made ahead: the steps are sip.js's own but one — the microphone is not on the sender yet, so nothing is sent before
 * the call is answered or placed; then it is put there (`setLocalMediaStream`, no new negotiation) and the
 * description made is sent.
 */
export class PromptSessionDescriptionHandler extends SessionDescriptionHandler {
  readonly #hasIceServers: boolean;
  #inAdvance: InAdvance | undefined;

  constructor(
    logger: ConstructorParameters<typeof SessionDescriptionHandler>[0],
    mediaStreamFactory: MediaStreamFactory,
    configuration: SessionDescriptionHandlerConfiguration,
  ) {
    super(logger, mediaStreamFactory, configuration);
    this.#hasIceServers = (configuration.peerConnectionConfiguration?.iceServers ?? []).length > 0;
  }

  /** Nothing negotiated or made ahead yet on this handler's connection. */
  get #isUntouched(): boolean {
    const connection = this.peerConnection;
    return (
      this.#inAdvance === undefined &&
      connection?.signalingState === 'stable' &&
      connection.remoteDescription === null &&
      connection.localDescription === null
    );
  }

  #gatherCandidates(): Promise<void> {
    return this.waitForIceGatheringComplete(false, this.sessionDescriptionHandlerConfiguration?.iceGatheringTimeout);
  }

  /**
   * Makes the answer to a ringing call's `offer` before the receptionist answers (click → 200 OK ≤ 30 ms: the offer
   * and answer set and the candidates gathered were ~30 of the ~45 ms). The browser may check the path to the caller
   * meanwhile; no audio goes along it.
   */
  prepareAnswer(offer: string, modifiers?: SessionDescriptionHandlerModifier[]): void {
    if (!this.#isUntouched) return;
    const ready = this.applyModifiers({ type: 'offer', sdp: offer }, modifiers)
      .then((description) => this.setRemoteSessionDescription(description))
      .then(() => this.updateDirection())
      .then(() => this.createLocalOfferOrAnswer())
      .then((description) => this.applyModifiers(description, modifiers))
      .then((description) => this.setLocalSessionDescription(description))
      .then(() => this.#gatherCandidates());
    // Its failure is told by the answer that uses it (and by nothing when the call is not answered).
    ready.catch(() => undefined);
    this.#inAdvance = { offer, ready, stage: 'made' };
  }

  /**
   * Makes an offer for a call not placed yet (`offer-in-advance.ts`: click → INVITE ≤ 50 ms; the offer set and its
   * candidates gathered were ~60 of the ~80 ms). Resolves once it is ready; nothing is sent before the call is placed.
   */
  prepareOffer(): Promise<void> {
    const connection = this.peerConnection;
    if (connection === undefined || !this.#isUntouched) return Promise.reject(new Error('already negotiating'));
    connection.addTransceiver('audio', { direction: 'sendrecv' });
    const ready = this.createLocalOfferOrAnswer()
      .then((description) => this.setLocalSessionDescription(description))
      .then(() => this.#gatherCandidates());
    // Told to the caller, who hands out only an offer that is ready; this copy is awaited by no one else.
    ready.catch(() => undefined);
    this.#inAdvance = { offer: null, ready, stage: 'made' };
    return ready;
  }

  override async setDescription(
    sdp: string,
    options?: SessionDescriptionHandlerOptions,
    modifiers?: SessionDescriptionHandlerModifier[],
  ): Promise<void> {
    const inAdvance = this.#inAdvance;
    if (inAdvance?.stage !== 'made' || inAdvance.offer !== sdp) return super.setDescription(sdp, options, modifiers);
    inAdvance.stage = 'taking';
    await inAdvance.ready;
    await this.getLocalMediaStream(options);
  }

  override async getDescription(
    options?: SessionDescriptionHandlerOptions,
    modifiers?: SessionDescriptionHandlerModifier[],
  ): Promise<BodyAndContentType> {
    const inAdvance = this.#inAdvance;
    const isAnswerTaken = inAdvance?.offer !== null && inAdvance?.stage === 'taking';
    const isOfferWanted = inAdvance?.offer === null && inAdvance.stage === 'made';
    if (inAdvance === undefined || !(isAnswerTaken || isOfferWanted)) return super.getDescription(options, modifiers);
    if (isOfferWanted) {
      inAdvance.stage = 'taking';
      await inAdvance.ready;
      if ((modifiers ?? []).length > 0 || options?.hold === true || options?.offerOptions?.iceRestart === true) {
        // An offer the one made ahead is not (the console asks none such of a first offer): made again, in full.
        inAdvance.stage = 'handed-out';
        await this.peerConnection?.setLocalDescription({ type: 'rollback' });
        return super.getDescription(options, modifiers);
      }
      await this.getLocalMediaStream(options);
    }
    inAdvance.stage = 'handed-out';
    const description = await this.getLocalSessionDescription();
    return { body: description.sdp, contentType: 'application/sdp' };
  }

  /**
   * The call's audio on the sender its description made ahead left without a track. sip.js's own way would add a
   * second sender (the first, once negotiated, cannot be reused), which needs another negotiation.
   */
  protected override async setLocalMediaStream(stream: MediaStream): Promise<void> {
    const [track] = stream.getAudioTracks();
    const sender =
      this.#inAdvance?.stage === 'taking'
        ? this.peerConnection
            ?.getTransceivers()
            .find((transceiver) => transceiver.receiver.track.kind === 'audio' && transceiver.sender.track === null)
            ?.sender
        : undefined;
    if (track === undefined || sender === undefined) return super.setLocalMediaStream(stream);
    await sender.replaceTrack(track);
    this.localMediaStream.addTrack(track);
    // As sip.js tells of a track it adds (a stream does not tell of `addTrack` by itself).
    this.localMediaStream.dispatchEvent(new MediaStreamTrackEvent('addtrack', { track }));
  }

  override waitForIceGatheringComplete(restart = false, timeout = 0): Promise<void> {
    const waiting = super.waitForIceGatheringComplete(restart, timeout);
    const connection = this.peerConnection;
    if (connection === undefined || connection.iceGatheringState === 'complete') return waiting;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const enough = () => {
      if (grace !== undefined) return;
      grace = setTimeout(() => {
        connection.removeEventListener('icecandidate', onCandidate);
        // Ends sip.js's own wait (its timeout path): the SDP it then reads holds the candidates so far.
        if (connection.iceGatheringState !== 'complete') this.iceGatheringComplete();
      }, UDP_BURST_GRACE_MS);
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent) => {
      if (event.candidate !== null && isCandidateEnough(event.candidate.candidate, this.#hasIceServers)) enough();
    };
    connection.addEventListener('icecandidate', onCandidate);
    // Candidates gathered before the wait began are already in the local description.
    const gathered = connection.localDescription?.sdp.match(/^a=(candidate:.*)$/gm) ?? [];
    if (gathered.some((line) => isCandidateEnough(line.slice(2), this.#hasIceServers))) enough();
    const stopWatching = () => {
      clearTimeout(grace);
      connection.removeEventListener('icecandidate', onCandidate);
    };
    waiting.then(stopWatching, stopWatching);
    return waiting;
  }
}

/** A prompt handler for `userAgent`'s calls, as sip.js's default factory makes its own (its defaults: 5 s). */
export function promptSessionDescriptionHandler(
  userAgent: UserAgent,
  mediaStreamFactory: MediaStreamFactory,
): PromptSessionDescriptionHandler {
  const options = userAgent.configuration.sessionDescriptionHandlerFactoryOptions as
    SessionDescriptionHandlerFactoryOptions | undefined;
  return new PromptSessionDescriptionHandler(userAgent.getLogger('sip.SessionDescriptionHandler'), mediaStreamFactory, {
    iceGatheringTimeout: options?.iceGatheringTimeout ?? 5000,
    peerConnectionConfiguration: {
      ...defaultPeerConnectionConfiguration(),
      ...options?.peerConnectionConfiguration,
    },
  });
}
