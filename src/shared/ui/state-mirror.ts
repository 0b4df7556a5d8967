import { signal, type ReadonlySignal } from '@preact/signals';
import { browser, type Runtime } from '../../platform/browser.ts';
import type { AppState, SliceKey } from '../model/app-state.ts';
import type { Logger } from '../log.ts';
import { applyStateMessage, parseStatePortMessage, statePortName } from '../protocol/state-port.ts';
import { BACKOFF, Backoff } from '../backoff.ts';

export interface StateMirror {
  /** The last state the background sent; null until the first snapshot. */
  readonly state: ReadonlySignal<AppState | null>;
  /** False while the port is down (the service worker restarting); the UI shows it and keeps the last state. */
  readonly isConnected: ReadonlySignal<boolean>;
  close(): void;
}

/**
 * Mirrors the background's state into signals. When the port drops — the service worker was stopped — it reconnects
 * by itself (which wakes the worker) and takes the fresh snapshot the background sends on every connection.
 */
export function openStateMirror(log: Logger, slices: readonly SliceKey[] | 'all' = 'all'): StateMirror {
  const state = signal<AppState | null>(null);
  const isConnected = signal(false);
  let port: Runtime.Port | null = null;
  const retry = new Backoff(BACKOFF.statePort);
  let isClosed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const connect = (): void => {
    if (isClosed) return;
    try {
      port = browser.runtime.connect({ name: statePortName(slices) });
    } catch (error) {
      log.warn('could not open the state port', error);
      scheduleReconnect();
      return;
    }
    port.onMessage.addListener((raw: unknown) => {
      const message = parseStatePortMessage(raw);
      if (message === null) {
        log.warn('dropped a malformed state message');
        return;
      }
      retry.reset();
      isConnected.value = true;
      state.value = applyStateMessage(state.value, message);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      isConnected.value = false;
      scheduleReconnect();
    });
  };

  const scheduleReconnect = (): void => {
    if (isClosed) return;
    retryTimer = setTimeout(connect, retry.next());
  };

  connect();
  return {
    state,
    isConnected,
    close: () => {
      isClosed = true;
      clearTimeout(retryTimer);
      port?.disconnect();
    },
  };
}
