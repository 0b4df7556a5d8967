import './queues.css';
import { signal } from '@preact/signals';
import type { ConsoleState } from '../shell/console-state.ts';
import { RECEPTION_QUEUE_ID, type CallQueue } from '../../shared/model/call-queue.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { FavoriteQueuesDialog } from './favorite-queues-dialog.tsx';
import { QueueCard } from './queue-card.tsx';

/** Whether the "favourite queues" dialog is open (the guide: Tools › Edit favourite queues). */
const isChoosingQueues = signal(false);

export function QueuesTools({ state }: { state: ConsoleState }) {
  if (state.pbx.backend !== 'xsi') return null;
  return (
    <IconButton
      icon="settings"
      label={t('queues_choose')}
      aria-haspopup="dialog"
      onClick={() => (isChoosingQueues.value = true)}
      testId="choose-queues"
    />
  );
}

/**
 * The queued-calls pane (the guide's section 6): up to five call centers, each with its service mode, how many calls
 * wait, and the first calls with how long they have waited; each call can be retrieved, sent on, promoted, moved or
 * released. The queues come live from the PBX (XSI events through the engine); while the channel re-opens they stay
 * as last known and the pane says so. First, when it is on, the console's own reception queue (any PBX).
 */
export function QueuesBody({ state }: { state: ConsoleState }) {
  const { queues, queuePane } = state;
  const dialog = isChoosingQueues.value && (
    <FavoriteQueuesDialog settings={queuePane} onClose={() => (isChoosingQueues.value = false)} />
  );
  const reception = queues.queues.find((queue) => queue.id === RECEPTION_QUEUE_ID);
  const isXsi = state.pbx.backend === 'xsi';
  if (!isXsi && reception === undefined)
    return <EmptyState icon="queue" text={t('queues_need_xsi')} testId="queues-need-xsi" />;
  if (isXsi && reception === undefined && queuePane.watched.length === 0)
    return (
      <>
        <EmptyState icon="queue" text={t('queues_none_chosen')} testId="queues-none-chosen" />
        {dialog}
      </>
    );
  const watched: CallQueue[] = isXsi
    ? queuePane.watched.map(
        (choice) =>
          queues.queues.find((queue) => queue.id === choice.id) ?? {
            id: choice.id,
            name: choice.name,
            mode: 'normal',
            isNightServiceForced: false,
            calls: [],
            count: 0,
            problem: null,
            detail: null,
          },
      )
    : [];
  return (
    <div class="queues" data-testid="queues" data-status={queues.status}>
      {isXsi && queues.status === 'connecting' && (
        <p class="queues__status" role="status">
          {t('queues_connecting')}
        </p>
      )}
      {isXsi && queues.status === 'failing' && (
        <p class="queues__status queues__status--failing" role="alert" data-testid="queues-problem">
          {tDynamic(queues.problem ?? 'error_xsi_unreachable')}
          {queues.detail !== null && ` (${queues.detail})`}
        </p>
      )}
      {reception !== undefined && (
        <QueueCard queue={{ ...reception, name: t('reception_queue') }} listed={queuePane.listedCalls} isReception />
      )}
      {watched.map((queue) => (
        <QueueCard key={queue.id} queue={queue} listed={queuePane.listedCalls} isReception={false} />
      ))}
      {dialog}
    </div>
  );
}
