import type { IncomingRequestMessage, IncomingResponseMessage } from 'sip.js/lib/core';

/** A dialog state of RFC 4235 §4.1.2, as busy-lamp fields show it. */
export type DialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';

export interface TrackedDialog {
  readonly callId: string;
  readonly caller: string;
  readonly callee: string;
  state: DialogState;
}

/**
 * Follows every call the proxy carries (INVITE, its responses, CANCEL, BYE) to know each user's dialogs, as a PBX
 * does for busy lamps. A dialog that ended is reported once as terminated, then forgotten.
 */
export class DialogTracker {
  readonly #dialogs = new Map<string, TrackedDialog>();

  constructor(private readonly onChange: (users: readonly string[]) => void) {}

  /** Dialogs in which `user` takes part, with the side they are on. */
  dialogsOf(user: string): { dialog: TrackedDialog; direction: 'initiator' | 'recipient'; remote: string }[] {
    return [...this.#dialogs.values()]
      .filter((dialog) => dialog.caller === user || dialog.callee === user)
      .map((dialog) => ({
        dialog,
        direction: dialog.caller === user ? 'initiator' : 'recipient',
        remote: dialog.caller === user ? dialog.callee : dialog.caller,
      }));
  }

  request(request: IncomingRequestMessage & { ruri: NonNullable<IncomingRequestMessage['ruri']> }): void {
    if (request.method === 'INVITE' && !request.toTag && !this.#dialogs.has(request.callId)) {
      this.#dialogs.set(request.callId, {
        callId: request.callId,
        caller: request.from.uri.user ?? '',
        callee: request.ruri.user ?? '',
        state: 'trying',
      });
      this.#changed(request.callId);
    } else if (request.method === 'BYE' || request.method === 'CANCEL') {
      this.#set(request.callId, 'terminated');
    }
  }

  response(response: IncomingResponseMessage): void {
    if (!/\bINVITE\b/i.test(response.getHeader('cseq') ?? '')) return;
    const status = response.statusCode ?? 0;
    const dialog = this.#dialogs.get(response.callId);
    if (dialog === undefined) return;
    if (status >= 300) this.#set(response.callId, 'terminated');
    else if (status >= 200 && dialog.state !== 'confirmed') this.#set(response.callId, 'confirmed');
    else if (status > 100 && status < 200 && dialog.state === 'trying') this.#set(response.callId, 'early');
  }

  #set(callId: string, state: DialogState): void {
    const dialog = this.#dialogs.get(callId);
    if (dialog === undefined || dialog.state === state) return;
    dialog.state = state;
    this.#changed(callId);
    if (state === 'terminated') this.#dialogs.delete(callId);
  }

  #changed(callId: string): void {
    const dialog = this.#dialogs.get(callId);
    if (dialog !== undefined) this.onChange([dialog.caller, dialog.callee]);
  }
}
