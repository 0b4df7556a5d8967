/**
 * The lab's voice mailboxes: how many new and heard messages each user has. A call answered by the voicemail party
 * for `vm-<user>` leaves one; a user calling `voicemail` hears theirs (they become old).
 */
export class Voicemail {
  readonly #boxes = new Map<string, { newMessages: number; oldMessages: number }>();

  constructor(private readonly onChange: (user: string) => void) {}

  counts(user: string): { newMessages: number; oldMessages: number } {
    return this.#boxes.get(user) ?? { newMessages: 0, oldMessages: 0 };
  }

  leaveMessage(user: string): void {
    const box = this.counts(user);
    this.#boxes.set(user, { ...box, newMessages: box.newMessages + 1 });
    this.onChange(user);
  }

  listen(user: string): void {
    const box = this.counts(user);
    if (box.newMessages === 0) return;
    this.#boxes.set(user, { newMessages: 0, oldMessages: box.oldMessages + box.newMessages });
    this.onChange(user);
  }
}

/**
 * The mailbox a call to the voicemail service is about: `vm-201`, or the transfer-to-voicemail code `*55201`, leaves
 * a message for 201.
 */
export function mailboxOf(calledUser: string): string | null {
  return /^(?:vm-|\*55)(.+)$/.exec(calledUser)?.[1] ?? null;
}

export const VOICEMAIL_USER = 'voicemail';
/** The code a user dials to hear their own messages (the console's default, as on most PBXs). */
export const VOICEMAIL_ACCESS_CODE = '*97';

/** Whether a called user is answered by the voicemail service. */
export function isVoicemailService(calledUser: string): boolean {
  return calledUser === VOICEMAIL_USER || calledUser === VOICEMAIL_ACCESS_CODE || mailboxOf(calledUser) !== null;
}
