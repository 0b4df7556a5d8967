import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PageSettingsChangedSchema, PageSettingsSchema } from '../../src/shared/protocol/page-settings.ts';
import {
  isAcceptedReply,
  isPageSettings,
  isPageSettingsChanged,
} from '../../src/shared/protocol/page-settings-guards.ts';

const SETTINGS_SAMPLES: unknown[] = [
  { isEnabled: true, defaultCountry: 'FR' },
  { isEnabled: false, defaultCountry: 'GB', extra: 'ignored' },
  { isEnabled: 'true', defaultCountry: 'FR' },
  { isEnabled: true, defaultCountry: 'fr' },
  { isEnabled: true, defaultCountry: 'FRA' },
  { isEnabled: true, defaultCountry: 'F' },
  { isEnabled: true, defaultCountry: 'FR\n' },
  { isEnabled: true },
  { defaultCountry: 'FR' },
  { isEnabled: true, defaultCountry: 33 },
  [true, 'FR'],
  null,
  undefined,
  'FR',
  42,
];

describe("the content script's hand-written checks of what the background says", () => {
  it('give the same verdicts as the page-settings schema', () => {
    for (const sample of SETTINGS_SAMPLES) {
      expect(isPageSettings(sample), JSON.stringify(sample)).toBe(v.safeParse(PageSettingsSchema, sample).success);
    }
    expect(SETTINGS_SAMPLES.filter(isPageSettings)).toHaveLength(2);
  });

  it('give the same verdicts as the settings-changed schema', () => {
    const pushed = (overrides: Record<string, unknown>) => ({
      sb: 1,
      type: 'click-to-call/page-settings-changed',
      payload: { isEnabled: true, defaultCountry: 'FR' },
      ...overrides,
    });
    const samples: unknown[] = [
      pushed({}),
      pushed({ sb: 2 }),
      pushed({ sb: '1' }),
      pushed({ type: 'click-to-call/dial' }),
      ...SETTINGS_SAMPLES.map((payload) => pushed({ payload })),
      null,
      [],
    ];
    for (const sample of samples) {
      expect(isPageSettingsChanged(sample), JSON.stringify(sample)).toBe(
        v.safeParse(PageSettingsChangedSchema, sample).success,
      );
    }
    expect(samples.filter(isPageSettingsChanged)).toHaveLength(3);
  });

  it('take a value from an accepted reply only', () => {
    const settings = { isEnabled: true, defaultCountry: 'FR' };
    expect(isAcceptedReply({ ok: true, value: settings }, isPageSettings)).toBe(true);
    expect(isAcceptedReply({ ok: false, value: settings }, isPageSettings)).toBe(false);
    expect(isAcceptedReply({ ok: true, value: { isEnabled: 1 } }, isPageSettings)).toBe(false);
    expect(isAcceptedReply({ ok: true }, isPageSettings)).toBe(false);
    expect(isAcceptedReply(undefined, isPageSettings)).toBe(false);
  });
});
