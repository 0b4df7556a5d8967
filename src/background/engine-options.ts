import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import type { EngineOptions } from '../shared/protocol/engine-commands.ts';

/** The part of the phone settings the engine acts on by itself (it answers calls while no UI is open). */
export function engineOptionsOf(settings: PhoneSettings): EngineOptions {
  return { autoAnswer: settings.autoAnswer, honourAnswerAfter: settings.honourAnswerAfter };
}
