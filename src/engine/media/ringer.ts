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
  #context: AudioContext | null = null;
  #element: HTMLAudioElement | null = null;
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
    if (this.#element !== null)
      this.#element.dataset['splash'] = String(Number(this.#element.dataset['splash'] ?? '0') + 1);
    setTimeout(() => {
      if (this.#mode === 'ring') this.play('silent');
    }, SPLASH_MS);
  }

  play(mode: RingMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    if (this.#element !== null) this.#element.dataset['mode'] = mode;
    clearInterval(this.#timer);
    if (mode === 'silent') {
      this.#element?.pause();
      return;
    }
    const cadence = CADENCES[mode];
    const { context, element, destination } = this.#output();
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
    };
    void context.resume().catch(() => undefined);
    burst();
    this.#timer = setInterval(burst, cadence.onMs + cadence.offMs);
  }

  #output(): { context: AudioContext; element: HTMLAudioElement; destination: MediaStreamAudioDestinationNode } {
    this.#context ??= new AudioContext();
    const destination = this.#context.createMediaStreamDestination();
    if (this.#element === null) {
      this.#element = this.document.createElement('audio');
      this.#element.dataset['role'] = 'ringer';
      this.#element.dataset['mode'] = this.#mode;
      this.document.body.append(this.#element);
    }
    this.#element.srcObject = destination.stream;
    return { context: this.#context, element: this.#element, destination };
  }

  #applySink(mode: RingMode): void {
    // The ring goes to the ring device; the call-waiting tone to the headset, where the receptionist is talking.
    const deviceId = mode === 'ring' ? this.#ringDeviceId : this.#callDeviceId;
    void this.#element?.setSinkId(deviceId).catch(() => undefined);
  }
}
