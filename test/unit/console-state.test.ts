import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { INITIAL_APP_STATE, type AppState } from '../../src/shared/model/app-state.ts';
import type { Lamp } from '../../src/shared/model/lamp.ts';
import { consoleStateOf } from '../../src/sidepanel/shell/console-state.ts';

const lamp = (id: string, state: Lamp['state']): Lamp => ({
  id,
  state,
  peer: null,
  since: null,
  pickup: null,
  problem: null,
  service: null,
});

describe("the console's state (everything but the lamps)", () => {
  it('stays the same value while only the lamps change, and follows every other slice', () => {
    const mirrored = signal<AppState | null>(null);
    const drawn = consoleStateOf(mirrored);
    expect(drawn.value).toBeNull();

    mirrored.value = { ...INITIAL_APP_STATE, lamps: [lamp('201', 'idle')] };
    const first = drawn.value;
    expect(first).not.toBeNull();
    expect(first).not.toHaveProperty('lamps');
    expect(first).not.toHaveProperty('lampPeers');

    mirrored.value = { ...mirrored.value, lamps: [lamp('201', 'ringing')], lampPeers: { 'sip:caller@lab': 'Caller' } };
    expect(drawn.value).toBe(first);

    const registration = { ...INITIAL_APP_STATE.registration };
    mirrored.value = { ...mirrored.value, registration };
    const second = drawn.value;
    expect(second).not.toBe(first);
    expect(second?.registration).toBe(registration);
    expect(second).not.toHaveProperty('lamps');

    mirrored.value = null;
    expect(drawn.value).toBeNull();
  });
});
