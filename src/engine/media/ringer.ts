import type { Call } from '../../shared/model/call.ts';

/** What the receptionist hears while calls ring: a ring, or a discreet call-waiting tone when already on a call. */
export type RingMode = 'silent' | 'ring' | 'call-waiting';

export interface Ringer {
  play(mode: RingMode): void;
  /** Output devices by id ('' for the system default): the ring can sound on speakers while calls are on a headset. */
  setDevices(ringDeviceId: string, callDeviceId: string): void;
  /** One short ring (a call was forwarded: "ring splash"). */
  splash(): void;
}

/** The ring mode the calls call for. */
export function ringModeFor(calls: readonly Call[]): RingMode {
  // A transfer the colleague did not answer rings back like a new call (transfer recall).
  const isRinging = (call: Call) =>
    call.status === 'Alerting' || (call.status === 'Held' && call.recalledFrom !== null);
  if (!calls.some(isRinging)) return 'silent';
  return calls.some((call) => call.status === 'Active') ? 'call-waiting' : 'ring';
}

const SPLASH_MS = 1000;

interface Cadence {
  readonly frequencies: readonly number[];
  readonly onMs: number;
  readonly offMs: number;
  readonly gain: number;
}

// A ring (two mixed tones, 1 s on, 3 s off) and a call-waiting tone (a short, quiet beep every 3 s), synthesised so
// the extension ships no audio file. Played through an <audio> element, whose output device can be chosen.
const CADENCES: Record<Exclude<RingMode, 'silent'>, Cadence> = {
  ring: { frequencies: [440, 480], onMs: 1000, offMs: 3000, gain: 0.25 },
  'call-waiting': { frequencies: [440], onMs: 250, offMs: 2750, gain: 0.08 },
};

/** A ringer for a document with Web Audio (the offscreen document, Firefox's background page). */
export class WebAudioRinger implements Ringer {
  #mode: RingMode = 'silent';
  #output: { context: AudioContext; element: HTMLAudioElement; destination: MediaStreamAudioDestinationNode } | null =
    null;
  /** The tones sounding now, cut when the ring stops (a suspended context would go on with them when resumed). */
  #sounding: GainNode | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ringDeviceId = '';
  #callDeviceId = '';

  constructor(private readonly document: Document) {}

  setDevices(ringDeviceId: string, callDeviceId: string): void {
    this.#ringDeviceId = ringDeviceId;
    this.#callDeviceId = callDeviceId;
    if (this.#mode !== 'silent') this.#applySink(this.#mode);
  }

  splash(): void {
    if (this.#mode !== 'silent') return;
    this.play('ring');
    const element = this.#output?.element;
    if (element !== undefined) element.dataset['splash'] = String(Number(element.dataset['splash'] ?? '0') + 1);
    setTimeout(() => {
      if (this.#mode === 'ring') this.play('silent');
    }, SPLASH_MS);
  }

  play(mode: RingMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    if (this.#output !== null) this.#output.element.dataset['mode'] = mode;
    clearInterval(this.#timer);
    this.#sounding?.disconnect();
    this.#sounding = null;
    if (mode === 'silent') {
      // Between rings nothing of the ring may keep the audio device open: a running context renders silence, and a
      // paused element still holding its stream keeps an output stream — after the day's first ring, ~5% of a core
      // on the bench's machine for the rest of the day (audio service and the page's audio thread). Suspended and
      // emptied, they cost nothing.
      if (this.#output !== null) {
        this.#output.element.pause();
        this.#output.element.srcObject = null;
        void this.#output.context.suspend().catch(() => undefined);
      }
      return;
    }
    const cadence = CADENCES[mode];
    const { context, element, destination } = this.#outputMade();
    // Given again only when taken away: a new source makes the element load again (a gap in a ring going on).
    if (element.srcObject !== destination.stream) element.srcObject = destination.stream;
    this.#applySink(mode);
    void element.play().catch(() => undefined);
    const burst = () => {
      const gain = context.createGain();
      gain.gain.value = cadence.gain;
      gain.connect(destination);
      const stopAt = context.currentTime + cadence.onMs / 1000;
      for (const frequency of cadence.frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start();
        oscillator.stop(stopAt);
      }
      this.#sounding = gain;
    };
    void context.resume().catch(() => undefined);
    burst();
    this.#timer = setInterval(burst, cadence.onMs + cadence.offMs);
  }

  /** The context, its stream and the element playing it: made at the first ring, kept for the next ones. */
  #outputMade(): { context: AudioContext; element: HTMLAudioElement; destination: MediaStreamAudioDestinationNode } {
    if (this.#output !== null) return this.#output;
    const context = new AudioContext();
    const destination = context.createMediaStreamDestination();
    const element = this.document.createElement('audio');
    element.dataset['role'] = 'ringer';
    element.dataset['mode'] = this.#mode;
    // What the context is doing, beside what the element plays: the ring's cost ends with the ring.
    const showState = () => (element.dataset['audio'] = context.state);
    context.addEventListener('statechange', showState);
    showState();
    this.document.body.append(element);
    this.#output = { context, element, destination };
    return this.#output;
  }

  #applySink(mode: RingMode): void {
    // The ring goes to the ring device; the call-waiting tone to the headset, where the receptionist is talking.
    const deviceId = mode === 'ring' ? this.#ringDeviceId : this.#callDeviceId;
    void this.#output?.element.setSinkId(deviceId).catch(() => undefined);
  }
}
