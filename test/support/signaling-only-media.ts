/**
 * Signaling-only media for the phone engine in Node: it offers and answers SDP (honouring hold, as sip.js's WebRTC
 * handler does) and plays nothing. With it the engine's call flows run against a real SIP server in milliseconds;
 * the browser tests cover real audio.
 */
import type { CallMedia } from '../../src/engine/media/call-media.ts';
import type { Ringer, RingMode } from '../../src/engine/media/ringer.ts';

import type { Microphone } from '../../src/engine/media/microphone.ts';
import { MicrophoneUnavailableError } from '../../src/engine/media/microphone.ts';
import type { MicrophoneProblem } from '../../src/shared/model/microphone.ts';
// The lab's own: SDP shaped as a browser's, which both sip.js and the lab's WebRTC parties accept.
import { signalingOnlyHandlerFactory } from '../../lab/src/parties/signaling-only-media.ts';

/** A microphone that opens nothing (the media are signaling only), or fails as a machine without one does. */
export class SignalingOnlyMicrophone implements Microphone {
  readonly sessionDescriptionHandlerFactory = signalingOnlyHandlerFactory;
  #listeners: (() => void)[] = [];

  /** What opening it fails with, as `getUserMedia` would; null: it opens. */
  problem: MicrophoneProblem | null = null;

  /** How many times it was opened for a call (answered or placed). */
  openCount = 0;
  prepare(): Promise<void> {
    this.openCount++;
    return this.problem === null
      ? Promise.resolve()
      : Promise.reject(new MicrophoneUnavailableError(this.problem, 'test'));
  }
  lineRegistered(): void {
    // Signalling-only handlers make their SDP at once: nothing to make ahead.
  }
  /** How many ringing calls had the microphone opened ahead of their answer. */
  warmCount = 0;
  warm(): void {
    this.warmCount++;
  }
  release(): void {}
  /** How many calls were given queue music, and how many taken from it to the microphone. */
  musicCount = 0;
  switchCount = 0;
  prepareMusic(): void {
    this.musicCount++;
  }
  switchToMicrophone(): Promise<void> {
    this.switchCount++;
    return this.prepare();
  }
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }
  mayWork(): Promise<boolean> {
    return Promise.resolve(this.problem === null);
  }
  /** A device plugged in (or the permission given): the engine hears of it as from the browser. */
  plugIn(): void {
    this.problem = null;
    this.#listeners.forEach((listener) => listener());
  }
}

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
