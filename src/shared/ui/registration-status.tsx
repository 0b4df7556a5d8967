import { useClock } from './use-clock.ts';
import { RegistrationStatus, type RegistrationState } from '../model/registration.ts';
import { t, tDynamic } from './i18n-signal.ts';

/** The line's registration in words, with the failure reason or the reconnect countdown. */
export function registrationText(registration: RegistrationState, now: number): string {
  switch (registration.status) {
    case RegistrationStatus.Reconnecting: {
      // While an attempt is under way there is nothing to count down: say the line is lost and being brought back.
      const seconds = Math.ceil((registration.retryAt - now) / 1000);
      return seconds > 0 ? t('status_Reconnecting', seconds) : t('status_Reconnecting_now');
    }
    case RegistrationStatus.Failed:
      return `${t('status_Failed')} — ${tDynamic(`failure_${registration.reason.replaceAll('-', '_')}`)}`;
    default:
      return tDynamic(`status_${registration.status}`);
  }
}

export function RegistrationStatusText({ registration }: { registration: RegistrationState }) {
  const now = useClock(registration.status === RegistrationStatus.Reconnecting);
  return (
    <span class={`registration registration--${registration.status}`} data-testid="registration-status" role="status">
      <span class="registration__dot" aria-hidden="true" />
      {registrationText(registration, now)}
    </span>
  );
}
