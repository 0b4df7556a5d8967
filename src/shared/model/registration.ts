import * as v from 'valibot';

/**
 * The line's registration as the receptionist reads it.
 *
 * ```
 *  Unconfigured ──account saved──▶ LoggedOut ──login──▶ Registering ──200──▶ Registered
 *                                     ▲                   │    ▲                │
 *                                     │               401/timeout│          transport lost
 *                                     │                   ▼    │                ▼
 *                                     └──logout────── Failed   └────────── Reconnecting
 * ```
 * `Failed` carries a reason the UI can translate; `Reconnecting` carries when the next attempt starts.
 */
export const RegistrationStatus = {
  Unconfigured: 'Unconfigured',
  LoggedOut: 'LoggedOut',
  Registering: 'Registering',
  Registered: 'Registered',
  Reconnecting: 'Reconnecting',
  Failed: 'Failed',
} as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];

export const RegistrationFailureSchema = v.picklist([
  'wrong-credentials',
  'server-unreachable',
  'certificate-refused',
  'rejected',
  'engine-unavailable',
]);
export type RegistrationFailure = v.InferOutput<typeof RegistrationFailureSchema>;

export const RegistrationStateSchema = v.variant('status', [
  v.object({ status: v.literal(RegistrationStatus.Unconfigured) }),
  v.object({ status: v.literal(RegistrationStatus.LoggedOut) }),
  v.object({ status: v.literal(RegistrationStatus.Registering) }),
  v.object({ status: v.literal(RegistrationStatus.Registered), since: v.number() }),
  v.object({ status: v.literal(RegistrationStatus.Reconnecting), retryAt: v.number() }),
  v.object({ status: v.literal(RegistrationStatus.Failed), reason: RegistrationFailureSchema, detail: v.string() }),
]);
export type RegistrationState = v.InferOutput<typeof RegistrationStateSchema>;
