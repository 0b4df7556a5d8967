import type { PageSettings, PageSettingsChanged } from './page-settings.ts';

/*
 * The content script's checks of what the background tells it, written out by hand: valibot's runtime is 4 KB of the
 * 30 KB the content script may weigh in every page, for two small shapes. The schemas in `page-settings.ts` stay the
 * definition (the background builds its messages from their types); `test/unit/page-settings-guards.test.ts` holds
 * both to the same verdicts.
 */

export function isPageSettings(value: unknown): value is PageSettings {
  if (!isRecord(value)) return false;
  const { isEnabled, defaultCountry } = value;
  return typeof isEnabled === 'boolean' && typeof defaultCountry === 'string' && COUNTRY.test(defaultCountry);
}

export function isPageSettingsChanged(value: unknown): value is PageSettingsChanged {
  return (
    isRecord(value) &&
    value['sb'] === 1 &&
    value['type'] === 'click-to-call/page-settings-changed' &&
    isPageSettings(value['payload'])
  );
}

/** A command's answer from the background that accepted it: `{ ok: true, value }` with `value` as `isValue` wants. */
export function isAcceptedReply<R>(reply: unknown, isValue: (value: unknown) => value is R): reply is { value: R } {
  return isRecord(reply) && reply['ok'] === true && isValue(reply['value']);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COUNTRY = /^[A-Z]{2}$/;
