import { useState } from 'preact/hooks';
import type { HistorySummary } from '../../shared/model/call-record.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/** Redial: the numbers called recently, most recent first; one click calls again. */
export function RedialMenu({ recent }: { recent: HistorySummary['recentNumbers'] }) {
  const [isOpen, setOpen] = useState(false);
  const dial = async (number: string) => {
    setOpen(false);
    await commandOrReport('call/dial', { target: number });
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
