import { effectiveAuthorizationUser, type Credential, type PasswordChange } from '../shared/model/account.ts';
import { digestHa1 } from '../shared/credentials/digest-ha1.ts';
import { CommandError } from '../shared/protocol/command-contract.ts';
import { engineOptionsOf } from './engine-options.ts';
import type { PhoneLine } from './phone-line.ts';
import type { SettingsStore } from './settings-store.ts';
import type { StateHub } from './state-hub.ts';

/**
 * Changes the password the console registers with (plain SIP: the password was changed on the PBX, or is being
 * changed to one the PBX accepts). Checked in order: the current password is the one in use (the password of this
 * browser session, or the remembered HA1 for its realm); no call is in progress (logging in again starts a new user
 * agent); then the line logs in with the new password. Only once the server accepted it is anything stored; a
 * refusal brings the line back with the old password and says why.
 */
export async function changePassword(
  { current, next }: PasswordChange,
  { hub, store, phone }: { hub: StateHub; store: SettingsStore; phone: PhoneLine },
): Promise<void> {
  const account = hub.state.account;
  if (account === null) throw new CommandError({ code: 'failed', messageKey: 'account_not_set' });
  const user = effectiveAuthorizationUser(account.settings);
  const [sessionPassword, kept] = await Promise.all([store.loadSessionPassword(), store.loadRememberedLogin()]);
  const isCurrent =
    sessionPassword !== null
      ? sessionPassword === current
      : kept !== null && digestHa1(user, kept.realm, current) === kept.ha1;
  if (!isCurrent) throw CommandError.invalidInput([{ field: 'current', messageKey: 'error_current_password' }]);
  if (hub.state.calls.some((call) => call.status !== 'Ended')) {
    throw new CommandError({ code: 'failed', messageKey: 'error_password_calls_in_progress' });
  }
  const options = engineOptionsOf(hub.state.phone, hub.state.services, hub.state.contacts.watchedLines);
  let newRealm: string | null;
  try {
    ({ realm: newRealm } = await phone.send('engine/login', {
      account: account.settings,
      credential: { kind: 'password', password: next },
      options,
    }));
  } catch (error) {
    const previous: Credential =
      sessionPassword !== null
        ? { kind: 'password', password: sessionPassword }
        : { kind: 'ha1', ha1: kept?.ha1 ?? '' };
    await phone
      .send('engine/login', { account: account.settings, credential: previous, options })
      .catch(() => undefined);
    if (error instanceof CommandError && error.payload.messageKey === 'failure_wrong_credentials') {
      throw CommandError.invalidInput([{ field: 'next', messageKey: 'error_new_password_refused' }]);
    }
    throw error;
  }
  const remembered =
    account.rememberMe && newRealm !== null ? { ha1: digestHa1(user, newRealm, next), realm: newRealm } : null;
  await Promise.all([
    store.saveSessionPassword(next),
    ...(account.rememberMe ? [store.saveRememberedLogin(remembered)] : []),
  ]);
}
