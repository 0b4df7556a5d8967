import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface DialPlan {
  readonly defaultCountry: CountryCode;
  readonly outsideLinePrefix: string;
  readonly extensionLength: number;
}

/**
 * What to send to the PBX for what the receptionist typed, pasted or clicked:
 * - a SIP address or URI, or a name: as it is;
 * - a short number (an extension, a feature code such as *72): its digits;
 * - an outside number in any format (`+33 (0)1 23…`, `0033…`, `01.23…`): E.164 (`+33123…`) when the PBX takes it
 *   as it is (no outside-line prefix), else the prefix and the number as dialled from the office's country.
 * Returns null when nothing dialable is there.
 */
export function toDialString(input: string, plan: DialPlan): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  if (/^sips?:/i.test(trimmed) || trimmed.includes('@')) return trimmed;
  const compact = trimmed.replace(/[\s().\-/\u00a0\u202f]/g, '');
  if (/^[A-Za-z][A-Za-z0-9._~-]*$/.test(trimmed)) return trimmed;
  if (/^[*#]/.test(compact) || (/^[0-9]+$/.test(compact) && compact.length <= plan.extensionLength)) {
    return /^[0-9*#]+$/.test(compact) ? compact : null;
  }
  const number = parsePhoneNumberFromString(trimmed, plan.defaultCountry);
  if (number === undefined || !number.isPossible()) return /^\+?[0-9]{3,15}$/.test(compact) ? compact : null;
  if (plan.outsideLinePrefix === '') return number.number;
  return plan.outsideLinePrefix + number.format('IDD', { fromCountry: plan.defaultCountry }).replace(/[^0-9+]/g, '');
}
