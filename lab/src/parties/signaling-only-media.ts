import { randomBytes } from 'node:crypto';
import type {
  BodyAndContentType,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';

/**
 * Signaling-only media: SDP shaped as a browser's (ICE credentials, DTLS fingerprint, BUNDLE), so a WebRTC end
 * accepts it and the call's signaling runs in full — but no packet is ever sent. For Node tests of call flows, where
 * sound is not the point; the lab's people talk with real audio (`werift-media.ts`).
 */
class SignalingOnlyHandler implements SessionDescriptionHandler {
  readonly #ufrag = randomBytes(3).toString('hex');
  readonly #pwd = randomBytes(12).toString('hex');
  readonly #fingerprint = [...randomBytes(32)]
    .map((byte) => byte.toString(16).padStart(2, '0').toUpperCase())
    .join(':');
  #hasRemoteOffer = false;
  /** The direction the far end asked for in its last description (`sendonly` when it put us on hold). */
  remoteDirection = 'sendrecv';
  readonly sentDtmf: string[] = [];

  close(): void {}

  getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    const isHold = (options as { hold?: boolean } | undefined)?.hold === true;
    const direction = isHold ? 'sendonly' : this.remoteDirection === 'sendonly' ? 'recvonly' : 'sendrecv';
    const sdp = [
      'v=0',
      `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
      's=-',
      't=0 0',
      'a=group:BUNDLE 0',
      'a=msid-semantic: WMS',
      'm=audio 9 UDP/TLS/RTP/SAVPF 0 126',
      'c=IN IP4 127.0.0.1',
      'a=rtcp:9 IN IP4 0.0.0.0',
      `a=ice-ufrag:${this.#ufrag}`,
      `a=ice-pwd:${this.#pwd}`,
      `a=fingerprint:sha-256 ${this.#fingerprint}`,
      `a=setup:${this.#hasRemoteOffer ? 'active' : 'actpass'}`,
      'a=mid:0',
      `a=${direction}`,
      'a=rtcp-mux',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:126 telephone-event/8000',
      '',
    ].join('\r\n');
    this.#hasRemoteOffer = false;
    return Promise.resolve({ body: sdp, contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    this.#hasRemoteOffer = /a=setup:actpass/.test(sdp);
    this.remoteDirection = /a=(sendonly|recvonly|inactive|sendrecv)/.exec(sdp)?.[1] ?? 'sendrecv';
    return Promise.resolve();
  }

  sendDtmf(tones: string): boolean {
    this.sentDtmf.push(tones);
    return true;
  }

  // The engine enables and disables tracks on hold and mute; there are none here.
  enableSenderTracks(): void {}
  enableReceiverTracks(): void {}
}

export const signalingOnlyHandlerFactory: SessionDescriptionHandlerFactory = () => new SignalingOnlyHandler();
