/**
 * A SIP phone we did not write (Debian's baresip or linphone), registered at the test Kamailio over plain UDP and
 * driven the way its own user interface is, for the interoperability tests of issue #17. Each phone plays a tone as
 * its microphone and records what it hears, so a test measures audio at the far end.
 */
/** Where and as whom a phone registers. */
export interface PhoneAccount {
  readonly user: string;
  readonly domain: string;
  readonly password: string;
  /** The registrar and proxy, `127.0.0.1:port` over UDP. */
  readonly proxy: string;
}

export type PhoneCallState = 'idle' | 'incoming' | 'outgoing' | 'established' | 'held' | 'closed';

export interface IndependentPhone {
  /** `baresip` or `linphone`: which program this is. */
  readonly program: string;
  /** The SIP user it is registered as, in the Kamailio domain. */
  readonly user: string;
  /** Calls `target` (a user of the domain). */
  dial(target: string): Promise<void>;
  /** Resolves when a call rings at the phone (or has already). */
  waitForIncoming(timeoutMs?: number): Promise<void>;
  answer(): Promise<void>;
  hangUp(): Promise<void>;
  /**
   * Resolves when one of the phone's calls is in `state` — for `closed`, when it has no call left. A phone being
   * transferred holds two calls for a moment: the new one, and the one it leaves.
   */
  waitForState(state: PhoneCallState, timeoutMs?: number): Promise<void>;
  /** How many calls have rung at the phone so far. */
  readonly callsReceived: number;
  /** The DTMF digits the phone has received on its calls so far, in order. */
  readonly receivedDigits: string;
  /** The loudness (RMS, 0 to 1) of what the phone has heard over the last second of its current call. */
  heardLoudness(): Promise<number>;
  /** What the phone logged, for a failing test's message. */
  readonly log: string;
  stop(): Promise<void>;
}

/** The state of each call a phone has (by the phone's own call id), and what they add up to. */
export class PhoneCalls {
  readonly #states = new Map<string, PhoneCallState>();
  readonly #rung = new Set<string>();

  set(id: string, state: PhoneCallState): void {
    this.#states.set(id, state);
    if (state === 'incoming') this.#rung.add(id);
  }

  /** How many calls have rung. */
  get received(): number {
    return this.#rung.size;
  }

  /** The call ringing at the phone, if one is. */
  get ringing(): string | undefined {
    return [...this.#states].find(([, state]) => state === 'incoming')?.[0];
  }

  /** The call the phone is talking on, else one it holds (or is held on): the newest such. */
  get live(): string | undefined {
    const calls = [...this.#states].reverse();
    return (calls.find(([, state]) => state === 'established') ?? calls.find(([, state]) => state === 'held'))?.[0];
  }

  has(state: PhoneCallState): boolean {
    if (state === 'closed') return [...this.#states.values()].every((each) => each === 'closed');
    return [...this.#states.values()].includes(state);
  }

  describe(): string {
    return JSON.stringify(Object.fromEntries(this.#states));
  }
}

/** Waits until `condition` holds, polling; fails with `describe()` in the message. */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs a phone's start-up; a phone that fails to start is stopped and the failure thrown on. Left running, it would
 * outlive the test (linphonec spins at full CPU on a closed stdin).
 */
export async function startedOrStopped<T extends { stop(): Promise<void> }>(
  phone: T,
  startUp: () => Promise<void>,
): Promise<T> {
  try {
    await startUp();
  } catch (error) {
    await phone.stop();
    throw error;
  }
  return phone;
}
