import type { RegistrationStatus, RegistrationState } from '../../shared/model/registration.ts';

/**
 * The line's registration as the engine observes it, with the edges it may take (the diagram is in
 * `shared/model/registration.ts`). `Unconfigured` belongs to the background (no account yet) and is never the
 * engine's. Re-entering `Reconnecting` carries a new `retryAt`; `Registering` may start again (a new login).
 */
export const REGISTRATION_TRANSITIONS: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  Unconfigured: [],
  LoggedOut: ['Registering', 'LoggedOut'],
  Registering: ['Registered', 'Reconnecting', 'Failed', 'LoggedOut', 'Registering'],
  Registered: ['Reconnecting', 'Failed', 'LoggedOut', 'Registering'],
  Reconnecting: ['Reconnecting', 'Registered', 'Failed', 'LoggedOut', 'Registering'],
  Failed: ['Registering', 'LoggedOut', 'Failed'],
};

/** Whether the registration may go from `from` to `to`; staying `Registered` (a refresh) is no transition at all. */
export function canTransition(from: RegistrationState, to: RegistrationState): boolean {
  return REGISTRATION_TRANSITIONS[from.status].includes(to.status);
}
