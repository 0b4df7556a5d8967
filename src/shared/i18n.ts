import en from '../../_locales/en/messages.json';
import fr from '../../_locales/fr/messages.json';
import type { Language } from './model/settings.ts';

/**
 * The UI's strings. `_locales/*\/messages.json` is the one source for the manifest and the UI alike; the UI reads the
 * files itself (bundled) rather than through `i18n.getMessage`, because the receptionist can choose a language other
 * than the browser's in Settings and `getMessage` cannot switch.
 */
export type MessageKey = keyof typeof en;
export type UiLanguage = 'en' | 'fr';

type Catalogue = Record<string, { message: string }>;
const CATALOGUES: Record<UiLanguage, Catalogue> = { en, fr };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The language to show: the setting when it names one, else the browser's when we have it, else English. */
export function resolveLanguage(setting: Language, browserLanguage: string): UiLanguage {
  if (setting !== 'auto') return setting;
  return browserLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * The message for `key` in `language`, with `$1`…`$9` replaced by `substitutions`. Falls back to English, then to the
 * key itself, so a missing translation shows something readable rather than nothing.
 */
export function translate(language: UiLanguage, key: string, substitutions: readonly (string | number)[] = []): string {
  const entry = CATALOGUES[language][key] ?? CATALOGUES.en[key];
  if (entry === undefined) return key;
  return entry.message.replace(/\$([1-9])/g, (match, digit: string) => {
    const value = substitutions[Number(digit) - 1];
    return value === undefined ? match : String(value);
  });
}
