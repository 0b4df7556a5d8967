import { INITIAL_APP_STATE, type AppState, type SliceKey } from '../shared/model/app-state.ts';
import type { Logger } from '../shared/log.ts';
import type { KeyedSliceKey, StatePortMessage } from '../shared/protocol/state-port.ts';
import type { Runtime } from '../platform/browser.ts';
import { withEntries } from '../shared/protocol/engine-delta.ts';

/**
 * The background's copy of the application state and the UIs that mirror it. Each slice has one writer (see
 * AppState); the hub only stores and fans out. A UI gets a snapshot when it connects, then a patch per change: a
 * whole slice, or for a keyed slice the entries that changed.
 */
export class StateHub {
  #state: AppState = INITIAL_APP_STATE;
  /** Each UI's port, with the slices whose changes it gets (all, or those it named). */
  readonly #ports = new Map<Runtime.Port, ReadonlySet<SliceKey> | 'all'>();
  readonly #listeners = new Set<(state: AppState, key: SliceKey) => void>();

  constructor(private readonly log: Logger) {}

  /**
   * How many views showing the calls (side panel, popup) are open now: with none, an incoming call raises a
   * notification. A help or welcome page does not count: it shows no call.
   */
  get viewCount(): number {
    let count = 0;
    for (const slices of this.#ports.values()) if (slices === 'all' || slices.has('calls')) count++;
    return count;
  }

  get state(): AppState {
    return this.#state;
  }

  setSlice<K extends SliceKey>(key: K, value: AppState[K]): void {
    if (this.#state[key] === value) return;
    this.#state = { ...this.#state, [key]: value };
    this.#broadcast({ kind: 'patch', key, value } as StatePortMessage);
    for (const listener of this.#listeners) listener(this.#state, key);
  }

  /**
   * Changes some entries of a keyed slice (the calls, the lamps): the UIs get only those entries, not the whole list
   * again. Entries are matched by id; new ones go at the end; `removed` ones go.
   */
  setEntries<K extends KeyedSliceKey>(key: K, set: AppState[K], removed: readonly AppState[K][number]['id'][]): void {
    if (set.length === 0 && removed.length === 0) return;
    const entries = withEntries<AppState[K][number]>(this.#state[key], set, removed);
    this.#state = { ...this.#state, [key]: entries };
    this.#broadcast({ kind: 'entries', key, set, removed: [...removed] } as StatePortMessage);
    for (const listener of this.#listeners) listener(this.#state, key);
  }

  /** Calls `listener` after every change of a slice (the toolbar badge follows the state this way). */
  onChange(listener: (state: AppState, key: SliceKey) => void): void {
    this.#listeners.add(listener);
  }

  attach(port: Runtime.Port, slices: ReadonlySet<SliceKey> | 'all' = 'all'): void {
    try {
      port.onDisconnect.addListener(() => this.#ports.delete(port));
    } catch (error) {
      this.log.debug('a UI port closed before it was attached', error);
      return;
    }
    this.#ports.set(port, slices);
    this.#post(port, { kind: 'snapshot', state: this.#state });
  }

  #broadcast(message: StatePortMessage): void {
    for (const [port, slices] of this.#ports) {
      if (message.kind === 'snapshot' || slices === 'all' || slices.has(message.key)) this.#post(port, message);
    }
  }

  #post(port: Runtime.Port, message: StatePortMessage): void {
    try {
      port.postMessage(message);
    } catch (error) {
      // The other end went away between its disconnect and our notice of it.
      this.log.debug('dropping a closed UI port', error);
      this.#ports.delete(port);
    }
  }
}
