import { describe, expect, it } from 'vitest';
import { overDefaults } from '../../src/background/over-defaults.ts';

describe('settings read back over their defaults', () => {
  it('keeps what was stored and adds settings that are new, nested ones too', () => {
    const defaults = {
      dnd: { isActive: false, mode: 'local' },
      featureCodes: { dndOn: '*78', voicemail: '*97' },
      sites: ['a'],
    };
    const stored = { dnd: { isActive: true }, featureCodes: { dndOn: '*21' }, sites: [] };
    expect(overDefaults(defaults, stored)).toEqual({
      dnd: { isActive: true, mode: 'local' },
      featureCodes: { dndOn: '*21', voicemail: '*97' },
      sites: [],
    });
  });
});
