import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser.ts';
import {
  isLinkingAllowedOn,
  originsOfSite,
  siteMatches,
  type ClickToCallState,
} from '../shared/model/click-to-call.ts';
import { commandOrReport } from '../shared/ui/command-client.ts';
import { postGlobalMessage } from '../shared/ui/global-messages.ts';
import { t } from '../shared/ui/i18n-signal.ts';
import { currentSite } from './current-site.ts';

/**
 * Click-to-call on the page behind the popup: on or off for this site, and the way to allow it when the browser has
 * not been asked yet (the permission for this one site only).
 */
export function SiteSwitch({ clickToCall }: { clickToCall: ClickToCallState }) {
  const [site, setSite] = useState<string | null>(null);
  useEffect(() => {
    void currentSite().then(setSite);
  }, []);
  if (site === null) return null;
  const hostname = site.replace(/:\d+$/, '');
  const isGranted =
    clickToCall.hostAccess === 'all' ||
    clickToCall.grantedSites.some((granted) => siteMatches(hostname, granted) || granted === site);
  const isOn = isLinkingAllowedOn(site, clickToCall.settings);

  const setEnabled = async (isEnabled: boolean) => {
    await commandOrReport('click-to-call/set-site', { site, isEnabled });
  };
  // Asked from the click itself: the browser shows its prompt only in answer to a user gesture.
  const grant = () => {
    browser.permissions.request({ origins: originsOfSite(hostname) }).then(
      (granted) => (granted ? setEnabled(true) : postGlobalMessage('warning', t('web_pages_grant_refused'))),
      (reason: unknown) => postGlobalMessage('error', String(reason)),
    );
  };

  if (!isGranted) {
    return (
      <section class="popup__site" data-testid="site-switch">
        <p class="hint">{t('web_pages_grant_why')}</p>
        <button type="button" onClick={grant} data-testid="site-grant">
          {t('popup_site_enable', site)}
        </button>
      </section>
    );
  }
  return (
    <section class="popup__site" data-testid="site-switch">
      <p data-testid="site-state">{isOn ? t('popup_site_on', site) : t('popup_site_off', site)}</p>
      <button type="button" onClick={() => void setEnabled(!isOn)} data-testid="site-toggle">
        {isOn ? t('popup_site_disable') : t('popup_site_enable_again')}
      </button>
    </section>
  );
}
