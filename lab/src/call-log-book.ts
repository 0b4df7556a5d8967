/** One call in a user's call logs, as BroadWorks' basic call logs keep it. */
export interface CallLogEntry {
  readonly callLogId: string;
  readonly kind: 'placed' | 'received' | 'missed';
  /** The other party's number (or extension), as the PBX saw it. */
  readonly number: string;
  readonly name: string;
  /** When the call started (ms since the epoch). */
  readonly time: number;
}

/** A call the proxy carried, once it ended. */
export interface EndedCall {
  readonly caller: { readonly user: string; readonly displayName: string | null };
  readonly callee: { readonly user: string; readonly displayName: string | null };
  readonly startedAt: number;
  readonly wasAnswered: boolean;
}

/** BroadWorks keeps this many calls of each kind per user by default. */
const KEPT_PER_KIND = 20;

/**
 * Every user's call logs, as a PBX keeps them whatever phone took the call: the caller placed it, the callee received
 * it or missed it. Served over XSI (`…/user/<userId>/directories/CallLogs`), so a console that was closed learns of
 * the calls it missed.
 */
export class CallLogBook {
  readonly #byUser = new Map<string, CallLogEntry[]>();
  #nextId = 1;

  constructor(private readonly nameOf: (user: string) => string | null) {}

  ended(call: EndedCall): void {
    this.#add(call.caller.user, {
      kind: 'placed',
      number: call.callee.user,
      name: call.callee.displayName ?? this.nameOf(call.callee.user) ?? '',
      time: call.startedAt,
    });
    this.#add(call.callee.user, {
      kind: call.wasAnswered ? 'received' : 'missed',
      number: call.caller.user,
      name: call.caller.displayName ?? this.nameOf(call.caller.user) ?? '',
      time: call.startedAt,
    });
  }

  /** A user's logs, newest first. */
  of(user: string): readonly CallLogEntry[] {
    return [...(this.#byUser.get(user) ?? [])].sort((left, right) => right.time - left.time);
  }

  /** Deletes a user's logs (XSI's `DELETE …/directories/CallLogs`). */
  deleteAllOf(user: string): void {
    this.#byUser.delete(user);
  }

  #add(user: string, entry: Omit<CallLogEntry, 'callLogId'>): void {
    if (user === '') return;
    const entries = this.#byUser.get(user) ?? [];
    entries.push({ ...entry, callLogId: `${this.#nextId++}:${entry.time}` });
    const ofKind = entries.filter((other) => other.kind === entry.kind);
    if (ofKind.length > KEPT_PER_KIND) entries.splice(entries.indexOf(ofKind[0] as CallLogEntry), 1);
    this.#byUser.set(user, entries);
  }
}
