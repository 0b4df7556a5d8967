import type { ConsoleState } from './console-state.ts';
import { RegistrationStatus } from '../../shared/model/registration.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { RegistrationStatusText } from '../../shared/ui/registration-status.tsx';
import { AccountForm } from '../settings/account-form.tsx';

/** The console's login page, shown whenever the line is not logged in. */
export function LoginView({ state }: { state: ConsoleState }) {
  const showsStatus =
    state.registration.status === RegistrationStatus.Failed ||
    state.registration.status === RegistrationStatus.Registering;
  return (
    <main class="login" data-testid="login">
      <h1>{t('login_title')}</h1>
      <p>{t('login_intro')}</p>
      {showsStatus && <RegistrationStatusText registration={state.registration} />}
      <AccountForm initial={state.account?.settings ?? null} rememberMe={state.account?.rememberMe ?? false} />
    </main>
  );
}

/** Whether the side panel should ask the receptionist to log in rather than show the console. */
export function needsLogin(state: ConsoleState): boolean {
  const { account, registration } = state;
  if (account === null || !account.hasCredential) return true;
  if (registration.status === RegistrationStatus.Unconfigured || registration.status === RegistrationStatus.LoggedOut) {
    return true;
  }
  return registration.status === RegistrationStatus.Failed && registration.reason === 'wrong-credentials';
}
