import { Inviter, type Session, type SessionDescriptionHandlerFactory, type UserAgent } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { OfferInAdvance } from './offer-in-advance.ts';
import { promptSessionDescriptionHandler } from './prompt-session-description-handler.ts';
import { createQueueMusic } from './queue-music.ts';
import type { MicrophoneProblem } from '../../shared/model/microphone.ts';

/** The microphone could not be opened, for a reason the receptionist can act on. */
export class MicrophoneUnavailableError extends Error {
  constructor(
    readonly problem: MicrophoneProblem,
    detail: string,
  ) {
    super(`microphone ${problem}: ${detail}`);
  }
}

/**
 * What a `getUserMedia` failure means to the receptionist (Media Capture and Streams §9.2, the error names):
 * no input device (or the chosen one unplugged), the permission refused, or a device that is there but cannot be
 * read (used exclusively by another program, a driver fault).
 */
export function microphoneProblemOf(error: unknown): MicrophoneProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'blocked';
    default:
      return 'unreadable';
  }
}

/**
 * The microphone for calls. A call's audio is opened *before* its SIP step (the 200 that answers, the INVITE that
 * dials): sip.js opens it inside that step and, when it fails, answers the caller 480 and forgets the call (issue
 * #10.1). Opened first, a failure leaves the ringing call ringing and says why; the stream opened is the one the
 * call then uses, so the microphone is asked once.
 */
export interface Microphone {
  /**
   * Opens the microphone for a call that rings, so answering does not wait for it (`npm run bench`: ~7 ms of the
   * click → 200 OK). Nothing is sent before the call is answered; the stream is closed when the call ends
   * unanswered. A failure is silent here: answering opens it again, and says why when it still cannot.
   */
  warm(session: Session, constraints: MediaStreamConstraints): void;
  /** Opens the microphone for this call (or takes the one warmed); rejects with `MicrophoneUnavailableError`. */
  prepare(session: Session, constraints: MediaStreamConstraints): Promise<void>;
  /** Closes what was prepared for a call that ended before using it, and its queue music. */
  release(session: Session): void;
  /** Prepares generated music as this call's audio: a caller answered into the reception queue hears it. */
  prepareMusic(session: Session): void;
  /**
   * The call's audio becomes the microphone instead of its music (the receptionist takes the caller); rejects with
   * `MicrophoneUnavailableError`, the music going on.
   */
  switchToMicrophone(session: Session, constraints: MediaStreamConstraints): Promise<void>;
  /** The session description handlers' factory, fed by `prepare`. */
  readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  /**
   * The line registered with `userAgent` (null: it stopped): the next call placed gets an offer made ahead
   * (`offer-in-advance.ts`), which opens no microphone.
   */
  lineRegistered(userAgent: UserAgent | null): void;
  /** Called when audio inputs appear or disappear, or the permission changes: a problem may be over. */
  onChange(listener: () => void): void;
  /** Whether opening it may now work: an audio input is present and the permission is not refused. */
  mayWork(): Promise<boolean>;
}

export class BrowserMicrophone implements Microphone {
  readonly #prepared = new Map<Session, MediaStream>();
  readonly #warming = new Map<Session, Promise<MediaStream | null>>();
  readonly #music = new Map<Session, { stop(): void }>();
  readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  readonly #offerInAdvance = new OfferInAdvance((session, constraints) => this.#streamFor(session, constraints));

  constructor(private readonly devices: MediaDevices) {
    this.sessionDescriptionHandlerFactory = (session) =>
      (session instanceof Inviter ? this.#offerInAdvance.take(session) : null) ??
      promptSessionDescriptionHandler(session.userAgent, (constraints) => this.#streamFor(session, constraints));
  }

  lineRegistered(userAgent: UserAgent | null): void {
    if (userAgent === null) this.#offerInAdvance.stop();
    else this.#offerInAdvance.start(userAgent);
  }

  warm(session: Session, constraints: MediaStreamConstraints): void {
    if (this.#prepared.has(session) || this.#warming.has(session)) return;
    const warming = this.#open(constraints).then(
      (stream) => {
        // Released meanwhile (the call ended, or was answered with a stream of its own): not wanted any more.
        if (this.#warming.get(session) !== warming) {
          stopTracks(stream);
          return null;
        }
        this.#warming.delete(session);
        this.#prepared.set(session, stream);
        return stream;
      },
      () => {
        if (this.#warming.get(session) === warming) this.#warming.delete(session);
        return null;
      },
    );
    this.#warming.set(session, warming);
  }

  async prepare(session: Session, constraints: MediaStreamConstraints): Promise<void> {
    await this.#warming.get(session);
    const warmed = this.#prepared.get(session);
    const isWarm = warmed?.getAudioTracks().every((track) => track.readyState === 'live') === true;
    if (isWarm && !this.#music.has(session)) return;
    this.release(session);
    this.#prepared.set(session, await this.#open(constraints));
  }

  release(session: Session): void {
    this.#warming.delete(session);
    const stream = this.#prepared.get(session);
    this.#prepared.delete(session);
    if (stream !== undefined) stopTracks(stream);
    this.#music.get(session)?.stop();
    this.#music.delete(session);
  }

  prepareMusic(session: Session): void {
    this.release(session);
    const music = createQueueMusic();
    this.#prepared.set(session, music.stream);
    this.#music.set(session, music);
  }

  async switchToMicrophone(session: Session, constraints: MediaStreamConstraints): Promise<void> {
    const stream = await this.#open(constraints);
    const [track] = stream.getAudioTracks();
    const handler = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    const sender = handler?.peerConnection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
    if (track === undefined || sender === undefined) {
      stopTracks(stream);
      throw new MicrophoneUnavailableError('unreadable', 'the call has no audio to replace');
    }
    await sender.replaceTrack(track);
    this.#music.get(session)?.stop();
    this.#music.delete(session);
  }

  onChange(listener: () => void): void {
    this.devices.addEventListener('devicechange', listener);
    navigator.permissions
      ?.query({ name: 'microphone' })
      .then((status) => status.addEventListener('change', listener))
      .catch(() => undefined);
  }

  async mayWork(): Promise<boolean> {
    try {
      const permission = await navigator.permissions?.query({ name: 'microphone' });
      if (permission?.state === 'denied') return false;
      return (await this.devices.enumerateDevices()).some((device) => device.kind === 'audioinput');
    } catch {
      return false;
    }
  }

  /** The prepared stream for this call's first offer or answer; later ones (a device change) open their own. */
  #streamFor(session: Session, constraints: MediaStreamConstraints): Promise<MediaStream> {
    const prepared = this.#prepared.get(session);
    if (prepared !== undefined) {
      this.#prepared.delete(session);
      return Promise.resolve(prepared);
    }
    return this.#open(constraints);
  }

  async #open(constraints: MediaStreamConstraints): Promise<MediaStream> {
    try {
      return await this.devices.getUserMedia(constraints);
    } catch (error) {
      throw new MicrophoneUnavailableError(
        microphoneProblemOf(error),
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
    }
  }
}

function stopTracks(stream: MediaStream): void {
  stream.getTracks().forEach((track) => track.stop());
}
