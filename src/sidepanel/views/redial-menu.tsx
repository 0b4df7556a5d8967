import { useState } from 'preact/hooks';
import type { HistorySummary } from '../../shared/model/call-record.ts';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';

/** Redial: the numbers called recently, most recent first; one click calls again. */
export function RedialMenu({ recent }: { recent: HistorySummary['recentNumbers'] }) {
  const [isOpen, setOpen] = useState(false);
  const dial = async (number: string) => {
    setOpen(false);
    const result = await command('call/dial', { target: number });
    if (!result.ok)
      postGlobalMessage('error', tDynamic(result.error.fields?.[0]?.messageKey ?? result.error.messageKey));
  };
  return (
    <div class="menu">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        disabled={recent.length === 0}
        onClick={() => setOpen(!isOpen)}
        data-testid="redial"
      >
        {t('redial')}
      </button>
      {isOpen && (
        <ul role="menu" class="menu__list" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
          {recent.map((entry) => (
            <li key={entry.number} role="none">
              <button
                type="button"
                role="menuitem"
                data-number={entry.number}
                onClick={() => void dial(entry.number)}
                autoFocus={entry === recent[0]}
              >
                {entry.name ? `${entry.name} — ${entry.number}` : entry.number}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
