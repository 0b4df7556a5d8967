import { signal, type ReadonlySignal } from '@preact/signals';
import { useLayoutEffect } from 'preact/hooks';

/**
 * One clock for every running timer of a view (call timers, a wall of 200 busy lamps): a signal of the current time
 * that ticks once a second while at least one component uses it, so a view pays for one interval, not one per timer.
 */
const now = signal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** The current time in ms, ticking each second while `isTicking` (re-rendering only the components that read it). */
export function useClock(isTicking = true): number {
  useClockTicking(isTicking);
  return isTicking ? now.value : Date.now();
}

/**
 * Keeps the clock ticking while the component wants it, without reading it: for text bound to `clock` (an
 * `ElapsedTime`), which changes by itself and leaves its component as drawn.
 */
export function useClockTicking(isTicking = true): void {
  // Before the frame is painted: a clock stopped since its last user would have the first frame show a stale time.
  useLayoutEffect(() => {
    if (!isTicking) return undefined;
    if (users++ === 0) {
      now.value = Date.now();
      timer = setInterval(() => (now.value = Date.now()), 1000);
    }
    return () => {
      if (--users === 0) clearInterval(timer);
    };
  }, [isTicking]);
}

/** The clock's signal, current while some component keeps it ticking (`useClockTicking`). */
export const clock: ReadonlySignal<number> = now;

/** `h:mm:ss`, or `m:ss` under an hour: how long something has lasted. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
