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
/** The least time a message shows before the next takes its place (all are kept in the list regardless). */
export const MIN_SHOWN_MS = 1500;
/** Informations waiting their turn, at most: when more come at once, the oldest waiting ones are only listed. */
const MAX_WAITING = 3;
const KEPT = 50;

let nextId = 1;
const messages = signal<readonly GlobalMessage[]>([]);
const shownId = signal<number | null>(null);
let hideTimer: ReturnType<typeof setTimeout> | undefined;
/** Messages posted while another was still being read: warnings and errors first, then informations; oldest first. */
let waiting: GlobalMessage[] = [];
let waitingTimer: ReturnType<typeof setTimeout> | undefined;
let shownAt = 0;

export const globalMessages = computed(() => messages.value);
export const currentMessage = computed(() => messages.value.find((message) => message.id === shownId.value) ?? null);

/**
 * Lists a message and shows it in its turn: once the one shown has been readable for `MIN_SHOWN_MS` (a feature-code
 * call connecting, or failing, at once must not wipe "Settings saved" before anyone could read it). A warning or an
 * error goes ahead of the informations still waiting.
 */
export function postGlobalMessage(level: GlobalMessageLevel, text: string): void {
  const message: GlobalMessage = { id: nextId++, level, text, at: Date.now() };
  messages.value = [message, ...messages.value].slice(0, KEPT);
  const urgent = waiting.filter((other) => other.level !== 'info');
  const informations = waiting.filter((other) => other.level === 'info');
  waiting =
    level === 'info'
      ? [...urgent, ...[...informations, message].slice(-MAX_WAITING)]
      : [...urgent, message, ...informations];
  showNextInTurn();
}

function showNextInTurn(): void {
  clearTimeout(waitingTimer);
  const next = waiting[0];
  if (next === undefined) return;
  const wait = shownId.value === null ? 0 : shownAt + MIN_SHOWN_MS - Date.now();
  if (wait > 0) {
    waitingTimer = setTimeout(showNextInTurn, wait);
    return;
  }
  waiting = waiting.slice(1);
  show(next);
  if (waiting.length > 0) waitingTimer = setTimeout(showNextInTurn, MIN_SHOWN_MS);
}

function show(message: GlobalMessage): void {
  shownId.value = message.id;
  shownAt = Date.now();
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (shownId.value === message.id) shownId.value = null;
  }, SHOWN_FOR_MS);
}
