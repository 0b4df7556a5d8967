import type { CallId } from '../../shared/model/call.ts';
import type { TransferTarget } from '../../shared/model/call.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';

/** The drag data type of a call being dragged (its id): only our own drags carry it. */
export const CALL_DRAG_TYPE = 'application/x-switchboard-call';

export function startCallDrag(event: DragEvent, callId: CallId): void {
  if (event.dataTransfer === null) return;
  event.dataTransfer.setData(CALL_DRAG_TYPE, callId);
  event.dataTransfer.effectAllowed = 'move';
}

/**
 * What makes an element a place to drop a call on: a number (a history row, a recent number) transfers it there
 * blind; another call transfers it attended (the two parties are joined). `except` is the call that is the target
 * itself, which cannot be dropped on itself.
 */
export function callDropTarget(target: TransferTarget, label: string, except?: CallId) {
  const carriesCall = (event: DragEvent) => event.dataTransfer?.types.includes(CALL_DRAG_TYPE) === true;
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
      const callId = event.dataTransfer?.getData(CALL_DRAG_TYPE) as CallId | undefined;
      if (callId === undefined || callId === '' || callId === except) return;
      event.preventDefault();
      void command('call/transfer', { callId, target }).then((result) => {
        if (result.ok) postGlobalMessage('info', t('call_transferred', label));
        else postGlobalMessage('error', errorText(result.error));
      });
    },
  };
}
