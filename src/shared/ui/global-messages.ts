import { computed, signal } from '@preact/signals';

/**
 * The console's global messages area: incoming-call details, warnings and errors. The newest shows for a few seconds;
 * every message is kept (up to a limit) so the receptionist can read what was missed.
 */
export type GlobalMessageLevel = 'info' | 'warning' | 'error';

export interface GlobalMessage {
  readonly id: number;
  readonly level: GlobalMessageLevel;
  readonly text: string;
  readonly at: number;
}

const SHOWN_FOR_MS = 6000;
/** The least time a message shows before an information takes its place (the newest waiting one; all are kept). */
export const MIN_SHOWN_MS = 1500;
const KEPT = 50;

let nextId = 1;
const messages = signal<readonly GlobalMessage[]>([]);
const shownId = signal<number | null>(null);
let hideTimer: ReturnType<typeof setTimeout> | undefined;
let waitingTimer: ReturnType<typeof setTimeout> | undefined;
let shownAt = 0;

export const globalMessages = computed(() => messages.value);
export const currentMessage = computed(() => messages.value.find((message) => message.id === shownId.value) ?? null);

export function postGlobalMessage(level: GlobalMessageLevel, text: string): void {
  const message: GlobalMessage = { id: nextId++, level, text, at: Date.now() };
  messages.value = [message, ...messages.value].slice(0, KEPT);
  // An information waits for the one shown to have been readable (a call connecting at once must not wipe "Settings
  // saved" before anyone could read it); a warning or an error takes its place at once.
  const wait = level === 'info' && shownId.value !== null ? shownAt + MIN_SHOWN_MS - Date.now() : 0;
  clearTimeout(waitingTimer);
  if (wait > 0) {
    waitingTimer = setTimeout(() => show(message), wait);
    return;
  }
  show(message);
}

function show(message: GlobalMessage): void {
  shownId.value = message.id;
  shownAt = Date.now();
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (shownId.value === message.id) shownId.value = null;
  }, SHOWN_FOR_MS);
}
