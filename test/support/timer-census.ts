import type { CDPSession } from 'puppeteer-core';

/** One timer a page has set and not yet seen fire or cleared. */
export interface PendingTimer {
  readonly kind: 'timeout' | 'interval';
  /** The delay asked for, in ms. */
  readonly delay: number;
}

/**
 * Counts the timers a page holds, to tell a leak from the timers that come and go: from `install` on, every
 * `setTimeout` and `setInterval` of the page is noted until it fires (a timeout) or is cleared. Only timers set after
 * `install` are seen, so a count is compared with another taken later in the same census. The page's code calls the
 * globals when it sets a timer (the bundles do not keep their own reference), so all of it is seen.
 */
export class TimerCensus {
  private constructor(private readonly devtools: CDPSession) {}

  static async install(devtools: CDPSession): Promise<TimerCensus> {
    await devtools.send('Runtime.evaluate', { expression: `(${countTimers.toString()})()` });
    return new TimerCensus(devtools);
  }

  async pending(): Promise<PendingTimer[]> {
    const read = await devtools(this.devtools, 'globalThis.timerCensus?.() ?? null');
    if (!Array.isArray(read)) throw new Error('the timer census is not installed in this page');
    return read as PendingTimer[];
  }
}

async function devtools(session: CDPSession, expression: string): Promise<unknown> {
  const answer = await session.send('Runtime.evaluate', { expression, returnByValue: true });
  return answer.result.value as unknown;
}

/** The page's timer functions, as a browser has them (the project's types also know Node's). */
interface PageTimers {
  setTimeout(handler: (...values: unknown[]) => void, delay?: number, ...rest: unknown[]): number;
  setInterval(handler: (...values: unknown[]) => void, delay?: number, ...rest: unknown[]): number;
  clearTimeout(id?: number): void;
  clearInterval(id?: number): void;
  timerCensus?: () => PendingTimer[];
}

/** Runs in the page: wraps the four timer functions once. */
function countTimers(): void {
  const page = globalThis as unknown as PageTimers;
  if (page.timerCensus !== undefined) return;
  const pending = new Map<number, PendingTimer>();
  const setOne = page.setTimeout.bind(page);
  const setRepeating = page.setInterval.bind(page);
  const clearOne = page.clearTimeout.bind(page);
  const clearRepeating = page.clearInterval.bind(page);
  page.setTimeout = (handler, delay, ...rest) => {
    const id = setOne(
      (...values) => {
        pending.delete(id);
        if (typeof handler === 'function') handler(...values);
      },
      delay,
      ...rest,
    );
    pending.set(id, { kind: 'timeout', delay: Number(delay) || 0 });
    return id;
  };
  page.setInterval = (handler, delay, ...rest) => {
    const id = setRepeating(handler, delay, ...rest);
    pending.set(id, { kind: 'interval', delay: Number(delay) || 0 });
    return id;
  };
  // The two clear functions take each other's ids in browsers (one list of timers).
  page.clearTimeout = (id) => {
    if (id !== undefined) pending.delete(id);
    clearOne(id);
  };
  page.clearInterval = (id) => {
    if (id !== undefined) pending.delete(id);
    clearRepeating(id);
  };
  page.timerCensus = () => [...pending.values()];
}
