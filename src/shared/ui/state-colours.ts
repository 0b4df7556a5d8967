import type { VisualState } from './visual-state.ts';

/**
 * The colour of each line and call state in the light and the dark theme: the same values as the `--state-*` tokens
 * of base.css (a unit test keeps them equal), for what CSS cannot reach — the toolbar icon and its badge.
 */
export const STATE_COLOURS: Record<VisualState, { readonly light: string; readonly dark: string }> = {
  idle: { light: '#1a7f37', dark: '#3fb950' },
  ringing: { light: '#9a5b00', dark: '#e3b341' },
  talking: { light: '#c21f2b', dark: '#ff7b72' },
  held: { light: '#7a3fc9', dark: '#bc8cff' },
  parked: { light: '#0b6e7a', dark: '#39c5cf' },
  busy: { light: '#8b1a3a', dark: '#f778ba' },
  offline: { light: '#59636e', dark: '#9da7b3' },
};
