import { useState } from 'preact/hooks';
import type { CallQueue, QueueCallAction, QueuedCall } from '../../shared/model/call-queue.ts';
import { commandOrReport } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { IconButton } from '../../shared/ui/icon-button.tsx';
import { ElapsedTime } from '../../shared/ui/elapsed-time.tsx';
import { startQueuedCallDrag } from '../calls/call-drag.ts';
import { NumberForm } from './number-form.tsx';

async function act(queue: CallQueue, call: QueuedCall, action: QueueCallAction, done?: string): Promise<void> {
  const result = await commandOrReport('queues/act', { queueId: queue.id, callId: call.id, action });
  if (result.ok && done !== undefined) postGlobalMessage('info', done);
}

const callerOf = (call: QueuedCall) => call.name || call.number;

/**
 * One caller waiting in a queue: who, where they came in, how long they have waited, and what can be done — retrieve,
 * transfer (to a number typed here, or by dragging the row onto a contact or lamp), raise the priority, move up
 * (or Alt+arrows among the calls the PBX lets be reordered), release.
 */
export function QueuedCallRow({
  queue,
  call,
  index,
  highest,
  isReception,
}: {
  queue: CallQueue;
  call: QueuedCall;
  index: number;
  /** How many calls are at the highest priority (the only ones a PBX lets be reordered). */
  highest: number;
  isReception: boolean;
}) {
  const [isTransferring, setIsTransferring] = useState(false);
  return (
    <li
      class="queued-call"
      data-testid="queued-call"
      data-call={call.id}
      tabIndex={0}
      draggable
      onDragStart={(event) => startQueuedCallDrag(event, queue.id, call.id, callerOf(call))}
      aria-label={t('queued_call_label', callerOf(call), index + 1)}
      onKeyDown={(event) => {
        // Enter on the row takes the call (its own buttons keep their own Enter).
        if (event.key === 'Enter' && event.target === event.currentTarget) {
          event.preventDefault();
          void act(queue, call, { action: 'retrieve' });
          return;
        }
        // Alt+Arrows move a call among those the PBX lets be reordered (the highest priority).
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        event.preventDefault();
        const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
        if (call.priority === 0 && to >= 0 && to < highest) void act(queue, call, { action: 'move', index: to });
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
      <ElapsedTime class="queued-call__waited" since={call.addedAt} testId="queued-call-waited" />
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
          aria-expanded={isTransferring}
          onClick={() => setIsTransferring(!isTransferring)}
          data-action="queue-transfer"
        />
        {!isReception && call.priority > 0 && (
          <IconButton
            icon="star"
            label={t('queued_call_promote', callerOf(call))}
            onClick={() => void act(queue, call, { action: 'promote', priority: (call.priority - 1) as 0 | 1 | 2 })}
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
          onClick={() => void act(queue, call, { action: 'release' }, t('queued_call_released', callerOf(call)))}
          data-action="queue-release"
        />
      </span>
      {isTransferring && (
        <NumberForm
          class="queued-call__transfer"
          label={t('queued_call_transfer_to')}
          submitLabel={t('call_transfer')}
          testId="queue-transfer-number"
          onNumber={(number) => {
            setIsTransferring(false);
            void act(queue, call, { action: 'transfer', number }, t('queued_call_transferred', callerOf(call), number));
          }}
        />
      )}
    </li>
  );
}
