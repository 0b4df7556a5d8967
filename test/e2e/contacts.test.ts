import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { addPersonalContact, directoryNames, replaceText, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;
const FIXTURES = new URL('../fixtures/contacts/', import.meta.url).pathname;

/** The contacts pane (issue #13), driven as a receptionist does, against Kamailio. */
describe('the contacts pane', () => {
  const env = usePhoneLab();

  const openTab = async (panel: Page, tab: string) => {
    await panel.click(`#contacts-tab-${tab}`);
    await panel.waitForSelector(`[aria-labelledby="contacts-tab-${tab}"]`);
  };

  it('keeps a personal contact, finds it from the search by the start of any of its words, calls it from the keyboard, and names its calls', async () => {
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);

    // A contact without a name is refused, with the reason at the field; nothing is kept.
    await openTab(panel, 'personal');
    await panel.click('[data-testid="contact-add"]');
    await panel.type('[data-testid="contact-form-number"]', 'bob');
    await panel.click('[data-testid="contact-form-save"]');
    await waitForText(panel, '[data-testid="contact-form"] [role="alert"]', /A name is needed/);
    await panel.keyboard.press('Escape');
    await panel.waitForSelector('[data-testid="contact-form"]', { hidden: true });

    await addPersonalContact(panel, 'Robert Martin', 'bob');
    await waitForText(panel, '[data-testid="directory-personal"] .contact__name', /^Robert Martin$/);

    await openTab(panel, 'search');
    await panel.type('[data-testid="contact-search-input"]', 'mart rob');
    await waitForText(panel, '[data-testid="contact-search"] .contact__name', /^Robert Martin$/);
    await replaceText(panel, '[data-testid="contact-search-input"]', 'ROBERT');
    await waitForText(panel, '[data-testid="contact-search"] .contact__name', /^Robert Martin$/);
    // Enter calls the contact marked.
    await panel.keyboard.press('Enter');
    await bob.evaluate(() => window.peer.waitForIncoming(10_000));
    await waitForText(panel, '[data-testid="call-party"]', /^Robert Martin$/);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });

    // Bob calling in is named from the directory, with the directory it came from.
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await waitForText(panel, '[data-testid="call-party"]', /^Robert Martin$/);
    await waitForText(panel, '[data-testid="call-directory"]', /Personal/);
    await env.session.screenshot(panel, 'contacts-caller-named-en');
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
    // The history keeps the directory's name.
    await panel.click('[data-testid="open-history"]');
    await panel.click('[data-filter="all"]');
    await waitForText(panel, '[data-testid="history-row"] .history__party', /^Robert Martin$/);
    await panel.keyboard.press('Escape');

    // A star makes a favourite; hiding the directory takes it out of the search.
    await openTab(panel, 'search');
    await replaceText(panel, '[data-testid="contact-search-input"]', 'martin');
    await panel.waitForSelector('[data-testid="contact-search"] [data-action="contact-favorite"]', POLL);
    await panel.click('[data-testid="contact-search"] [data-action="contact-favorite"]');
    await openTab(panel, 'favorites');
    await waitForText(panel, '[data-testid="favorites"] .contact__name', /^Robert Martin$/);
    // A click on the contact shows its details, a second click folds them.
    await panel.click('[data-testid="favorites"] [data-testid="contact-toggle"]');
    await waitForText(panel, '[data-testid="contact-details"]', /bob/);
    await panel.click('[data-testid="favorites"] [data-testid="contact-toggle"]');
    await panel.waitForSelector('[data-testid="contact-details"]', { hidden: true });
    await openTab(panel, 'directories');
    await panel.click('[data-testid="directory-shown-personal"]');
    await openTab(panel, 'search');
    await replaceText(panel, '[data-testid="contact-search-input"]', 'martinez');
    await replaceText(panel, '[data-testid="contact-search-input"]', 'martin');
    await waitForText(panel, '[data-testid="contact-search"]', /No contact matches/);
    await openTab(panel, 'directories');
    await panel.click('[data-testid="directories-show-all"]');
  });

  it('names a ringing caller as soon as the receptionist adds them to a directory', async () => {
    const carol = await env.lab.openPeer(env.session, 'carol');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await carol.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await waitForText(panel, '[data-testid="call-party"]', /carol/);

    await addPersonalContact(panel, 'Carole Dupont', 'carol');
    await waitForText(panel, '[data-testid="call-party"]', /^Carole Dupont$/);
    await waitForText(panel, '[data-testid="call-directory"]', /Personal/);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
  });

  it('transfers a call to a contact dropped onto it', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await addPersonalContact(panel, 'Alice Roux', 'alice');
    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    const contact = await panel.waitForSelector('[data-testid="directory-personal"] [aria-label="Alice Roux"]');
    const call = await panel.$('[data-testid="call"]');
    if (contact === null || call === null) throw new Error('the contact and the call should be shown');
    await panel.setDragInterception(true);
    await contact.dragAndDrop(call);
    await panel.setDragInterception(false);
    await alice.evaluate(() => window.peer.waitForIncoming(10_000));
    await alice.evaluate(() => window.peer.answer());
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
  });

  it('dials a speed dial code typed in the dial box', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openTab(panel, 'speed-dial');
    await panel.click('[data-testid="speed-dial-add"]');
    await panel.type('[data-testid="speed-dial-code"]', '7');
    await panel.type('[data-testid="speed-dial-name"]', 'Alice');
    await panel.type('[data-testid="speed-dial-number"]', 'alice');
    await panel.click('[data-testid="speed-dial-save"]');
    await panel.waitForSelector('[data-code="7"]', POLL);
    await panel.type('#dial-target', '7');
    await panel.keyboard.press('Enter');
    await alice.evaluate(() => window.peer.waitForIncoming(10_000));
    await panel.click('[data-action="hang-up"]');
  });

  it('imports a vCard file after a preview of what is wrong, shows every field as text, refuses a file that is not contacts, and exports the directory again', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openTab(panel, 'outlook');
    await panel.click('[data-testid="contacts-import"]');
    const fileInput = async () => {
      const input = await panel.waitForSelector('input[data-testid="import-file"]');
      if (input === null) throw new Error('no file input');
      return input;
    };
    await (await fileInput()).uploadFile(`${FIXTURES}not-contacts.csv`);
    await waitForText(panel, '[data-testid="import-error"]', /no name column or no number column/);

    await (await fileInput()).uploadFile(`${FIXTURES}mixed.vcf`);
    await waitForText(panel, '[data-testid="import-summary"]', /^2 contacts ready to import, 2 rows with errors/);
    expect(await panel.$$eval('[data-testid="import-errors"] li', (items) => items.length)).toBe(2);
    await env.session.screenshot(panel, 'contacts-import-preview-en');
    // Nothing is stored before the receptionist says so.
    expect(await panel.$eval('#contacts-panel-outlook', (tab) => tab.textContent)).toMatch(/No Outlook contact yet/);
    await panel.click('[data-testid="import-add"]');
    await panel.waitForSelector('[data-testid="import-dialog"]', { hidden: true, timeout: 15_000 });
    await waitForText(panel, '[data-testid="global-message"]', /2 contacts imported into Outlook/);
    const names = await directoryNames(panel, '[data-testid="directory-outlook"]', 2);
    expect(names).toContain('<b>Hugo</b> Lefevre');
    expect(names).toContain('Claire Dubois');
    // The markup in a name is text, never an element.
    expect(await panel.$('[data-testid="directory-outlook"] .contact__name b')).toBeNull();

    // Exported again as a vCard (the file formats load only now): the file the browser is handed holds both.
    await panel.evaluate(() => {
      const exported: Promise<string>[] = [];
      (window as unknown as { exported: Promise<string>[] }).exported = exported;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) exported.push(blob.text());
        return create(blob);
      };
    });
    await panel.click('[data-testid="directory-outlook"] [data-testid="contacts-export"]');
    const vcardEntry = await panel.waitForSelector('[role="menuitem"]::-p-text(vCard)');
    await vcardEntry?.click();
    await panel.waitForFunction(() => (window as unknown as { exported: unknown[] }).exported.length === 1);
    const file = await panel.evaluate(() => (window as unknown as { exported: Promise<string>[] }).exported[0]);
    expect(file?.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(file).toContain('FN:Claire Dubois');
  });
});
