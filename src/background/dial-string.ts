import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import { toDialString } from '../shared/phone-number/dial-plan.ts';
import { CommandError } from '../shared/protocol/command-contract.ts';

/** The receptionist's input through the dial plan; refused with a field message when nothing dialable is there. */
export function dialString(input: string, plan: PhoneSettings): string {
  const dialable = toDialString(input, plan);
  if (dialable === null) throw CommandError.invalidInput([{ field: 'target', messageKey: 'error_invalid_value' }]);
  return dialable;
}
