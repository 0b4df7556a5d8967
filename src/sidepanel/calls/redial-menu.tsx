import type { HistorySummary } from '../../shared/model/call-record.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { MenuButton } from '../../shared/ui/menu.tsx';

/** Redial: the numbers called recently, most recent first; one click calls again. */
export function RedialMenu({ recent }: { recent: HistorySummary['recentNumbers'] }) {
  return (
    <MenuButton
      icon="redial"
      label={t('redial')}
      isDisabled={recent.length === 0}
      testId="redial"
      entries={recent.map((entry) => ({
        kind: 'action',
        label: entry.name ? `${entry.name} — ${entry.number}` : entry.number,
        onSelect: () => void commandOrReport('call/dial', { target: entry.number }),
        testId: `redial-${entry.number}`,
      }))}
    />
  );
}
