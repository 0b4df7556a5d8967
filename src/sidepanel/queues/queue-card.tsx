import { useState } from 'preact/hooks';
import type { CallQueue, QueueCallAction, QueuedCall } from '../../shared/model/call-queue.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { StateBadge } from '../../shared/ui/state-badge.tsx';
import { formatElapsed } from '../../shared/ui/use-clock.ts';
import { startQueuedCallDrag } from '../calls/call-drag.ts';

async function act(queue: CallQueue, call: QueuedCall, action: QueueCallAction, done?: string): Promise<void> {
  const result = await commandOrReport('queues/act', { queueId: queue.id, callId: call.id, action });
  if (result.ok && done !== undefined) postGlobalMessage('info', done);
}

const callerOf = (call: QueuedCall) => call.name || call.number;

/** One watched queue: its name, service mode and count, then its first calls, each with what can be done to it. */
export function QueueCard({
  queue,
  listed,
  now,
  isReception,
}: {
  queue: CallQueue;
  listed: number;
  now: number;
  /** The console's own queue: no service modes, no priorities (the PBX knows nothing of it). */
  isReception: boolean;
}) {
  const [transferring, setTransferring] = useState<string | null>(null);
  const highest = queue.calls.filter((call) => call.priority === 0).length;
  const isNight = queue.mode === 'night' || queue.isNightServiceForced;
  const switchNight = () =>
    void commandOrReport('queues/service-mode', { queueId: queue.id, mode: 'night', isActive: !isNight });
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
        {!isReception && (
          <IconButton
            icon="bell"
            label={t(isNight ? 'queue_night_off' : 'queue_night_on')}
            aria-pressed={isNight}
            onClick={switchNight}
            testId="queue-night"
          />
        )}
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
            <li
              key={call.id}
              class="queued-call"
              data-testid="queued-call"
              data-call={call.id}
              tabIndex={0}
              draggable
              onDragStart={(event) => startQueuedCallDrag(event, queue.id, call.id, callerOf(call))}
              aria-label={t('queued_call_label', callerOf(call), index + 1)}
              onKeyDown={(event) => {
                // Alt+Arrows move a call among those the PBX lets be reordered (the highest priority).
                if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
                event.preventDefault();
                const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
                if (call.priority === 0 && to >= 0 && to < highest)
                  void act(queue, call, { action: 'move', index: to });
              }}
            >
              <span class="queued-call__position">{index + 1}</span>
              <span class="queued-call__who">
                <span class="queued-call__name" data-testid="queued-call-name">
                  {callerOf(call)}
                </span>
                {call.name !== '' && <span class="queued-call__number">{call.number}</span>}
                <span class="queued-call__dnis">
                  {call.dnisName || call.dnisNumber}
                  {call.priority > 0 && ` · ${tDynamic(`queue_priority_${call.priority}`)}`}
                  {call.isBounced && ` · ${t('queued_call_bounced')}`}
                  {call.isReordered && ` · ${t('queued_call_reordered')}`}
                </span>
              </span>
              <time class="queued-call__waited" data-testid="queued-call-waited">
                {formatElapsed(Math.max(0, now - call.addedAt))}
              </time>
              <span class="queued-call__actions">
                <IconButton
                  icon="answer"
                  label={t('queued_call_retrieve', callerOf(call))}
                  onClick={() => void act(queue, call, { action: 'retrieve' })}
                  data-action="queue-retrieve"
                />
                <IconButton
                  icon="transfer"
                  label={t('queued_call_transfer', callerOf(call))}
                  aria-expanded={transferring === call.id}
                  onClick={() => setTransferring(transferring === call.id ? null : call.id)}
                  data-action="queue-transfer"
                />
                {!isReception && call.priority > 0 && (
                  <IconButton
                    icon="star"
                    label={t('queued_call_promote', callerOf(call))}
                    onClick={() =>
                      void act(queue, call, { action: 'promote', priority: (call.priority - 1) as 0 | 1 | 2 })
                    }
                    data-action="queue-promote"
                  />
                )}
                {call.priority === 0 && index > 0 && (isReception || index < highest) && (
                  <IconButton
                    icon="back"
                    class="queued-call__up"
                    label={t('queued_call_move_up', callerOf(call))}
                    onClick={() => void act(queue, call, { action: 'move', index: index - 1 })}
                    data-action="queue-move-up"
                  />
                )}
                <IconButton
                  icon="close"
                  label={t('queued_call_release', callerOf(call))}
                  onClick={() =>
                    void act(queue, call, { action: 'release' }, t('queued_call_released', callerOf(call)))
                  }
                  data-action="queue-release"
                />
              </span>
              {transferring === call.id && (
                <form
                  class="queued-call__transfer"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const number = new FormData(event.currentTarget).get('number');
                    if (typeof number !== 'string' || number.trim() === '') return;
                    setTransferring(null);
                    void act(
                      queue,
                      call,
                      { action: 'transfer', number },
                      t('queued_call_transferred', callerOf(call), number),
                    );
                  }}
                >
                  <input
                    name="number"
                    type="tel"
                    data-autofocus
                    aria-label={t('queued_call_transfer_to')}
                    placeholder={t('queued_call_transfer_to')}
                    data-testid="queue-transfer-number"
                    autoFocus
                  />
                  <button type="submit">{t('call_transfer')}</button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      {queue.count > Math.min(listed, queue.calls.length) && (
        <p class="queue__more">{t('queue_more', queue.count - Math.min(listed, queue.calls.length))}</p>
      )}
    </section>
  );
}
