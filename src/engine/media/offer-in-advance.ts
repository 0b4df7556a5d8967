import type { Session, UserAgent } from 'sip.js';
import {
  promptSessionDescriptionHandler,
  type PromptSessionDescriptionHandler,
} from './prompt-session-description-handler.ts';

/** After a spare is taken, the next is made this much later: the call just placed has its own setup to do first. */
const NEXT_SPARE_AFTER_MS = 2_000;

/** A handler with its offer made, waiting for the next call placed; `session` is that call once it is taken. */
interface Spare {
  readonly handler: PromptSessionDescriptionHandler;
  readonly userAgent: UserAgent;
  isReady: boolean;
  session: Session | null;
}

/**
 * The offer of the next call placed, made before the receptionist dials (issue #18: click → INVITE ≤ 50 ms). A
 * peer connection with an audio sender but no track, its offer set and its candidates gathered: dialling only opens
 * the microphone, puts it on that sender and sends the INVITE. Made again at each registration (and its refreshes:
 * the network, and with it the candidates, may have changed since), shortly after each one is taken, and closed at
 * logout. It holds no microphone: the microphone opens when a call is placed or rings.
 */
export class OfferInAdvance {
  #userAgent: UserAgent | null = null;
  #spare: Spare | null = null;
  #nextSpare: ReturnType<typeof setTimeout> | undefined;

  /** `streamFor` opens a call's audio (`Microphone`'s stream for that session). */
  constructor(
    private readonly streamFor: (session: Session, constraints: MediaStreamConstraints) => Promise<MediaStream>,
  ) {}

  /** The line is registered with `userAgent` (or its registration refreshed): a fresh spare for its next call. */
  start(userAgent: UserAgent): void {
    this.stop();
    this.#userAgent = userAgent;
    this.#make();
  }

  /** The line stops: no spare any more. */
  stop(): void {
    clearTimeout(this.#nextSpare);
    this.#nextSpare = undefined;
    this.#userAgent = null;
    this.#spare?.handler.close();
    this.#spare = null;
  }

  /**
   * The spare's handler for a call being placed, when one is ready; null makes the call's own. (A handler sip.js
   * asks of an outgoing call is for its offer: the console's INVITEs always carry one.)
   */
  take(session: Session): PromptSessionDescriptionHandler | null {
    const spare = this.#spare;
    if (spare?.isReady !== true || spare.userAgent !== session.userAgent) return null;
    this.#spare = null;
    spare.session = session;
    clearTimeout(this.#nextSpare);
    this.#nextSpare = setTimeout(() => this.#make(), NEXT_SPARE_AFTER_MS);
    return spare.handler;
  }

  #make(): void {
    const userAgent = this.#userAgent;
    if (userAgent === null || this.#spare !== null) return;
    const handler = promptSessionDescriptionHandler(userAgent, (constraints) =>
      spare.session === null
        ? Promise.reject(new Error('no call has taken this offer'))
        : this.streamFor(spare.session, constraints),
    );
    const spare: Spare = { handler, userAgent, isReady: false, session: null };
    this.#spare = spare;
    handler.prepareOffer().then(
      () => (spare.isReady = true),
      (error: unknown) => {
        // A spare discarded meanwhile (`stop`) fails too, with its connection closed: nothing to say.
        if (this.#spare !== spare) return;
        userAgent.getLogger('sip.OfferInAdvance').warn(`no offer made ahead: ${String(error)}`);
        this.#spare = null;
        handler.close();
      },
    );
  }
}
