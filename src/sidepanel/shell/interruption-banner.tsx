import type { EngineInterruption } from '../../shared/model/engine-interruption.ts';
import { command } from '../../shared/ui/command-client.ts';
import { t, uiLanguage } from '../../shared/ui/i18n-signal.ts';

/**
 * Says that the phone stopped under calls in progress and started again by itself (see `call-journal.ts`): when, how
 * many calls were cut off, and that the history has them. It stays until the receptionist dismisses it, so a console
 * opened afterwards still says it.
 */
export function InterruptionBanner({ interruption }: { interruption: EngineInterruption | null }) {
  if (interruption === null) return null;
  const time = new Intl.DateTimeFormat(uiLanguage.value, { timeStyle: 'short' }).format(interruption.at);
  const text =
    interruption.cutOffCalls === 1
      ? t('engine_interrupted_one', time)
      : t('engine_interrupted_many', time, interruption.cutOffCalls);
  return (
    <div class="banner banner--action" role="alert" data-testid="engine-interrupted">
      <span>{text}</span>
      <button
        type="button"
        onClick={() => void command('phone/dismiss-interruption', {})}
        data-testid="dismiss-interruption"
      >
        {t('close')}
      </button>
    </div>
  );
}
