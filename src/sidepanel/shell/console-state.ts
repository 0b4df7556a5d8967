import { computed, type ReadonlySignal } from '@preact/signals';
import type { AppState, SliceKey } from '../../shared/model/app-state.ts';

/**
 * The state the console's page is drawn from: everything but the busy lamps, which each lamp, Pick up button and
 * park slot reads by line (`lamps/line-lamps.ts`). A lamp change then leaves the page as drawn and redraws only what
 * shows that lamp (a burst of 200 NOTIFYs reaches the page as one lamp message per batch of the engine, and each drew
 * the whole console again).
 */
export type ConsoleState = Omit<AppState, 'lamps' | 'lampPeers'>;

const LAMP_SLICES: ReadonlySet<SliceKey> = new Set(['lamps', 'lampPeers']);

/** The mirrored state as `ConsoleState`: a new value only when a slice other than the lamps changed. */
export function consoleStateOf(state: ReadonlySignal<AppState | null>): ReadonlySignal<ConsoleState | null> {
  let drawnFrom: AppState | null = null;
  let drawn: ConsoleState | null = null;
  return computed(() => {
    const current = state.value;
    if (current === null) return (drawnFrom = drawn = null);
    const isSame =
      drawnFrom !== null &&
      drawn !== null &&
      (Object.keys(current) as SliceKey[]).every((key) => LAMP_SLICES.has(key) || drawnFrom?.[key] === current[key]);
    drawnFrom = current;
    if (isSame && drawn !== null) return drawn;
    const { lamps: _lamps, lampPeers: _lampPeers, ...rest } = current;
    drawn = rest;
    return drawn;
  });
}
