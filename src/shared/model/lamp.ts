import * as v from 'valibot';
import type { Contact } from './contact.ts';

/** The most lamps one console keeps (a PBX limits subscriptions long before this). */
export const MAX_WATCHED_LINES = 2_000;

/** A watched line, as dialled: the colleague's extension or number (`201`, `+33142685300`, `alice@pbx`). */
export const WatchedLineSchema = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64));

/**
 * What a colleague's line is doing, read from their `dialog` event state (RFC 4235):
 * - `idle`: no dialog;
 * - `ringing`: a call rings at the colleague (a recipient dialog in `early` state) — it can be picked up;
 * - `dialing`: the colleague is calling out and it rings at the other end (an initiator dialog not yet confirmed);
 * - `talking`: a confirmed dialog; `held` when the colleague's own side says it renders no media (`+sip.rendering=no`,
 *   RFC 4235 §4.1.6.2) — a PBX that never says so (Kamailio) shows talking;
 * - `unknown`: not subscribed (yet), or the line is down: nothing is known;
 * - `offline`: the PBX refused or ended the subscription (`problem` says why).
 */
export const LampStateSchema = v.picklist(['idle', 'ringing', 'dialing', 'talking', 'held', 'unknown', 'offline']);
export type LampState = v.InferOutput<typeof LampStateSchema>;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** What an INVITE with `Replaces` needs to take a call ringing at a colleague (RFC 3891, RFC 5359 §2.16). */
export const PickupDialogSchema = v.object({
  callId: text(256),
  /** The colleague's tag (the To-tag of their provisional response). */
  localTag: text(128),
  /** The caller's tag (the From-tag of the INVITE). */
  remoteTag: text(128),
  /** Where the caller can be reached: their Contact when the PBX says it, else their address. */
  callerTarget: text(512),
  /** The caller's address (`<remote><identity>`), the pickup INVITE's To; null when the PBX does not say. */
  callerIdentity: v.nullable(text(512)),
});
export type PickupDialog = v.InferOutput<typeof PickupDialogSchema>;

/** A user's services as the PBX says over XSI-Events: Do Not Disturb on, and where calls are forwarded. */
export const PbxUserServicesSchema = v.object({ isDoNotDisturb: v.boolean(), forwardTo: v.nullable(text(64)) });
export type PbxUserServices = v.InferOutput<typeof PbxUserServicesSchema>;

export const LampSchema = v.object({
  /** The watched line, as the background asked for it (see `lampLineOf`). */
  id: WatchedLineSchema,
  state: LampStateSchema,
  /** Who the colleague is ringing with or talking to, when the PBX says: a display name or an address. */
  peer: v.nullable(text(256)),
  /** Epoch ms when the current call was connected (or started ringing), as far as the engine knows. */
  since: v.nullable(v.number()),
  /** The ringing call's dialog, when the PBX gave enough to take it (call-id and both tags). */
  pickup: v.nullable(PickupDialogSchema),
  /** Why the lamp is offline: the PBX's answer (`403 Forbidden`, `489 Bad Event`) or what went wrong. */
  problem: v.nullable(text(256)),
  /**
   * The colleague's services as the PBX says (BroadWorks monitored users, over XSI-Events): Do Not Disturb on, and
   * where calls are forwarded; null when the PBX does not tell.
   */
  service: v.nullable(PbxUserServicesSchema),
});
export type Lamp = v.InferOutput<typeof LampSchema>;

const LINE_PREFERENCE = ['extension', 'work', 'mobile', 'other', 'home'] as const;

/**
 * The line a contact's lamp watches: their extension when they have one, else their work number, else the first
 * number that is not a fax. The background subscribes to it and every view finds the lamp with it.
 */
export function lampLineOf(contact: Pick<Contact, 'phones'>): string | null {
  for (const type of LINE_PREFERENCE) {
    const phone = contact.phones.find((each) => each.type === type);
    if (phone !== undefined) return phone.number.trim();
  }
  return null;
}
