import type { Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import type { CallId } from '../../shared/model/call.ts';

/** Plays each call's remote audio. The engine's host document owns the audio elements. */
export interface CallMedia {
  attach(callId: CallId, session: Session): void;
  detach(callId: CallId): void;
  /** The output device calls are heard on ('' for the system default). */
  setOutputDevice(deviceId: string): void;
}

/** Remote audio into one hidden `<audio>` element per call, in the host document. */
export class AudioElementCallMedia implements CallMedia {
  readonly #elements = new Map<CallId, HTMLAudioElement>();
  #deviceId = '';

  constructor(private readonly document: Document) {}

  attach(callId: CallId, session: Session): void {
    const handler = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    const stream = handler?.remoteMediaStream;
    if (stream === undefined) return;
    let element = this.#elements.get(callId);
    if (element === undefined) {
      element = this.document.createElement('audio');
      element.autoplay = true;
      element.dataset['callId'] = callId;
      this.document.body.append(element);
      this.#elements.set(callId, element);
      void element.setSinkId(this.#deviceId).catch(() => undefined);
    }
    element.srcObject = stream;
    void element.play().catch(() => undefined);
  }

  setOutputDevice(deviceId: string): void {
    this.#deviceId = deviceId;
    for (const element of this.#elements.values()) void element.setSinkId(deviceId).catch(() => undefined);
  }

  detach(callId: CallId): void {
    const element = this.#elements.get(callId);
    if (element === undefined) return;
    element.srcObject = null;
    element.remove();
    this.#elements.delete(callId);
  }
}
