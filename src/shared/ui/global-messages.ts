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
const KEPT = 50;

let nextId = 1;
const messages = signal<readonly GlobalMessage[]>([]);
const shownId = signal<number | null>(null);
let hideTimer: ReturnType<typeof setTimeout> | undefined;

export const globalMessages = computed(() => messages.value);
export const currentMessage = computed(() => messages.value.find((message) => message.id === shownId.value) ?? null);

export function postGlobalMessage(level: GlobalMessageLevel, text: string): void {
  const message: GlobalMessage = { id: nextId++, level, text, at: Date.now() };
  messages.value = [message, ...messages.value].slice(0, KEPT);
  shownId.value = message.id;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (shownId.value === message.id) shownId.value = null;
  }, SHOWN_FOR_MS);
}
