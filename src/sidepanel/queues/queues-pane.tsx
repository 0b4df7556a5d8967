import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t } from '../../shared/ui/i18n-signal.ts';

/** The queued-calls pane: its queues come with the PBX services backend (issue #15); until then it says so. */
export function QueuesBody() {
  return <EmptyState icon="queue" text={t('no_queues')} />;
}
