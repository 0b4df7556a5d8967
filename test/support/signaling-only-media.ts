/**
 * Signaling-only media for the phone engine in Node: it offers and answers SDP (honouring hold, as sip.js's WebRTC
 * handler does) and plays nothing. With it the engine's call flows run against a real SIP server in milliseconds;
 * the browser tests cover real audio.
 */
import type { CallMedia } from '../../src/engine/call-media.ts';
import type { Ringer, RingMode } from '../../src/engine/ringer.ts';

// The lab's own: SDP shaped as a browser's, which both sip.js and the lab's WebRTC parties accept.
export { signalingOnlyHandlerFactory } from '../../lab/src/parties/signaling-only-media.ts';

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
  splash(): void {
    this.modes.push('ring');
  }
}
