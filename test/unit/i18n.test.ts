import { describe, expect, it } from 'vitest';
import { resolveLanguage, translate } from '../../src/shared/i18n.ts';

describe('the UI language', () => {
  it.each([
    ['auto', 'fr-FR', 'fr'],
    ['auto', 'fr', 'fr'],
    ['auto', 'en-GB', 'en'],
    ['auto', 'de-DE', 'en'],
    ['fr', 'en-US', 'fr'],
    ['en', 'fr-FR', 'en'],
  ] as const)('setting %s with browser %s shows %s', (setting, browser, expected) => {
    expect(resolveLanguage(setting, browser)).toBe(expected);
  });

  it('substitutes $1… and falls back to English, then to the key', () => {
    expect(translate('fr', 'status_Reconnecting', [5])).toBe('Reconnexion dans 5 s');
    expect(translate('en', 'account_summary', ['a@b.c', 'wss://x'])).toBe('Logged in as a@b.c on wss://x');
    expect(translate('fr', 'no_such_key')).toBe('no_such_key');
  });
});
