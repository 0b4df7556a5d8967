import * as v from 'valibot';
import type { CountryCode } from 'libphonenumber-js/core';
import { PageNumberFinder } from '../shared/phone-number/page-number-finder.ts';
import { PageSettingsChangedSchema, PageSettingsSchema, type PageSettings } from '../shared/protocol/page-settings.ts';
import { listenForActivation, type PageDialRequest } from './activation.ts';
import { onBackgroundMessage, sendToBackground } from './extension-runtime.ts';
import { showHoverCards } from './hover-card.ts';
import { NumberLinks } from './number-links.ts';
import { PageScanner } from './page-scanner.ts';

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
      const scanner = new PageScanner(document, new PageNumberFinder(settings.defaultCountry as CountryCode), links);
      const stopActivation = listenForActivation(document, links, dial);
      const stopCards = showHoverCards(document, links, dial);
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
    const pushed = v.safeParse(PageSettingsChangedSchema, message);
    if (pushed.success) apply(pushed.output.payload);
  });
  void sendToBackground('click-to-call/page-settings', {}, PageSettingsSchema).then((settings) => {
    if (settings !== null) apply(settings);
  });
}
