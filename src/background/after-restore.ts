import type { Logger } from '../shared/log.ts';

/**
 * Wraps a browser-event listener so that it acts only once the wake-up restore is done. A service worker woken by the
 * event (a keyboard shortcut, a menu click, a notification button) must register the listener at once, before its
 * first await, or the event is lost; but the state it acts on (the calls, pending confirmations) is not back yet
 * (issue #10.7). The listener is registered now and runs after `restored`.
 */
export function afterRestore<Args extends unknown[]>(
  restored: Promise<void>,
  log: Logger,
  what: string,
  listener: (...args: Args) => unknown,
): (...args: Args) => void {
  return (...args) => {
    restored
      .then(() => listener(...args))
      .catch((error: unknown) => log.warn(`${what} failed`, error instanceof Error ? error.message : error));
  };
}
