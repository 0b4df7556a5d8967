/**
 * Resolves in a task of its own, after whatever was waiting (a message, an input, a frame): long work awaits it
 * between slices so that no task holds the thread for long. A posted message, not `setTimeout(0)`: timers nested
 * more than five deep wait at least 4 ms each (HTML's clamping), a quarter of the time of work done in 12 ms slices.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A clock for work done in slices: lets other messages through (`nextTask`) every `sliceMs` of work, and then, if
 * given, waits for `between` (work done only while nothing else is: until the receptionist stops typing).
 */
export class WorkSlices {
  readonly #sliceMs: number;
  readonly #between: (() => Promise<void>) | undefined;
  #start = performance.now();

  constructor(sliceMs: number, between?: () => Promise<void>) {
    this.#sliceMs = sliceMs;
    this.#between = between;
  }

  /** Lets other work through if this slice has lasted long enough. */
  async pause(): Promise<void> {
    if (performance.now() - this.#start < this.#sliceMs) return;
    await nextTask();
    await this.#between?.();
    this.#start = performance.now();
  }
}
