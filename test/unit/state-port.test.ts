import { describe, expect, it } from 'vitest';
import { INITIAL_APP_STATE } from '../../src/shared/model/app-state.ts';
import { applyStateMessage, parseStatePortMessage } from '../../src/shared/protocol/state-port.ts';

describe('the state port', () => {
  it('takes a snapshot, then replaces one slice per patch', () => {
    const snapshot = parseStatePortMessage({ kind: 'snapshot', state: INITIAL_APP_STATE });
    expect(snapshot).not.toBeNull();
    const state = applyStateMessage(null, snapshot!);
    const patch = parseStatePortMessage({
      kind: 'patch',
      key: 'general',
      value: { language: 'fr', theme: 'dark', alwaysSaveWorkspace: false },
    });
    const next = applyStateMessage(state, patch!);
    expect(next?.general).toEqual({ language: 'fr', theme: 'dark', alwaysSaveWorkspace: false });
    expect(next?.calls).toBe(state?.calls);
    expect(state?.general.language).toBe('auto');
  });

  it('ignores a patch that arrives before any snapshot', () => {
    const patch = parseStatePortMessage({ kind: 'patch', key: 'calls', value: [] });
    expect(applyStateMessage(null, patch!)).toBeNull();
  });

  it.each([
    ['an unknown slice', { kind: 'patch', key: 'password', value: 'x' }],
    ['a slice of the wrong shape', { kind: 'patch', key: 'general', value: { language: 'klingon', theme: 'dark' } }],
    ['a registration with no status', { kind: 'patch', key: 'registration', value: {} }],
    ['an unknown kind', { kind: 'delete', key: 'calls' }],
    ['entries of lamps that are not lamps', { kind: 'entries', key: 'lamps', set: [{ id: 'call-1' }], removed: [] }],
    ['entries of a slice not kept as entries', { kind: 'entries', key: 'general', set: [], removed: [] }],
    ['a patch with no slice named', { kind: 'patch', value: [] }],
    ['not an object', 'snapshot'],
  ])('refuses %s', (_what, raw) => {
    expect(parseStatePortMessage(raw)).toBeNull();
  });
});
