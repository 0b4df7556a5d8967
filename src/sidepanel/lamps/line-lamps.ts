import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { AppState } from '../../shared/model/app-state.ts';
import type { Lamp } from '../../shared/model/lamp.ts';

/**
 * The lamps as the console's views read them: by line, each component that shows one following that line alone. A
 * burst of lamp changes then redraws the changed badges and Pick up buttons, not their rows nor the lists around them
 * (a row drawn again whole cost the side panel most of its share of a burst of 200 NOTIFYs).
 */
export interface WatchedLamps {
  readonly lamps: ReadonlySignal<readonly Lamp[]>;
  /** `AppState.lampPeers`: the names the directories know the lamps' peers by. */
  readonly peerNames: ReadonlySignal<Readonly<Record<string, string>>>;
}

const NO_LAMPS: readonly Lamp[] = [];
const NO_PEER_NAMES: Readonly<Record<string, string>> = {};

/** The lamps of the mirrored state; each signal changes only when its slice does. */
export function watchedLampsOf(state: ReadonlySignal<AppState | null>): WatchedLamps {
  return {
    lamps: computed(() => state.value?.lamps ?? NO_LAMPS),
    peerNames: computed(() => state.value?.lampPeers ?? NO_PEER_NAMES),
  };
}

export const WatchedLampsContext = createContext<WatchedLamps>({
  lamps: signal(NO_LAMPS),
  peerNames: signal(NO_PEER_NAMES),
});

const indexes = new WeakMap<readonly Lamp[], Map<string, Lamp>>();

/** The lamp of `line` among `lamps` (each list of lamps is indexed once, however many lines are looked up in it). */
export function lampOfLine(lamps: readonly Lamp[], line: string): Lamp | undefined {
  if (lamps.length === 0) return undefined;
  let index = indexes.get(lamps);
  if (index === undefined) {
    index = new Map(lamps.map((lamp) => [lamp.id, lamp]));
    indexes.set(lamps, index);
  }
  return index.get(line);
}

/**
 * In a component: the lamp of `line` (null: no line to watch) and the name its peer is known by. The component is
 * drawn again when that lamp changes (a new object: the state keeps the others as they were), or that name.
 */
export function useLineLamp(line: string | null): { lamp: Lamp | undefined; peerName: string | undefined } {
  const { lamps, peerNames } = useContext(WatchedLampsContext);
  const lamp = useMemo(
    () => computed(() => (line === null ? undefined : lampOfLine(lamps.value, line))),
    [lamps, line],
  );
  const peerName = useMemo(
    () =>
      computed(() => {
        const peer = lamp.value?.peer;
        return peer == null ? undefined : peerNames.value[peer];
      }),
    [lamp, peerNames],
  );
  return { lamp: lamp.value, peerName: peerName.value };
}
