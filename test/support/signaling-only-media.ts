/**
 * Signaling-only media for the phone engine in Node: offers and answers a fixed audio SDP (honouring hold, as
 * sip.js's WebRTC handler does) and plays nothing. With it the engine's call flows run against a real SIP server in
 * milliseconds; the browser tests cover real audio.
 */
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory, SessionDescriptionHandlerOptions } from 'sip.js';
import type { CallMedia } from '../../src/engine/call-media.ts';
import type { Ringer, RingMode } from '../../src/engine/ringer.ts';

let port = 40000;

class SignalingOnlyHandler implements SessionDescriptionHandler {
  readonly #port = port++;
  remoteDirection = 'sendrecv';
  readonly sentDtmf: string[] = [];

  close(): void {}

  getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    const direction = (options as { hold?: boolean } | undefined)?.hold === true ? 'sendonly' : 'sendrecv';
    const sdp = [
      'v=0',
      `o=- ${this.#port} 1 IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.#port} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      `a=${direction}`,
      '',
    ].join('\r\n');
    return Promise.resolve({ body: sdp, contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
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

export class SilentCallMedia implements CallMedia {
  attach(): void {}
  detach(): void {}
  setOutputDevice(): void {}
}

export class RecordingRinger implements Ringer {
  readonly modes: RingMode[] = [];
  play(mode: RingMode): void {
    if (this.modes.at(-1) !== mode) this.modes.push(mode);
  }
  setDevices(): void {}
}
