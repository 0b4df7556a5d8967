import type { Lamp, LampState, PickupDialog } from '../../shared/model/lamp.ts';
import type { DialogEntry, DialogInfo } from './dialog-info.ts';

/** A lamp before anything is known: not subscribed yet, or the line is down. */
export function unknownLamp(id: string, problem: string | null = null): Lamp {
  return {
    id,
    state: problem === null ? 'unknown' : 'offline',
    peer: null,
    since: null,
    pickup: null,
    problem,
    service: null,
  };
}

/**
 * The dialogs of one watched line, as its NOTIFYs built them up: a full document replaces them, a partial one
 * (RFC 4235 §4.1) changes the dialogs it names; a version older than the last one read is stale and ignored.
 */
export class LineDialogs {
  #version = -1;
  readonly #dialogs = new Map<string, DialogEntry>();

  /** Applies a document; false when it was stale (and changed nothing). */
  apply(info: DialogInfo): boolean {
    if (info.version <= this.#version && !info.isFull) return false;
    this.#version = info.version;
    if (info.isFull) this.#dialogs.clear();
    for (const dialog of info.dialogs) {
      if (dialog.state === 'terminated') this.#dialogs.delete(dialog.id);
      else this.#dialogs.set(dialog.id, dialog);
    }
    return true;
  }

  /** A new subscription numbers its documents afresh. */
  reset(): void {
    this.#version = -1;
    this.#dialogs.clear();
  }

  get dialogs(): readonly DialogEntry[] {
    return [...this.#dialogs.values()];
  }
}

/** Which dialog a lamp shows when a line has several: the one the receptionist can act on first. */
const PRIORITY: Record<Exclude<LampState, 'unknown' | 'offline'>, number> = {
  ringing: 4,
  talking: 3,
  held: 2,
  dialing: 1,
  idle: 0,
};

function stateOf(dialog: DialogEntry): Exclude<LampState, 'unknown' | 'offline'> {
  if (dialog.state === 'confirmed') return dialog.isLocalHeld ? 'held' : 'talking';
  // Not yet confirmed: ringing at the colleague when they are called (or when the PBX does not say), dialling out
  // when they call.
  return dialog.direction === 'initiator' ? 'dialing' : 'ringing';
}

/**
 * The lamp of a line with these dialogs: the state of its most actionable dialog (ringing before talking), who the
 * colleague is with, since when (kept from `previous` while it is the same call in the same state), and what a pickup
 * needs while it rings.
 */
export function lampOf(id: string, dialogs: readonly DialogEntry[], previous: Lamp | null, now: number): Lamp {
  let shown: DialogEntry | null = null;
  for (const dialog of dialogs) {
    if (shown === null || PRIORITY[stateOf(dialog)] > PRIORITY[stateOf(shown)]) shown = dialog;
  }
  if (shown === null) return { id, state: 'idle', peer: null, since: null, pickup: null, problem: null, service: null };
  const state = stateOf(shown);
  const peer = shown.remoteDisplay ?? addressWords(shown.remoteIdentity);
  const isSameCall = previous !== null && previous.state === state && previous.peer === peer;
  const since =
    shown.durationSeconds !== null
      ? now - shown.durationSeconds * 1000
      : isSameCall && previous.since !== null
        ? previous.since
        : now;
  return {
    id,
    state,
    peer,
    since,
    pickup: state === 'ringing' ? pickupOf(shown) : null,
    problem: null,
    service: null,
  };
}

function pickupOf(dialog: DialogEntry): PickupDialog | null {
  const callerTarget = dialog.remoteTarget ?? dialog.remoteIdentity;
  if (dialog.callId === null || dialog.localTag === null || dialog.remoteTag === null || callerTarget === null)
    return null;
  return {
    callId: dialog.callId,
    localTag: dialog.localTag,
    remoteTag: dialog.remoteTag,
    callerTarget,
    callerIdentity: dialog.remoteIdentity,
  };
}

/** `sip:0142685300@pbx.example;user=phone` → `0142685300`: the words a lamp shows for an address. */
function addressWords(address: string | null): string | null {
  if (address === null) return null;
  const withoutScheme = address.replace(/^(sips?|tel):/i, '');
  const user = withoutScheme.split(/[@;]/)[0] ?? '';
  return user === '' ? withoutScheme : decodeURIComponentSafely(user);
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
