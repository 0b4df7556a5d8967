import type { PhoneSettings } from '../shared/model/phone-settings.ts';
import { parkSlotsOf, type Services } from '../shared/model/services.ts';
import { MAX_WATCHED_LINES } from '../shared/model/lamp.ts';
import { toDialString } from '../shared/phone-number/dial-plan.ts';
import type { EngineOptions } from '../shared/protocol/engine-commands.ts';

/**
 * What the engine acts on by itself, while no UI may be open: answering, audio devices, and the services kept in
 * local mode (the forward-to number through the dial plan, as if dialled), the reception queue and where it overflows
 * to, and the lines whose lamps it keeps: the favourites' and the park slots.
 */
export function engineOptionsOf(
  settings: PhoneSettings,
  services: Services,
  favoriteLines: readonly string[],
): EngineOptions {
  const { autoAnswer, honourAnswerAfter, microphoneId, speakerId, ringerId, transferRecallSeconds } = settings;
  const isLocal = (service: { isActive: boolean; mode: string }) => service.isActive && service.mode === 'local';
  return {
    autoAnswer,
    honourAnswerAfter,
    microphoneId,
    speakerId,
    ringerId,
    transferRecallSeconds,
    incoming: {
      doNotDisturb: isLocal(services.dnd) ? services.dnd.rejectAs : null,
      forwardTo: isLocal(services.cfa) ? toDialString(services.cfa.target, settings) : null,
      hasRingSplash: services.cfa.hasRingSplash,
    },
    receptionQueue: {
      isOn: settings.receptionQueue,
      isAnsweredWithMusic: settings.receptionQueueMusic,
      overflowAfterSeconds: settings.receptionQueueOverflowSeconds,
      overflowAtCallers: settings.receptionQueueMaxCallers,
      overflowTo:
        settings.receptionQueueOverflowTo === ''
          ? ''
          : (toDialString(settings.receptionQueueOverflowTo, settings) ?? ''),
    },
    watchedLines: [...new Set([...favoriteLines, ...parkSlotsOf(services.parkSlots)])].slice(0, MAX_WATCHED_LINES),
  };
}
