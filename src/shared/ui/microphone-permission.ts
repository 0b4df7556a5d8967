import { signal, type ReadonlySignal } from '@preact/signals';

export type MicrophonePermission = 'granted' | 'denied' | 'prompt' | 'unknown';

const permission = signal<MicrophonePermission>('unknown');
let isWatching = false;

/**
 * Whether this extension may use the microphone. Permission belongs to the extension's origin, so what a page of
 * ours reads holds for the phone engine too. Follows changes (the receptionist allowing it in another tab).
 */
export function microphonePermission(): ReadonlySignal<MicrophonePermission> {
  if (!isWatching) {
    isWatching = true;
    navigator.permissions
      .query({ name: 'microphone' })
      .then((status) => {
        permission.value = status.state;
        status.addEventListener('change', () => (permission.value = status.state));
      })
      .catch(() => (permission.value = 'unknown'));
  }
  return permission;
}
