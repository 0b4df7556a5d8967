import type { Session, SessionDescriptionHandlerFactory } from 'sip.js';
import {
  defaultPeerConnectionConfiguration,
  SessionDescriptionHandler,
  type MediaStreamFactory,
  type SessionDescriptionHandlerConfiguration,
  type SessionDescriptionHandlerFactoryOptions,
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
 * sip.js's handler, but the SDP goes out once the candidates that matter are in, not when gathering completes.
 * Chrome gathers UDP host candidates at once and TCP ones about 100–120 ms later (measured: `npm run bench`, click →
 * INVITE); a PBX's media relay answers on UDP, and sip.js does not trickle, so the TCP candidates only cost every
 * INVITE and every answer that wait. With no ICE server the first UDP host candidate (and the same burst's others)
 * is enough; with one, a server-reflexive or relayed UDP candidate. Gathering completing, or sip.js's timeout, still
 * ends the wait as before.
 */
export class PromptSessionDescriptionHandler extends SessionDescriptionHandler {
  readonly #hasIceServers: boolean;

  constructor(
    logger: ConstructorParameters<typeof SessionDescriptionHandler>[0],
    mediaStreamFactory: MediaStreamFactory,
    configuration: SessionDescriptionHandlerConfiguration,
  ) {
    super(logger, mediaStreamFactory, configuration);
    this.#hasIceServers = (configuration.peerConnectionConfiguration?.iceServers ?? []).length > 0;
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
