import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { addPersonalContact, directoryNames, sendToBackground, waitForText } from '../support/console-page.ts';
import { basicAuthorization } from '../../src/shared/http/basic-authorization.ts';
import { freePort } from '../support/free-port.ts';
import { consoleAtReception, labControl, useLabOffice } from '../support/lab-office.ts';

/**
 * The BroadWorks XSI backend (issue #15) against the lab's XSI-Actions: the services kept on the PBX are read from
 * and switched through XSI, the console says which backend it uses and whether it works, and says why when not.
 */
describe('PBX services through BroadWorks XSI, on the lab', () => {
  const env = useLabOffice();
  const lab = labControl(env);
  const reception = () => `${env.lab.office.reception.user}@${env.lab.office.domain}`;

  /** An XSI-Actions request on the reception's own resources, as the PBX's portal or another client makes it. */
  const asReception = (method: string, resource: string, body?: string) =>
    fetch(`${env.lab.xsiUrl}/com.broadsoft.xsi-actions/v2.0/user/${encodeURIComponent(reception())}/${resource}`, {
      method,
      headers: { Authorization: basicAuthorization(reception(), env.lab.office.reception.password) },
      ...(body === undefined ? {} : { body }),
    });

  async function openServices(panel: Page): Promise<void> {
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-services');
  }

  it('reads Do Not Disturb from the PBX at login, switches it there, and the PBX then refuses calls', async () => {
    // The PBX has Do Not Disturb off; the receptionist keeps it on the PBX.
    const panel = await consoleAtReception(env, { xsiUrl: env.lab.xsiUrl });
    await openServices(panel);
    await waitForText(panel, '[data-testid="pbx-backend"]', /BroadWorks XSI — working/);
    await panel.select('#service-dnd-mode', 'pbx');
    await panel.click('#service-dnd-active');
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    // Switched on the PBX through XSI: no feature-code call, and the PBX turns a colleague's call away.
    expect(env.lab.server.features.doNotDisturbOf(env.lab.office.reception.user).isActive).toBe(true);
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    const { id } = (await lab.post('/parties/201/call', { to: 'reception' })) as { id: string };
    await lab.until(async () => !(await lab.callsOf('201')).some((call) => call.id === id), 'the call refused');
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    await env.session.screenshot(panel, 'settings-services-xsi-en');

    await panel.click('[data-testid="back-to-application"]');
    await waitForLineStatus(panel, 'dnd');

    // Switched off elsewhere (the PBX's portal, another phone): the PBX says so over the event channel, and the
    // console shows it without being asked; then on again, the same way.
    const putDoNotDisturb = (active: boolean) =>
      asReception(
        'PUT',
        'services/DoNotDisturb',
        `<DoNotDisturb xmlns="http://schema.broadsoft.com/xsi"><active>${active}</active></DoNotDisturb>`,
      );
    expect((await putDoNotDisturb(false)).status).toBe(200);
    await waitForLineStatus(panel, 'none');
    expect((await putDoNotDisturb(true)).status).toBe(200);
    await waitForLineStatus(panel, 'dnd');
    expect((await putDoNotDisturb(false)).status).toBe(200);
    await waitForLineStatus(panel, 'none');
    await openServices(panel);
    await panel.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#service-dnd-active')?.checked === false,
      { polling: 100, timeout: 15_000 },
    );
  });

  it("brings the PBX's call logs into the history: a call missed while away, once, beside the console's own", async () => {
    // The PBX's logs start empty (a retry finds the first try's calls logged otherwise).
    expect((await asReception('DELETE', 'directories/CallLogs')).status).toBe(200);
    // Before the receptionist logs in, an outside caller rings the reception: nobody there, the PBX logs it missed.
    const { id } = (await lab.post('/parties/trunk/call', {
      to: env.lab.office.reception.user,
      as: { name: 'Cabinet Roux', number: '+33478123456' },
    })) as { id: string };
    await lab.until(async () => !(await lab.callsOf('trunk')).some((call) => call.id === id), 'the call over');

    // At login the PBX's logs are read: the missed call counts, and shows in the history as missed.
    const panel = await consoleAtReception(env, { xsiUrl: env.lab.xsiUrl });
    await waitForText(panel, '[data-testid="missed-count"]', /^[1-9]/);
    // The console's own call to Bruno: the PBX logs it too.
    await panel.type('#dial-target', '202');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true });
    // The background restarts (Chrome stops idle workers): the call is still one row.
    await env.session.stopServiceWorker();
    await panel.waitForSelector('[data-testid="background-reconnecting"]', { hidden: true });
    await waitForText(panel, '[data-testid="registration-status"]', /Registered/);

    await panel.click('[data-testid="open-history"]');
    const rowsOf = (party: string) =>
      panel.$$eval(
        '[data-testid="history-row"]',
        (rows, name) =>
          rows
            .filter((row) => row.querySelector('.history__party')?.textContent === name)
            .map((row) => row.querySelector('.history__meta')?.textContent ?? ''),
        party,
      );
    await panel.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[data-testid="history-row"] .history__party')).some(
          (party) => party.textContent === 'Cabinet Roux',
        ),
      { polling: 100, timeout: 15_000 },
    );
    expect(await rowsOf('Cabinet Roux')).toEqual([expect.stringMatching(/^Missed · /)]);
    await env.session.screenshot(panel, 'history-pbx-missed-en');
    await panel.click('[data-filter="placed"]');
    await waitForText(panel, '[data-testid="history-row"] .history__party', /Bruno Lefèvre|202/);
    // Read again with the history open (`history/read-pbx`): still one row for the call, the console's own.
    await new Promise((resolve) => setTimeout(resolve, 15_500));
    expect(await sendToBackground(panel, 'history/read-pbx', {})).toEqual({ ok: true, value: { added: 0 } });
    const placed = await panel.$$eval('[data-testid="history-row"] .history__meta', (metas) =>
      metas.map((meta) => meta.textContent ?? ''),
    );
    expect(placed).toEqual([expect.stringMatching(/^Answered · /)]);
  });

  it('says the XSI server cannot be reached, and keeps the services as they were', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const panel = await consoleAtReception(env, { xsiUrl: nowhere });
    await openServices(panel);
    await waitForText(panel, '[data-testid="pbx-backend"]', /failing: The PBX's services cannot be reached/);
    await panel.select('#service-dnd-mode', 'pbx');
    await panel.click('#service-dnd-active');
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="services-error"]', /cannot be reached/);
    // Nothing was kept: the saved services still say Do Not Disturb is off.
    const stored = (await panel.evaluate(() => chrome.storage.local.get('settings.services'))) as {
      'settings.services'?: { dnd: { isActive: boolean } };
    };
    expect(stored['settings.services']?.dnd.isActive ?? false).toBe(false);

    // The queued-calls pane says it too, for a queue chosen earlier, and keeps trying (Chrome logs each refusal).
    env.session.expectError(/net::ERR_CONNECTION_REFUSED/);
    await panel.click('[data-testid="back-to-application"]');
    await sendToBackground(panel, 'queues/choose', {
      watched: [{ id: `sales@${env.lab.office.domain}`, name: 'Sales' }],
      listedCalls: 5,
    });
    await waitForText(panel, '[data-testid="queues-problem"]', /cannot be reached/);
    await panel.waitForSelector('[data-testid="queue"][aria-label="Sales"]');
  });
  it("reads the company directory from the PBX's Enterprise directory, set up in Settings", async () => {
    const panel = await consoleAtReception(env);
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-directories');
    await (await panel.waitForSelector('[data-testid="directory-source-add"]'))?.click();
    await panel.type('[data-testid="directory-source-name"]', 'Lab office');
    await panel.select('[data-testid="directory-source-type"]', 'xsi');
    await panel.type('[data-testid="directory-source-url"]', env.lab.xsiUrl);
    await panel.type('[data-testid="directory-source-username"]', reception());
    await panel.type('[data-testid="directory-source-password"]', env.lab.office.reception.password);
    await panel.click('[data-testid="directories-settings-save"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');
    await panel.click('#contacts-tab-company');
    await waitForText(
      panel,
      '[data-testid="directory-sync"]',
      new RegExp(`${env.lab.office.colleagues.length} contacts`),
    );
    const names = await directoryNames(panel, '[data-testid^="directory-company"]', env.lab.office.colleagues.length);
    expect(names).toEqual(
      env.lab.office.colleagues.map((colleague) => colleague.name).sort((a, b) => a.localeCompare(b)),
    );
  });

  it("shows a monitored colleague's Do Not Disturb and forwarding on their lamp, as the PBX tells", async () => {
    const panel = await consoleAtReception(env, { xsiUrl: env.lab.xsiUrl });
    await addPersonalContact(panel, 'Alice Martin', '201', { isFavorite: true });
    await panel.click('#contacts-tab-favorites');
    const lamp = '[data-testid="favorites"] [aria-label="Alice Martin"] [data-testid="lamp"]';
    await panel.waitForFunction(
      (selector: string) => document.querySelector(selector)?.getAttribute('data-lamp-state') === 'idle',
      { polling: 100, timeout: 15_000 },
      lamp,
    );
    // Alice switches her services from her own phone's XSI client.
    const service = async (name: string, body: string) => {
      const response = await fetch(
        `${env.lab.xsiUrl}/com.broadsoft.xsi-actions/v2.0/user/${encodeURIComponent(`201@${env.lab.office.domain}`)}/services/${name}`,
        {
          method: 'PUT',
          headers: { Authorization: basicAuthorization(`201@${env.lab.office.domain}`, 'lab-201') },
          body: `<${name} xmlns="http://schema.broadsoft.com/xsi">${body}</${name}>`,
        },
      );
      expect(response.status).toBe(200);
    };
    await service('DoNotDisturb', '<active>true</active>');
    await waitForText(panel, `${lamp} [data-testid="lamp-service"]`, /Do not disturb/);
    await service('CallForwardingAlways', '<active>true</active><forwardToPhoneNumber>202</forwardToPhoneNumber>');
    await service('DoNotDisturb', '<active>false</active>');
    await waitForText(panel, `${lamp} [data-testid="lamp-service"]`, /Forwarded to 202/);
    await service('CallForwardingAlways', '<active>false</active>');
    await panel.waitForFunction(
      (selector: string) => document.querySelector(selector) === null,
      { polling: 100, timeout: 15_000 },
      `${lamp} [data-testid="lamp-service"]`,
    );
  });

  it("lists the calls on the receptionist's desk phone from the PBX's call events, and holds and ends them", async () => {
    const panel = await consoleAtReception(env, { xsiUrl: env.lab.xsiUrl });
    const elsewhere = '[data-testid="call-elsewhere"]';
    const stateElsewhere = (state: string) =>
      panel.waitForSelector(`${elsewhere}[data-visual-state="${state}"]`, { timeout: 15_000 });
    // The desk phone calls Chloé (who answers only when told): the PBX says the reception's line is calling her.
    const { id: deskCall } = (await lab.post('/parties/reception/call', { to: '203' })) as { id: string };
    await stateElsewhere('ringing');
    await waitForText(panel, elsewhere, /Ringing.*Call to Chloé Dubois/s);
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    await waitForLineStatus(panel, 'busy');
    // She answers; the desk phone holds; each change is shown as the PBX tells it.
    await lab.until(async () => (await lab.callsOf('203')).length > 0, "Chloé's phone ringing");
    const [chloeCall] = await lab.callsOf('203');
    await lab.post(`/parties/203/calls/${chloeCall?.id ?? ''}/answer`, {});
    await stateElsewhere('talking');
    await panel.waitForSelector(`${elsewhere} [data-testid="call-timer"]`);
    await lab.post(`/parties/reception/calls/${deskCall}/hold`, {});
    await stateElsewhere('held');
    // The console takes it back and holds it again, through the PBX (XSI call control): the desk phone does it.
    await panel.click(`${elsewhere} [data-action="resume"]`);
    await stateElsewhere('talking');
    await panel.click(`${elsewhere} [data-action="hold"]`);
    await stateElsewhere('held');
    await panel.click(`${elsewhere} [data-action="resume"]`);
    await stateElsewhere('talking');
    await env.session.screenshot(panel, 'calls-elsewhere-en');
    // A call the console places itself is the console's, not one elsewhere.
    await sendToBackground(panel, 'call/dial', { target: '202' });
    await panel.waitForSelector('[data-testid="call"][data-call-status="Active"]', { timeout: 15_000 });
    expect(await panel.$$eval(elsewhere, (calls) => calls.length)).toBe(1);
    // Hung up from the console: the desk phone ends the call with Chloé, and it leaves the list; the console's own
    // call keeps the line busy until it ends.
    await panel.click(`${elsewhere} [data-action="hang-up"]`);
    await panel.waitForFunction((selector: string) => document.querySelector(selector) === null, {}, elsewhere);
    await lab.until(async () => (await lab.callsOf('203')).length === 0, "Chloé's call ended");
    await waitForLineStatus(panel, 'busy');
    await panel.click('[data-testid="call"] [data-action="hang-up"]');
    await waitForLineStatus(panel, 'none');
  });
});

/** The information pane's line-status icon shows `status` (`none`: no icon). */
async function waitForLineStatus(panel: Page, status: string): Promise<void> {
  await panel.waitForFunction(
    (value) =>
      (document.querySelector('[data-testid="line-status"]')?.getAttribute('data-line-status') ?? 'none') === value,
    { polling: 100, timeout: 15_000 },
    status,
  );
}
