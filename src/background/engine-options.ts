import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import type { EngineOptions } from '../shared/protocol/engine-commands.ts';

/** The part of the phone settings the engine acts on by itself: answering while no UI is open, audio devices. */
export function engineOptionsOf(settings: PhoneSettings): EngineOptions {
  const { autoAnswer, honourAnswerAfter, microphoneId, speakerId, ringerId } = settings;
  return { autoAnswer, honourAnswerAfter, microphoneId, speakerId, ringerId };
}
