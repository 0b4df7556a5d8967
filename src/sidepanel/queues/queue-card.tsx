import type { CallQueue } from '../../shared/model/call-queue.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { QueueServiceModes } from './queue-service-modes.tsx';
import { QueuedCallRow } from './queued-call-row.tsx';

/** One watched queue: its name, service mode and count, then its first calls, each with what can be done to it. */
export function QueueCard({
  queue,
  listed,
  isReception,
}: {
  queue: CallQueue;
  listed: number;
  /** The console's own queue: no service modes, no priorities (the PBX knows nothing of it). */
  isReception: boolean;
}) {
  const highest = queue.calls.filter((call) => call.priority === 0).length;
  return (
    <section class="queue" aria-label={queue.name} data-testid="queue" data-queue={queue.id} data-mode={queue.mode}>
      <header class="queue__header">
        <h3 class="section-title queue__name">{queue.name}</h3>
        {!isReception && (
          <StateBadge
            state={queue.mode === 'normal' ? 'idle' : 'busy'}
            text={tDynamic(`queue_mode_${queue.mode.replace('-', '_')}`)}
            testId="queue-mode"
          />
        )}
        <span class="queue__count" data-testid="queue-count">
          {t('queue_waiting', queue.count)}
        </span>
        {!isReception && <QueueServiceModes queue={queue} />}
      </header>
      {queue.problem !== null && (
        <p class="queue__problem" role="alert" data-testid="queue-problem">
          {tDynamic(queue.problem)}
          {queue.detail !== null && ` (${queue.detail})`}
        </p>
      )}
      {queue.calls.length === 0 ? (
        <p class="queue__empty">{t('queue_empty')}</p>
      ) : (
        <ol class="queue__calls">
          {queue.calls.slice(0, listed).map((call, index) => (
            <QueuedCallRow
              key={call.id}
              queue={queue}
              call={call}
              index={index}
              highest={highest}
              isReception={isReception}
            />
          ))}
        </ol>
      )}
      {queue.count > Math.min(listed, queue.calls.length) && (
        <p class="queue__more">{t('queue_more', queue.count - Math.min(listed, queue.calls.length))}</p>
      )}
    </section>
  );
}
