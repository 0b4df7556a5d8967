import { useState } from 'preact/hooks';
import { browser } from '../../platform/browser.ts';
import { ALL_SITE_ORIGINS, type ClickToCallSettings, type ClickToCallState } from '../../shared/model/click-to-call.ts';
import { command, errorText } from '../../shared/ui/command-client.ts';
import { postGlobalMessage } from '../../shared/ui/global-messages.ts';
import { t } from '../../shared/ui/i18n-signal.ts';
import { CheckboxField } from './settings-fields.tsx';

/**
 * Settings › Web pages: click-to-call. The browser's permission decides where the extension may look at all (asked
 * for here for every site, or per site from the toolbar popup); the lists and switches here narrow it.
 */
export function WebPagesTab({ clickToCall }: { clickToCall: ClickToCallState }) {
  const [draft, setDraft] = useState<ClickToCallSettings>(clickToCall.settings);
  const [allowed, setAllowed] = useState(clickToCall.settings.allowedSites.join('\n'));
  const [denied, setDenied] = useState(clickToCall.settings.deniedSites.join('\n'));
  const [error, setError] = useState<string | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    const result = await command('settings/update-click-to-call', {
      ...draft,
      allowedSites: lines(allowed),
      deniedSites: lines(denied),
    });
    if (result.ok) {
      setError(null);
      postGlobalMessage('info', t('settings_saved'));
      return;
    }
    const message = errorText(result.error);
    setError(message);
    postGlobalMessage('error', message);
  };
  // Asked straight from the click: browsers only show the permission prompt in answer to a user gesture.
  const grantAll = () => {
    browser.permissions.request({ origins: [...ALL_SITE_ORIGINS] }).then(
      (granted) => {
        if (!granted) postGlobalMessage('warning', t('web_pages_grant_refused'));
      },
      (reason: unknown) => postGlobalMessage('error', String(reason)),
    );
  };
  const revokeAll = () => void browser.permissions.remove({ origins: [...ALL_SITE_ORIGINS] });

  return (
    <form class="settings__form" onSubmit={(event) => void save(event)} data-testid="web-pages">
      <p class="hint">{t('web_pages_intro')}</p>
      <CheckboxField
        id="web-pages-enabled"
        label={t('web_pages_enabled')}
        checked={draft.isEnabled}
        onChange={(isEnabled) => setDraft({ ...draft, isEnabled })}
      />
      <fieldset>
        <legend>{t('web_pages_access')}</legend>
        <p data-testid="web-pages-access">
          {clickToCall.hostAccess === 'all'
            ? t('web_pages_access_all')
            : clickToCall.hostAccess === 'some'
              ? clickToCall.grantedSites.join(', ')
              : t('web_pages_access_none')}
        </p>
        {clickToCall.hostAccess === 'all' ? (
          <button type="button" onClick={revokeAll}>
            {t('web_pages_revoke_all')}
          </button>
        ) : (
          <>
            <p class="hint" id="web-pages-grant-why">
              {t('web_pages_grant_why')}
            </p>
            <button
              type="button"
              onClick={grantAll}
              aria-describedby="web-pages-grant-why"
              data-testid="web-pages-grant-all"
            >
              {t('web_pages_grant_all')}
            </button>
          </>
        )}
      </fieldset>
      <div class="field">
        <label for="web-pages-allowed">{t('web_pages_allowed_sites')}</label>
        <textarea
          id="web-pages-allowed"
          rows={3}
          value={allowed}
          aria-describedby="web-pages-allowed-hint"
          onInput={(event) => setAllowed(event.currentTarget.value)}
        />
        <p class="hint" id="web-pages-allowed-hint">
          {t('web_pages_allowed_sites_hint')}
        </p>
      </div>
      <div class="field">
        <label for="web-pages-denied">{t('web_pages_denied_sites')}</label>
        <textarea
          id="web-pages-denied"
          rows={3}
          value={denied}
          aria-describedby="web-pages-denied-hint"
          onInput={(event) => setDenied(event.currentTarget.value)}
          data-testid="web-pages-denied"
        />
        <p class="hint" id="web-pages-denied-hint">
          {t('web_pages_denied_sites_hint')}
        </p>
      </div>
      <CheckboxField
        id="web-pages-confirm-international"
        label={t('web_pages_confirm_international')}
        checked={draft.confirmInternational}
        onChange={(confirmInternational) => setDraft({ ...draft, confirmInternational })}
      />
      <CheckboxField
        id="web-pages-confirm-premium"
        label={t('web_pages_confirm_premium')}
        checked={draft.confirmPremium}
        onChange={(confirmPremium) => setDraft({ ...draft, confirmPremium })}
      />
      {error !== null && (
        <p class="form-error" role="alert" data-testid="web-pages-error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" data-testid="save-web-pages">
        {t('save')}
      </button>
    </form>
  );
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
