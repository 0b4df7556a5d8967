import type { CountryCode } from 'libphonenumber-js/core';
import { PageNumberFinder } from '../shared/phone-number/page-number-finder.ts';
import type { PageSettings } from '../shared/protocol/page-settings.ts';
import { isPageSettings, isPageSettingsChanged } from '../shared/protocol/page-settings-guards.ts';
import { listenForActivation, type PageDialRequest } from './activation.ts';
import { onBackgroundMessage, sendToBackground } from './extension-runtime.ts';
import { showHoverCards } from './hover-card.ts';
import { NumberHighlights } from './number-highlights.ts';
import { NumberLinks } from './number-links.ts';
import { PageScanner } from './page-scanner.ts';
import './number-highlight.css';

/**
 * Click-to-call on a web page. Asks the background whether this site is on and which country national numbers belong
 * to, then links the page's numbers; follows the background when the receptionist switches the site off or on.
 * The page is hostile: nothing here reads page-controlled data as markup, trusts a page event, or answers a page.
 */

const marker = globalThis as { switchboardClickToCall?: true };
if (marker.switchboardClickToCall === undefined) {
  // Injected twice (registered, then again into a tab open before the permission was granted): one is enough.
  marker.switchboardClickToCall = true;
  const links = new NumberLinks(document);
  let running: { country: string; stop: () => void } | null = null;

  const dial = (request: PageDialRequest) => void sendToBackground('click-to-call/dial', request, null);

  const apply = (settings: PageSettings) => {
    if (running !== null && (!settings.isEnabled || running.country !== settings.defaultCountry)) {
      running.stop();
      running = null;
      links.unlinkAll(document);
    }
    if (running === null && settings.isEnabled) {
      const highlights = NumberHighlights.isSupported(window) ? new NumberHighlights(document) : null;
      const finder = new PageNumberFinder(settings.defaultCountry as CountryCode);
      const scanner = new PageScanner(document, finder, links, undefined, highlights);
      const stopActivation = listenForActivation(document, links, dial, highlights);
      const stopCards = showHoverCards(document, links, dial, highlights);
      scanner.start();
      running = {
        country: settings.defaultCountry,
        stop: () => {
          scanner.stop();
          stopActivation();
          stopCards();
        },
      };
    }
  };

  onBackgroundMessage((message) => {
    if (isPageSettingsChanged(message)) apply(message.payload);
  });
  void sendToBackground('click-to-call/page-settings', {}, isPageSettings).then((settings) => {
    if (settings !== null) apply(settings);
  });
}
