import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerModifier,
} from 'sip.js';
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

/** An answer made while its call rang (`prepareAnswer`): the offer it answers, and how far sip.js has used it. */
interface AnswerInAdvance {
  readonly offer: string;
  /** The offer set, the answer set and its candidates gathered; a failure is the answer's (the offer is unusable). */
  readonly ready: Promise<void>;
  /** sip.js asked for this offer to be set (the receptionist answered); the answer is then handed out once. */
  isTaken: boolean;
  isHandedOut: boolean;
}

/**
 * sip.js's handler, but the SDP goes out once the candidates that matter are in, not when gathering completes, and an
 * incoming call's answer may be made while it rings.
 *
 * Candidates: Chrome gathers UDP host candidates at once and TCP ones about 100–120 ms later (measured: `npm run
 * bench`, click → INVITE); a PBX's media relay answers on UDP, and sip.js does not trickle, so the TCP candidates only
 * cost every INVITE and every answer that wait. With no ICE server the first UDP host candidate (and the same burst's
 * others) is enough; with one, a server-reflexive or relayed UDP candidate. Gathering completing, or sip.js's
 * timeout, still ends the wait as before.
 */
export class PromptSessionDescriptionHandler extends SessionDescriptionHandler {
  readonly #hasIceServers: boolean;
  #inAdvance: AnswerInAdvance | undefined;

  constructor(
    logger: ConstructorParameters<typeof SessionDescriptionHandler>[0],
    mediaStreamFactory: MediaStreamFactory,
    configuration: SessionDescriptionHandlerConfiguration,
  ) {
    super(logger, mediaStreamFactory, configuration);
    this.#hasIceServers = (configuration.peerConnectionConfiguration?.iceServers ?? []).length > 0;
  }

  /**
   * Makes the answer to a ringing call's `offer` before the receptionist answers (issue #18: click → 200 OK ≤ 30 ms;
   * the offer and answer set and the candidates gathered were ~30 of the ~45 ms). The steps are sip.js's own
   * (`setDescription` then `getDescription`) but one: the microphone is not on the answer's sender yet, so nothing
   * is sent before the call is answered; answering puts it there (`setLocalMediaStream`, no new negotiation) and
   * sends the answer made. The browser may check the path to the caller meanwhile — no audio goes along it.
   */
  prepareAnswer(offer: string, modifiers?: SessionDescriptionHandlerModifier[]): void {
    const connection = this.peerConnection;
    if (this.#inAdvance !== undefined || connection?.signalingState !== 'stable' || connection.remoteDescription)
      return;
    const ready = this.applyModifiers({ type: 'offer', sdp: offer }, modifiers)
      .then((description) => this.setRemoteSessionDescription(description))
      .then(() => this.updateDirection())
      .then(() => this.createLocalOfferOrAnswer())
      .then((description) => this.applyModifiers(description, modifiers))
      .then((description) => this.setLocalSessionDescription(description))
      .then(() =>
        this.waitForIceGatheringComplete(false, this.sessionDescriptionHandlerConfiguration?.iceGatheringTimeout),
      );
    // Its failure is told by the answer that uses it (and by nothing when the call is not answered).
    ready.catch(() => undefined);
    this.#inAdvance = { offer, ready, isTaken: false, isHandedOut: false };
  }

  override async setDescription(
    sdp: string,
    options?: SessionDescriptionHandlerOptions,
    modifiers?: SessionDescriptionHandlerModifier[],
  ): Promise<void> {
    const inAdvance = this.#inAdvance;
    if (inAdvance === undefined || inAdvance.isTaken || inAdvance.offer !== sdp) {
      return super.setDescription(sdp, options, modifiers);
    }
    inAdvance.isTaken = true;
    await inAdvance.ready;
    await this.getLocalMediaStream(options);
  }

  override async getDescription(
    options?: SessionDescriptionHandlerOptions,
    modifiers?: SessionDescriptionHandlerModifier[],
  ): Promise<BodyAndContentType> {
    const inAdvance = this.#inAdvance;
    if (inAdvance === undefined || !inAdvance.isTaken || inAdvance.isHandedOut) {
      return super.getDescription(options, modifiers);
    }
    inAdvance.isHandedOut = true;
    const description = await this.getLocalSessionDescription();
    return { body: description.sdp, contentType: 'application/sdp' };
  }

  /**
   * The call's audio on the sender its answer in advance left without a track. sip.js's own way would add a second
   * sender (the first, once answered with, cannot be reused), which needs another negotiation.
   */
  protected override async setLocalMediaStream(stream: MediaStream): Promise<void> {
    const [track] = stream.getAudioTracks();
    const isAnswering = this.#inAdvance?.isTaken === true && !this.#inAdvance.isHandedOut;
    const sender = isAnswering
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

/** sip.js's default factory, making prompt handlers (same defaults: its peer connection configuration, 5 s). */
export function promptSessionDescriptionHandlerFactory(
  mediaStreamFactory: MediaStreamFactory,
): SessionDescriptionHandlerFactory {
  return (session: Session, options?: SessionDescriptionHandlerFactoryOptions) =>
    new PromptSessionDescriptionHandler(
      session.userAgent.getLogger('sip.SessionDescriptionHandler'),
      mediaStreamFactory,
      {
        iceGatheringTimeout: options?.iceGatheringTimeout ?? 5000,
        peerConnectionConfiguration: {
          ...defaultPeerConnectionConfiguration(),
          ...options?.peerConnectionConfiguration,
        },
      },
    );
}
