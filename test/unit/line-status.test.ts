import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICES, lineStatusIcon, type Services } from '../../src/shared/model/services.ts';

const services = (dnd: boolean, cfa: boolean): Services => ({
  ...DEFAULT_SERVICES,
  dnd: { ...DEFAULT_SERVICES.dnd, isActive: dnd },
  cfa: { ...DEFAULT_SERVICES.cfa, isActive: cfa, target: '201' },
});

describe('the one line-status icon', () => {
  it.each([
    [false, false, false, null],
    [false, false, true, 'busy'],
    [false, true, false, 'cfa'],
    [false, true, true, 'cfa'],
    [true, false, false, 'dnd'],
    [true, false, true, 'dnd'],
    [true, true, false, 'dnd'],
    [true, true, true, 'dnd'],
  ] as const)('DND %s, forwarding %s, on a call %s: %s', (dnd, cfa, isBusy, icon) => {
    expect(lineStatusIcon(services(dnd, cfa), isBusy)).toBe(icon);
  });
});
