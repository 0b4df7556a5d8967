import { computed } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { clock, formatElapsed, useClockTicking } from './use-clock.ts';

/**
 * How long it has been since `since` (epoch ms), as a `<time>` that ticks each second by itself: its text and its
 * `datetime` are bound to the clock's signal, so nothing around it is drawn again (a wall of 200 talking lamps drew
 * 200 badges again every second).
 */
export function ElapsedTime({ since, class: className, testId }: { since: number; class: string; testId?: string }) {
  useClockTicking();
  const elapsed = useMemo(() => computed(() => Math.max(0, clock.value - since)), [since]);
  const text = useMemo(() => computed(() => formatElapsed(elapsed.value)), [elapsed]);
  const dateTime = useMemo(() => computed(() => `PT${Math.floor(elapsed.value / 1000)}S`), [elapsed]);
  return (
    <time class={className} dateTime={dateTime} data-testid={testId}>
      {text}
    </time>
  );
}
