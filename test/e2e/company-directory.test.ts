import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryNames, replaceText, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';
import { Radicale, RADICALE_PASSWORD, RADICALE_USER } from '../support/radicale.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** The company directory from a real CardDAV server (Radicale), set up in Settings and used by the console. */
describe(
  'a company directory on CardDAV',
  () => {
    const env = usePhoneLab();
    let radicale: Radicale;
    beforeAll(async () => {
      radicale = await Radicale.start();
      await radicale.put([
        { uid: 'alice', name: 'Alice Durand', number: 'alice', department: 'Sales' },
        { uid: 'paul', name: 'Paul Girard', number: '+33 1 42 68 53 10', department: 'Support' },
      ]);
    });
    afterAll(async () => radicale?.stop());

    it('is set up in Settings, read at once, names callers, is read again for changes, and stays usable when the server is down', async () => {
      const alice = await env.lab.openPeer(env.session, 'alice');
      const panel = await env.lab.openLoggedInConsole(env.session);
      await panel.click('[data-testid="open-settings"]');
      await panel.click('#settings-tab-directories');
      await (await panel.waitForSelector('[data-testid="directory-source-add"]'))?.click();
      await panel.type('[data-testid="directory-source-name"]', 'Acme');
      await panel.type('[data-testid="directory-source-url"]', radicale.bookUrl);
      await panel.type('[data-testid="directory-source-username"]', RADICALE_USER);
      await panel.type('[data-testid="directory-source-password"]', 'not-the-password');
      await panel.click('[data-testid="directories-settings-save"]');
      await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
      await panel.click('[data-testid="back-to-application"]');

      // A wrong password is said in words, in the directory's tab.
      await panel.click('#contacts-tab-company');
      await waitForText(panel, '[data-testid="directory-sync-error"]', /refused the user name or password \(401\)/);

      await panel.click('[data-testid="open-settings"]');
      await panel.click('#settings-tab-directories');
      await panel.waitForSelector('[data-testid="directory-source-password"]');
      await replaceText(panel, '[data-testid="directory-source-password"]', RADICALE_PASSWORD);
      await panel.click('[data-testid="directories-settings-save"]');
      await panel.click('[data-testid="back-to-application"]');
      await panel.click('#contacts-tab-company');
      await panel.waitForSelector('[data-testid="directory-sync-error"]', { hidden: true, timeout: 15_000 });
      await waitForText(panel, '[data-testid="directory-sync"]', /2 contacts/);
      expect(await directoryNames(panel, '[data-testid^="directory-company"]', 2)).toEqual([
        'Alice Durand',
        'Paul Girard',
      ]);
      await env.session.screenshot(panel, 'contacts-company-en');

      // A colleague calling is named from the company directory.
      await alice.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
      await waitForText(panel, '[data-testid="call-party"]', /^Alice Durand$/);
      await waitForText(panel, '[data-testid="call-directory"]', /Acme/);
      await panel.click('[data-action="hang-up"]');

      // A change on the server comes with the next read.
      await radicale.put([{ uid: 'nina', name: 'Nina Petit', number: '+33 1 42 68 53 11' }]);
      await panel.click('[data-testid="directory-sync-now"]');
      await waitForText(panel, '[data-testid="directory-sync"]', /3 contacts/);

      // The server down: said, and the copy still answers searches.
      await radicale.stop();
      await panel.click('[data-testid="directory-sync-now"]');
      await waitForText(panel, '[data-testid="directory-sync-error"]', /cannot be reached/);
      await panel.click('#contacts-tab-search');
      await panel.type('[data-testid="contact-search-input"]', 'nina');
      await waitForText(panel, '[data-testid="contact-search"] .contact__name', /^Nina Petit$/, 15_000);
      expect(
        await panel.$eval('[data-testid="contact-search"] .contact-group__title', (title) => title.textContent),
      ).toBe('Acme');
    });
  },
  POLL.timeout * 6,
);
