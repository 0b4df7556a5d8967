import type { PbxBackendState } from '../../shared/model/pbx-backend.ts';
import { useState } from 'preact/hooks';
import type { Services } from '../../shared/model/services.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t, tDynamic } from '../../shared/ui/i18n-signal.ts';
import { CheckboxField, SelectField } from './settings-fields.tsx';
import type { MessageKey } from '../../shared/i18n.ts';

const FEATURE_CODE_FIELDS: readonly (readonly [keyof Services['featureCodes'], MessageKey])[] = [
  ['dndOn', 'feature_dnd_on'],
  ['dndOff', 'feature_dnd_off'],
  ['cfaOn', 'feature_cfa_on'],
  ['cfaOff', 'feature_cfa_off'],
  ['voicemail', 'feature_voicemail'],
  ['voicemailTransfer', 'feature_voicemail_transfer'],
  ['park', 'feature_park'],
  ['callTrace', 'feature_call_trace'],
  ['pickup', 'feature_pickup'],
];

/**
 * Settings › Services, as the guide describes it: tick "Active" for Do Not Disturb or Call Forwarding Always, give
 * the forward-to number and the ring splash, and Save. Each service acts here or on the PBX, through the
 * feature access codes set below (also used for voicemail, park and call trace).
 */
export function ServicesTab({ services, pbx }: { services: Services; pbx: PbxBackendState }) {
  const [draft, setDraft] = useState<Services>(services);
  const [error, setError] = useState<string | null>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    if (draft.cfa.isActive && draft.cfa.target.trim() === '') {
      setError(t('error_forward_to_required'));
      return;
    }
    const result = await command('settings/update-services', draft);
    if (result.ok) {
      setError(null);
      postGlobalMessage('info', t('settings_saved'));
    } else {
      // The PBX's own words, when it gave some (XSI's ErrorInfo), after ours.
      const detail = pbx.backend === 'xsi' ? result.error.detail : undefined;
      const message = detail === undefined ? errorText(result.error) : `${errorText(result.error)} (${detail})`;
      setError(message);
      postGlobalMessage('error', message);
    }
  };
  const modeOptions = (
    <>
      <option value="local">{t('service_mode_local')}</option>
      <option value="pbx">{pbx.backend === 'xsi' ? t('service_mode_pbx_xsi') : t('service_mode_pbx')}</option>
    </>
  );
  return (
    <form class="settings__form" onSubmit={(event) => void save(event)} data-testid="services">
      <PbxBackendStatus pbx={pbx} />
      <fieldset>
        <legend>{t('service_dnd')}</legend>
        <CheckboxField
          id="service-dnd-active"
          label={t('service_active')}
          checked={draft.dnd.isActive}
          onChange={(isActive) => setDraft({ ...draft, dnd: { ...draft.dnd, isActive } })}
        />
        <SelectField
          id="service-dnd-mode"
          label={t('service_mode')}
          value={draft.dnd.mode}
          onChange={(mode) => setDraft({ ...draft, dnd: { ...draft.dnd, mode: mode as Services['dnd']['mode'] } })}
        >
          {modeOptions}
        </SelectField>
        <SelectField
          id="service-dnd-reject"
          label={t('service_dnd_reject_as')}
          value={draft.dnd.rejectAs}
          onChange={(rejectAs) =>
            setDraft({ ...draft, dnd: { ...draft.dnd, rejectAs: rejectAs as Services['dnd']['rejectAs'] } })
          }
        >
          <option value="busy">{t('service_dnd_busy')}</option>
          <option value="unavailable">{t('service_dnd_unavailable')}</option>
        </SelectField>
      </fieldset>
      <fieldset>
        <legend>{t('service_cfa')}</legend>
        <CheckboxField
          id="service-cfa-active"
          label={t('service_active')}
          checked={draft.cfa.isActive}
          onChange={(isActive) => setDraft({ ...draft, cfa: { ...draft.cfa, isActive } })}
        />
        <div class="field">
          <label for="service-cfa-target">{t('service_cfa_target')}</label>
          <input
            id="service-cfa-target"
            type="text"
            inputMode="tel"
            value={draft.cfa.target}
            onInput={(event) => setDraft({ ...draft, cfa: { ...draft.cfa, target: event.currentTarget.value } })}
          />
        </div>
        <CheckboxField
          id="service-cfa-splash"
          label={t('service_cfa_splash')}
          checked={draft.cfa.hasRingSplash}
          onChange={(hasRingSplash) => setDraft({ ...draft, cfa: { ...draft.cfa, hasRingSplash } })}
        />
        <SelectField
          id="service-cfa-mode"
          label={t('service_mode')}
          value={draft.cfa.mode}
          onChange={(mode) => setDraft({ ...draft, cfa: { ...draft.cfa, mode: mode as Services['cfa']['mode'] } })}
        >
          {modeOptions}
        </SelectField>
      </fieldset>
      <fieldset>
        <legend>{t('feature_codes')}</legend>
        <p class="hint">{t('feature_codes_hint')}</p>
        {FEATURE_CODE_FIELDS.map(([key, label]) => (
          <div class="field" key={key}>
            <label for={`feature-${key}`}>{t(label)}</label>
            <input
              id={`feature-${key}`}
              type="text"
              inputMode="tel"
              size={8}
              value={draft.featureCodes[key]}
              onInput={(event) =>
                setDraft({ ...draft, featureCodes: { ...draft.featureCodes, [key]: event.currentTarget.value } })
              }
            />
          </div>
        ))}
        <div class="field">
          <label for="service-park-slots">{t('settings_park_slots')}</label>
          <input
            id="service-park-slots"
            type="text"
            inputMode="tel"
            value={draft.parkSlots}
            aria-describedby="service-park-slots-hint"
            onInput={(event) => setDraft({ ...draft, parkSlots: event.currentTarget.value })}
          />
          <p id="service-park-slots-hint" class="field-hint">
            {t('settings_park_slots_hint')}
          </p>
        </div>
      </fieldset>
      {error !== null && (
        <p class="form-error" role="alert" data-testid="services-error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" data-testid="save-services">
        {t('save')}
      </button>
    </form>
  );
}

/**
 * Which backend keeps the services "on the PBX" — the feature codes of plain SIP, or BroadWorks XSI (Settings ›
 * Account) — and whether its last exchange worked, in words.
 */
function PbxBackendStatus({ pbx }: { pbx: PbxBackendState }) {
  const status =
    pbx.backend === 'sip'
      ? t('pbx_backend_sip')
      : pbx.status === 'ok'
        ? t('pbx_backend_xsi_ok')
        : pbx.status === 'unknown'
          ? t('pbx_backend_xsi_unknown')
          : `${t('pbx_backend_xsi_failing')} ${tDynamic(pbx.problem ?? 'error_xsi_server')}${pbx.detail === null ? '' : ` (${pbx.detail})`}`;
  return (
    <p
      class={`hint pbx-backend pbx-backend--${pbx.status}`}
      data-testid="pbx-backend"
      data-backend={pbx.backend}
      data-status={pbx.status}
      role="status"
    >
      {status}
    </p>
  );
}
