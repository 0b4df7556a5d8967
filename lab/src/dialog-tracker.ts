import type { IncomingRequestMessage, IncomingResponseMessage } from 'sip.js/lib/core';

/** A dialog state of RFC 4235 §4.1.2, as busy-lamp fields show it. */
export type DialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';

/** One side of a tracked call: who, their tag and where they are reached (their Contact). */
export interface DialogSide {
  readonly user: string;
  readonly displayName: string | null;
  tag: string | null;
  contact: string | null;
  /** This side put the call on hold (its last offer was sendonly or inactive). */
  isHolding: boolean;
}

export interface TrackedDialog {
  readonly callId: string;
  readonly caller: DialogSide;
  readonly callee: DialogSide;
  state: DialogState;
  readonly startedAt: number;
  /** It was answered (confirmed) at some point before it ended. */
  wasAnswered: boolean;
  /** When it was answered; null until then. */
  answeredAt: number | null;
}

/** A user's dialog as its lamp sees it: from their side (`local`) or the other (`remote`). */
export interface UserDialog {
  readonly dialog: TrackedDialog;
  readonly direction: 'initiator' | 'recipient';
  readonly local: DialogSide;
  readonly remote: DialogSide;
}

/**
 * Follows every call the proxy carries (INVITE, its responses, re-INVITEs, CANCEL, BYE) to know each user's dialogs
 * with their tags and contacts, as a PBX does for busy lamps and pickup. A dialog that ended is reported once as
 * terminated, then forgotten.
 */
export class DialogTracker {
  readonly #dialogs = new Map<string, TrackedDialog>();

  constructor(
    private readonly onChange: (users: readonly string[]) => void,
    /** Who a Request-URI user is: a contact's user names the user registered with it (a Refer-To gives contacts). */
    private readonly userOf: (requestUser: string) => string = (user) => user,
    /** A call ended (its call logs are written then). */
    private readonly onEnded: (dialog: TrackedDialog) => void = () => undefined,
  ) {}

  /** Dialogs in which `user` takes part, with the side they are on. */
  dialogsOf(user: string): UserDialog[] {
    return [...this.#dialogs.values()]
      .filter((dialog) => dialog.caller.user === user || dialog.callee.user === user)
      .map((dialog) =>
        dialog.caller.user === user
          ? { dialog, direction: 'initiator', local: dialog.caller, remote: dialog.callee }
          : { dialog, direction: 'recipient', local: dialog.callee, remote: dialog.caller },
      );
  }

  request(request: IncomingRequestMessage & { ruri: NonNullable<IncomingRequestMessage['ruri']> }): void {
    const dialog = this.#dialogs.get(request.callId);
    if (request.method === 'INVITE' && !request.toTag && dialog === undefined) {
      this.#dialogs.set(request.callId, {
        callId: request.callId,
        caller: {
          user: request.from.uri.user ?? '',
          displayName: request.from.displayName || null,
          tag: request.fromTag,
          contact: contactOf(request.getHeader('contact')),
          isHolding: false,
        },
        callee: {
          user: this.userOf(request.ruri.user ?? ''),
          displayName: null,
          tag: null,
          contact: null,
          isHolding: false,
        },
        state: 'trying',
        startedAt: Date.now(),
        wasAnswered: false,
        answeredAt: null,
      });
      this.#changed(request.callId);
    } else if (request.method === 'INVITE' && request.toTag && dialog !== undefined) {
      // A re-INVITE: its sender holds the call when it offers to send only, or nothing.
      const sender = dialog.caller.tag === request.fromTag ? dialog.caller : dialog.callee;
      const isHolding = /^a=(sendonly|inactive)\s*$/m.test(request.body ?? '');
      if (sender.isHolding !== isHolding) {
        sender.isHolding = isHolding;
        this.#changed(request.callId);
      }
    } else if (request.method === 'BYE' || request.method === 'CANCEL') {
      this.#set(request.callId, 'terminated');
    }
  }

  response(response: IncomingResponseMessage): void {
    if (!/\bINVITE\b/i.test(response.getHeader('cseq') ?? '')) return;
    const status = response.statusCode ?? 0;
    const dialog = this.#dialogs.get(response.callId);
    if (dialog === undefined || response.fromTag !== dialog.caller.tag) return;
    if (status > 100 && status < 300 && dialog.callee.tag === null && response.toTag) {
      dialog.callee.tag = response.toTag;
      dialog.callee.contact = contactOf(response.getHeader('contact'));
    }
    if (status >= 300) this.#set(response.callId, 'terminated');
    else if (status >= 200 && dialog.state !== 'confirmed') this.#set(response.callId, 'confirmed');
    else if (status > 100 && status < 200 && dialog.state === 'trying') this.#set(response.callId, 'early');
  }

  #set(callId: string, state: DialogState): void {
    const dialog = this.#dialogs.get(callId);
    if (dialog === undefined || dialog.state === state) return;
    dialog.state = state;
    if (state === 'confirmed') {
      dialog.wasAnswered = true;
      dialog.answeredAt ??= Date.now();
    }
    this.#changed(callId);
    if (state !== 'terminated') return;
    this.#dialogs.delete(callId);
    this.onEnded(dialog);
  }

  #changed(callId: string): void {
    const dialog = this.#dialogs.get(callId);
    if (dialog !== undefined) this.onChange([dialog.caller.user, dialog.callee.user]);
  }
}

/** The URI of a Contact header (`"Bob" <sip:bob@host;transport=ws>;expires=…`). */
function contactOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  return /<([^>]*)>/.exec(header)?.[1] ?? header.split(';')[0]?.trim() ?? null;
}
