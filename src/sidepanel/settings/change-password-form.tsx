import { useState } from 'preact/hooks';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';

type Field = 'current' | 'next' | 'confirm';
const EMPTY = { current: '', next: '', confirm: '' };

/**
 * Settings › General › Change password: current, new, confirmation. Checked here (the confirmation repeats the new
 * one) and by the background (the current one is right, the server accepts the new one). Reset only clears the form.
 */
export function ChangePasswordForm() {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (form.next !== form.confirm) {
      setErrors({ confirm: t('error_password_mismatch') });
      return;
    }
    setBusy(true);
    const result = await command('account/change-password', form);
    setBusy(false);
    if (result.ok) {
      setForm(EMPTY);
      setErrors({});
      postGlobalMessage('info', t('password_changed'));
      return;
    }
    const fieldErrors: Partial<Record<Field, string>> = {};
    for (const issue of result.error.fields ?? []) {
      if (issue.field === 'current' || issue.field === 'next' || issue.field === 'confirm')
        fieldErrors[issue.field] = tDynamic(issue.messageKey);
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length === 0) postGlobalMessage('error', tDynamic(result.error.messageKey));
  };

  const field = (name: Field, label: string, autoComplete: string) => (
    <div class="field">
      <label for={`password-${name}`}>{label}</label>
      <input
        id={`password-${name}`}
        type="password"
        autoComplete={autoComplete}
        value={form[name]}
        aria-invalid={errors[name] !== undefined}
        aria-describedby={errors[name] === undefined ? undefined : `password-${name}-error`}
        onInput={(event) => setForm({ ...form, [name]: event.currentTarget.value })}
      />
      {errors[name] !== undefined && (
        <p id={`password-${name}-error`} class="field-error" role="alert" data-testid={`password-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <form class="settings__form" onSubmit={(event) => void submit(event)} data-testid="change-password">
      <fieldset>
        <legend>{t('password_change')}</legend>
        {field('current', t('password_current'), 'current-password')}
        {field('next', t('password_new'), 'new-password')}
        {field('confirm', t('password_confirm'), 'new-password')}
        <p class="field-hint">{t('forgot_password')}</p>
        <div class="form-actions">
          <button
            type="submit"
            class="primary"
            disabled={isBusy || form.current === '' || form.next === ''}
            data-testid="password-save"
          >
            {t('save')}
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(EMPTY);
              setErrors({});
            }}
            data-testid="password-reset"
          >
            {t('password_reset')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
