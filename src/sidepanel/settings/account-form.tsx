import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { AccountFormSchema, type AccountSettings } from '../../shared/model/account.ts';
import { fieldIssuesOf } from '../../shared/protocol/command-contract.ts';
import { command } from '../../shared/ui/command-client.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import type { MessageKey } from '../../shared/i18n.ts';

type FieldName = keyof AccountSettings | 'password';
type InputType = 'text' | 'password';
type FieldErrors = Partial<Record<FieldName, string>>;

const EMPTY_ACCOUNT: AccountSettings = {
  serverUrl: '',
  sipAddress: '',
  authorizationUser: '',
  displayName: '',
  outboundProxy: '',
  xsiUrl: '',
};

const FIELDS: readonly { name: keyof AccountSettings; label: MessageKey; hint?: MessageKey; type?: InputType }[] = [
  { name: 'serverUrl', label: 'field_server_url', hint: 'field_server_url_hint' },
  { name: 'sipAddress', label: 'field_sip_address', hint: 'field_sip_address_hint' },
  { name: 'authorizationUser', label: 'field_authorization_user', hint: 'field_authorization_user_hint' },
  { name: 'displayName', label: 'field_display_name' },
  { name: 'outboundProxy', label: 'field_outbound_proxy' },
  { name: 'xsiUrl', label: 'field_xsi_url', hint: 'field_xsi_url_hint' },
];

/**
 * The console's login: the SIP account and its password. Validated here with the same schema the background checks
 * again on arrival, so the receptionist sees a message beside each field before anything is sent.
 */
export function AccountForm({
  initial,
  rememberMe: initialRememberMe,
}: {
  initial: AccountSettings | null;
  rememberMe: boolean;
}) {
  const [account, setAccount] = useState<AccountSettings>(initial ?? EMPTY_ACCOUNT);
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(initialRememberMe);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = { account, password, rememberMe };
    const parsed = v.safeParse(AccountFormSchema, form);
    if (!parsed.success) {
      setErrors(errorsByField(fieldIssuesOf(parsed.issues)));
      setFormError(t('error_invalid_input'));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    const result = await command('account/login', form);
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsByField(result.error.fields ?? []));
      setFormError(tDynamic(result.error.messageKey));
    }
  };

  return (
    <form class="account-form" onSubmit={(event) => void submit(event)} noValidate data-testid="account-form">
      {formError !== null && (
        <p class="form-error" role="alert" data-testid="form-error">
          {formError}
        </p>
      )}
      {FIELDS.map((field) => (
        <Field
          key={field.name}
          id={`account-${field.name}`}
          label={t(field.label)}
          hint={field.hint === undefined ? undefined : t(field.hint)}
          type={field.type ?? 'text'}
          value={account[field.name]}
          error={errors[field.name]}
          onInput={(value) => setAccount({ ...account, [field.name]: value })}
        />
      ))}
      <Field
        id="account-password"
        label={t('field_password')}
        type="password"
        value={password}
        error={errors.password}
        onInput={setPassword}
      />
      <div class="field field--checkbox">
        <input
          id="account-remember"
          type="checkbox"
          checked={rememberMe}
          aria-describedby="account-remember-hint"
          onChange={(event) => setRememberMe(event.currentTarget.checked)}
        />
        <label for="account-remember">{t('field_remember_me')}</label>
        <p id="account-remember-hint" class="field-hint">
          {t('field_remember_me_hint')}
        </p>
      </div>
      <button type="submit" class="primary" disabled={isBusy} data-testid="login-submit">
        {t('login_submit')}
      </button>
      <p class="field-hint">{t('forgot_password')}</p>
    </form>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  type: InputType;
  value: string;
  error?: string | undefined;
  onInput: (value: string) => void;
}

function Field({ id, label, hint, type, value, error, onInput }: FieldProps) {
  const describedBy = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: id,
    value,
    autoComplete: type === 'password' ? 'current-password' : 'off',
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy || undefined,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {type === 'password' ? (
        <input {...common} type="password" />
      ) : (
        <input {...common} type="text" spellcheck={false} />
      )}
      {hint !== undefined && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={`${id}-error`} class="field-error" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function errorsByField(issues: readonly { field: string; messageKey: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const name = issue.field.replace(/^account\./, '') as FieldName;
    errors[name] ??= tDynamic(issue.messageKey);
  }
  return errors;
}

function focusFirstInvalid(): void {
  // After Preact has rendered the new aria-invalid attributes.
  setTimeout(() => document.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus(), 0);
}
