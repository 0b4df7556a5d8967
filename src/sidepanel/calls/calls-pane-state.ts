import { batch, signal } from '@preact/signals';

/**
 * What is open in the call console (its header's tools open them, its body shows them): the call history, the call
 * trace and the dial pad. Escape closes them all.
 */
export const isHistoryOpen = signal(false);
export const isTraceOpen = signal(false);
export const isDialPadOpen = signal(false);

export function closeCallConsolePanels(): void {
  batch(() => {
    isHistoryOpen.value = false;
    isTraceOpen.value = false;
    isDialPadOpen.value = false;
  });
}
