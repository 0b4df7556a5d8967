import { useMemo, useState } from 'preact/hooks';
import { getCountries } from 'libphonenumber-js';
import type { PhoneSettings } from '../../shared/model/phone-settings.ts';
import { command } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic, uiLanguage } from '../../shared/ui/i18n-signal.ts';
import { CheckboxField, SelectField } from './settings-fields.tsx';

/**
 * Settings › Dial plan: how typed and pasted numbers become what the PBX dials, how DTMF is sent, and what the busy
 * lamps do (how a colleague's ringing call is picked up, when an unanswered transfer comes back).
 */
export function DialPlanTab({ phone }: { phone: PhoneSettings }) {
  const [prefix, setPrefix] = useState(phone.outsideLinePrefix);
  const [extensionLength, setExtensionLength] = useState(String(phone.extensionLength));
  const [recallSeconds, setRecallSeconds] = useState(String(phone.transferRecallSeconds));
  const [overflowTo, setOverflowTo] = useState(phone.receptionQueueOverflowTo);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const language = uiLanguage.value;
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, language));
  }, [language]);

  const update = async (patch: Partial<PhoneSettings>) => {
    const result = await command('settings/update-phone', patch);
    if (result.ok) {
      setErrors({});
      postGlobalMessage('info', t('settings_saved'));
      return;
    }
    setErrors(
      Object.fromEntries((result.error.fields ?? []).map((issue) => [issue.field, tDynamic(issue.messageKey)])),
    );
    postGlobalMessage('error', tDynamic(result.error.messageKey));
  };

  return (
    <form
      class="settings__form"
      onSubmit={(event) => {
        event.preventDefault();
        void update({ outsideLinePrefix: prefix, extensionLength: Number(extensionLength) });
      }}
    >
      <SelectField
        id="settings-country"
        label={t('settings_country')}
        value={phone.defaultCountry}
        onChange={(code) => void update({ defaultCountry: code as PhoneSettings['defaultCountry'] })}
      >
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <div class="field">
        <label for="settings-outside-prefix">{t('settings_outside_prefix')}</label>
        <input
          id="settings-outside-prefix"
          type="text"
          inputMode="tel"
          value={prefix}
          aria-invalid={errors['outsideLinePrefix'] !== undefined}
          aria-describedby="settings-outside-prefix-hint"
          onInput={(event) => setPrefix(event.currentTarget.value)}
        />
        <p id="settings-outside-prefix-hint" class="field-hint">
          {errors['outsideLinePrefix'] ?? t('settings_outside_prefix_hint')}
        </p>
      </div>
      <div class="field">
        <label for="settings-extension-length">{t('settings_extension_length')}</label>
        <input
          id="settings-extension-length"
          type="number"
          min={0}
          max={8}
          value={extensionLength}
          aria-invalid={errors['extensionLength'] !== undefined}
          aria-describedby="settings-extension-length-hint"
          onInput={(event) => setExtensionLength(event.currentTarget.value)}
        />
        <p id="settings-extension-length-hint" class="field-hint">
          {errors['extensionLength'] ?? t('settings_extension_length_hint')}
        </p>
      </div>
      <button type="submit" class="primary" data-testid="save-dial-plan">
        {t('save')}
      </button>
      <SelectField
        id="settings-dtmf"
        label={t('settings_dtmf')}
        value={phone.dtmfMode}
        onChange={(mode) => void update({ dtmfMode: mode as PhoneSettings['dtmfMode'] })}
      >
        <option value="rfc4733">{t('settings_dtmf_rfc4733')}</option>
        <option value="info">{t('settings_dtmf_info')}</option>
      </SelectField>
      <fieldset>
        <legend>{t('settings_busy_lamps')}</legend>
        <SelectField
          id="settings-pickup-method"
          label={t('settings_pickup_method')}
          value={phone.pickupMethod}
          onChange={(method) => void update({ pickupMethod: method as PhoneSettings['pickupMethod'] })}
        >
          <option value="replaces">{t('settings_pickup_replaces')}</option>
          <option value="feature-code">{t('settings_pickup_feature_code')}</option>
        </SelectField>
        <div class="field">
          <label for="settings-transfer-recall">{t('settings_transfer_recall')}</label>
          <input
            id="settings-transfer-recall"
            type="number"
            min={0}
            max={300}
            value={recallSeconds}
            aria-invalid={errors['transferRecallSeconds'] !== undefined}
            aria-describedby="settings-transfer-recall-hint"
            onInput={(event) => setRecallSeconds(event.currentTarget.value)}
            onChange={(event) => void update({ transferRecallSeconds: Number(event.currentTarget.value) })}
          />
          <p id="settings-transfer-recall-hint" class="field-hint">
            {errors['transferRecallSeconds'] ?? t('settings_transfer_recall_hint')}
          </p>
        </div>
      </fieldset>
      <fieldset data-testid="reception-queue-settings">
        <legend>{t('settings_reception_queue')}</legend>
        <CheckboxField
          id="settings-reception-queue"
          label={t('settings_reception_queue_on')}
          hint={t('settings_reception_queue_hint')}
          checked={phone.receptionQueue}
          onChange={(isOn) => void update({ receptionQueue: isOn })}
        />
        <CheckboxField
          id="settings-reception-queue-music"
          label={t('settings_reception_queue_music')}
          hint={t('settings_reception_queue_music_hint')}
          checked={phone.receptionQueueMusic}
          onChange={(isOn) => void update({ receptionQueueMusic: isOn })}
        />
        <NumberSetting
          id="settings-overflow-seconds"
          label={t('settings_overflow_seconds')}
          max={3600}
          value={phone.receptionQueueOverflowSeconds}
          error={errors['receptionQueueOverflowSeconds']}
          onSave={(value) => void update({ receptionQueueOverflowSeconds: value })}
        />
        <NumberSetting
          id="settings-overflow-callers"
          label={t('settings_overflow_callers')}
          max={50}
          value={phone.receptionQueueMaxCallers}
          error={errors['receptionQueueMaxCallers']}
          onSave={(value) => void update({ receptionQueueMaxCallers: value })}
        />
        <div class="field">
          <label for="settings-overflow-to">{t('settings_overflow_to')}</label>
          <input
            id="settings-overflow-to"
            type="text"
            inputMode="tel"
            value={overflowTo}
            onInput={(event) => setOverflowTo(event.currentTarget.value)}
            onChange={(event) => void update({ receptionQueueOverflowTo: event.currentTarget.value })}
          />
        </div>
      </fieldset>
    </form>
  );
}

/** A whole number saved when it is changed (on blur or Enter), with the reason when it is refused. */
function NumberSetting({
  id,
  label,
  max,
  value,
  error,
  onSave,
}: {
  id: string;
  label: string;
  max: number;
  value: number;
  error: string | undefined;
  onSave: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        max={max}
        value={text}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => onSave(Number(event.currentTarget.value))}
      />
      {error !== undefined && (
        <p id={`${id}-error`} class="field-hint">
          {error}
        </p>
      )}
    </div>
  );
}
