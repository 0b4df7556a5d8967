import type { CallId } from '../../shared/model/call.ts';
import type { TransferTarget } from '../../shared/model/call.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/** The drag data type of a call being dragged (its id): only our own drags carry it. */
export const CALL_DRAG_TYPE = 'application/x-switchboard-call';

/** Transfers a call and says in the messages area how it went: the one way every drop and button transfers. */
export async function transferCall(callId: CallId, target: TransferTarget, label: string): Promise<boolean> {
  const result = await command('call/transfer', { callId, target });
  if (result.ok) postGlobalMessage('info', t('call_transferred', label));
  else postGlobalMessage('error', errorText(result.error));
  return result.ok;
}

export function startCallDrag(event: DragEvent, callId: CallId): void {
  if (event.dataTransfer === null) return;
  event.dataTransfer.setData(CALL_DRAG_TYPE, callId);
  event.dataTransfer.effectAllowed = 'move';
}

/** The drag data type of a caller waiting in a queue (its queue and call id, and who it is). */
export const QUEUED_CALL_DRAG_TYPE = 'application/x-switchboard-queued-call';

export function startQueuedCallDrag(event: DragEvent, queueId: string, callId: string, caller: string): void {
  if (event.dataTransfer === null) return;
  event.dataTransfer.setData(QUEUED_CALL_DRAG_TYPE, JSON.stringify({ queueId, callId, caller }));
  event.dataTransfer.effectAllowed = 'move';
}

/** Sends a queued caller dropped on a number there (the PBX's transfer of a queued call), and says how it went. */
function transferQueuedCall(raw: string, number: string, label: string): void {
  let dropped: { queueId?: unknown; callId?: unknown; caller?: unknown };
  try {
    dropped = JSON.parse(raw) as typeof dropped;
  } catch {
    return;
  }
  const { queueId, callId, caller } = dropped;
  if (typeof queueId !== 'string' || typeof callId !== 'string') return;
  void command('queues/act', { queueId, callId, action: { action: 'transfer', number } }).then((result) => {
    if (result.ok)
      postGlobalMessage('info', t('queued_call_transferred', typeof caller === 'string' ? caller : '', label));
    else postGlobalMessage('error', errorText(result.error));
  });
}

/**
 * What makes an element a place to drop a call on: a number (a history row, a recent number) transfers it there
 * blind; another call transfers it attended (the two parties are joined). `except` is the call that is the target
 * itself, which cannot be dropped on itself; `drop` does something else with the call dropped (park it, and say so).
 * A caller waiting in a queue dropped on a number is sent there by the PBX.
 */
export function callDropTarget(
  target: TransferTarget,
  label: string,
  except?: CallId,
  drop: (callId: CallId) => void = (callId) => void transferCall(callId, target, label),
) {
  const carriesCall = (event: DragEvent) =>
    event.dataTransfer?.types.includes(CALL_DRAG_TYPE) === true ||
    (target.kind === 'number' && event.dataTransfer?.types.includes(QUEUED_CALL_DRAG_TYPE) === true);
  return {
    onDragOver: (event: DragEvent) => {
      if (!carriesCall(event)) return;
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'move';
      (event.currentTarget as HTMLElement).classList.add('is-drop-target');
    },
    onDragLeave: (event: DragEvent) => (event.currentTarget as HTMLElement).classList.remove('is-drop-target'),
    onDrop: (event: DragEvent) => {
      (event.currentTarget as HTMLElement).classList.remove('is-drop-target');
      const queued = event.dataTransfer?.getData(QUEUED_CALL_DRAG_TYPE) ?? '';
      if (queued !== '' && target.kind === 'number') {
        event.preventDefault();
        transferQueuedCall(queued, target.number, label);
        return;
      }
      const callId = event.dataTransfer?.getData(CALL_DRAG_TYPE) as CallId | undefined;
      if (callId === undefined || callId === '' || callId === except) return;
      event.preventDefault();
      drop(callId);
    },
  };
}

/** The drag data type of a number being dragged (a contact, onto a call): only our own drags carry it. */
export const NUMBER_DRAG_TYPE = 'application/x-switchboard-number';

export function startNumberDrag(event: DragEvent, number: string, label: string): void {
  if (event.dataTransfer === null) return;
  event.dataTransfer.setData(NUMBER_DRAG_TYPE, JSON.stringify({ number, label }));
  event.dataTransfer.setData('text/plain', number);
  event.dataTransfer.effectAllowed = 'copyMove';
}

/**
 * What makes a call card a place to drop on: another call (the two parties are joined, as `callDropTarget`), or a
 * contact's number (this call is transferred there, blind — a ringing call is sent on unanswered).
 */
export function callCardDropTarget(callId: CallId, party: string, acceptsCalls: boolean) {
  const calls = callDropTarget({ kind: 'call', callId }, party, callId);
  const carries = (event: DragEvent, type: string) => event.dataTransfer?.types.includes(type) === true;
  return {
    onDragOver: (event: DragEvent) => {
      if (acceptsCalls && carries(event, CALL_DRAG_TYPE)) return calls.onDragOver(event);
      if (!carries(event, NUMBER_DRAG_TYPE)) return;
      event.preventDefault();
      (event.currentTarget as HTMLElement).classList.add('is-drop-target');
    },
    onDragLeave: (event: DragEvent) => calls.onDragLeave(event),
    onDrop: (event: DragEvent) => {
      if (acceptsCalls && carries(event, CALL_DRAG_TYPE)) return calls.onDrop(event);
      (event.currentTarget as HTMLElement).classList.remove('is-drop-target');
      const raw = event.dataTransfer?.getData(NUMBER_DRAG_TYPE) ?? '';
      if (raw === '') return;
      event.preventDefault();
      let dropped: { number?: unknown; label?: unknown };
      try {
        dropped = JSON.parse(raw) as { number?: unknown; label?: unknown };
      } catch {
        return;
      }
      if (typeof dropped.number !== 'string') return;
      const label = typeof dropped.label === 'string' ? dropped.label : dropped.number;
      void transferCall(callId, { kind: 'number', number: dropped.number }, label);
    },
  };
}
