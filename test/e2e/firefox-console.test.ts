import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { RunningLab } from '../../lab/src/start-lab.ts';
import { waitForText } from '../support/console-page.ts';
import { launchFirefox, type FirefoxSession } from '../support/firefox-session.ts';
import { consoleAtReception, labControl, startLabOffice } from '../support/lab-office.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * The console in Firefox (issue #17): the Firefox build (Manifest V2, the engine in its persistent background page) in
 * Debian's firefox-esr, driven over WebDriver BiDi against the lab office, as a receptionist uses it.
 */
describe('the console in Firefox, on the lab office', () => {
  const env = {} as { lab: RunningLab; firefox: FirefoxSession };
  const lab = labControl(env);
  beforeAll(async () => {
    env.lab = await startLabOffice();
    env.firefox = await launchFirefox();
  });
  afterAll(async () => {
    await env.firefox?.close();
    await env.lab?.stop();
  });

  /** The console, logged in at the lab with its XSI server (one console for the whole Firefox session). */
  let loggedInConsole: Page | null = null;
  async function consoleLoggedIn(): Promise<Page> {
    loggedInConsole ??= await consoleAtReception({ lab: env.lab, session: env.firefox }, { xsiUrl: env.lab.xsiUrl });
    return loggedInConsole;
  }

  it('logs in, calls a colleague, holds, resumes and hangs up; answers a call', async () => {
    const panel = await consoleLoggedIn();
    await panel.type('#dial-target', '201');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await lab.until(
      async () => (await lab.callsOf('201')).some((call) => call.state === 'Established'),
      'Alice talking',
    );
    // Audio both ways: Firefox's WebRTC hears Alice, and Alice hears the console (Firefox's fake microphone).
    await panel.waitForFunction(async () => {
      const id = document.querySelector('[data-testid="call"]')?.getAttribute('data-call-id');
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const reply = await api.runtime.sendMessage<
        object,
        { value?: { bytesReceived: number; receivedAudioEnergy: number } }
      >({ sb: 1, to: 'background', type: 'call/stats', payload: { callId: id } });
      return (reply.value?.bytesReceived ?? 0) > 4000 && (reply.value?.receivedAudioEnergy ?? 0) > 0.001;
    }, POLL);
    await lab.until(async () => ((await lab.audioOf('201'))?.received ?? 0) > 1000, 'Alice hearing the console');
    // Keypad digits reach Alice as RFC 4733 events.
    await panel.click('[data-action="keypad"]');
    for (const digit of ['4', '2', '#']) await panel.click(`[data-digit="${digit}"]`);
    await lab.until(async () => (await lab.audioOf('201'))?.dtmf === '42#', 'Alice receiving 42#');
    await panel.click('[data-action="hold"]');
    await panel.waitForSelector('[data-call-status="Held"]', POLL);
    await panel.click('[data-action="resume"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    await lab.until(async () => (await lab.callsOf('201')).length === 0, 'Alice hung up');

    // Bruno calls the reception: it rings in the console, which answers.
    await lab.post('/parties/202/call', { to: env.lab.office.reception.user });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    expect(env.firefox.output()).toContain('settings restored; resuming the phone line');
  });

  it('switches Do Not Disturb from the popup (the PBX then finds the line busy), and works the queued-calls pane', async () => {
    const panel = await consoleLoggedIn();
    const popup = await env.firefox.openPage('popup.html');
    await waitForText(popup, '[data-testid="registration-status"]', /Registered/);
    await popup.click('[data-testid="popup-dnd"]');
    await waitForText(popup, '[data-testid="popup-line"]', /Do Not Disturb/);
    await panel.waitForSelector('[data-line-status="dnd"]', POLL);
    const { id } = (await lab.post('/parties/201/call', { to: env.lab.office.reception.user })) as { id: string };
    await lab.until(async () => !(await lab.callsOf('201')).some((call) => call.id === id), 'the call refused');
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    await popup.click('[data-testid="popup-dnd"]');
    await panel.waitForSelector('[data-testid="line-status"]', { ...POLL, hidden: true });
    // The popup closes, as it does when the receptionist clicks elsewhere; the console is in front again (Firefox
    // hardly runs a tab in the background: clicks there wait for frames it does not draw).
    await popup.close();
    await panel.bringToFront();

    // The queued-calls pane over XSI: Sales chosen, a caller queued there, retrieved to ring at the console.
    const sales = `[data-queue="sales@${env.lab.office.domain}"]`;
    await panel.click('[data-testid="choose-queues"]');
    await panel.waitForSelector(`[data-testid="favorite-queues"] ${sales}`, POLL);
    await panel.click(`[data-testid="favorite-queues"] ${sales}`);
    await panel.click('[data-testid="save-queues"]');
    await waitForText(panel, `[data-testid="queue"]${sales} [data-testid="queue-count"]`, /0 waiting/);
    await lab.post('/parties/trunk/call', { to: '8001', as: { name: 'Garage Petit', number: '+33612345678' } });
    await waitForText(panel, `${sales} [data-testid="queued-call-name"]`, /Garage Petit/);
    await panel.click(`${sales} [data-testid="queued-call"] [data-action="queue-retrieve"]`);
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await waitForText(panel, '[data-testid="call"]', /Garage Petit|\+33612345678/);
    await panel.click('[data-action="answer"]');
    await waitForText(panel, '[data-testid="call-status"]', /Connected/);
    await panel.click('[data-action="hang-up"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
  });

  it('puts a caller through to a colleague, blind and then attended', async () => {
    const panel = await consoleLoggedIn();
    const reception = env.lab.office.reception.user;
    const talking = async (user: string, peer: string) =>
      (await lab.callsOf(user)).some((call) => call.peer === peer && call.state === 'Established');
    const hangUpAll = async (user: string) => {
      for (const call of await lab.callsOf(user)) await lab.post(`/parties/${user}/calls/${call.id}/hang-up`);
      await lab.until(async () => (await lab.callsOf(user)).length === 0, `${user} free`);
    };

    // Blind: Bruno's call answered, then sent on to Alice (supervised: it comes back if she does not answer).
    await lab.post('/parties/202/call', { to: reception });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await panel.click('[data-action="transfer"]');
    await panel.type('[data-testid="call-transfer"] input', '201');
    await panel.click('[data-action="transfer-blind"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    await lab.until(() => talking('201', '202'), 'Bruno talking to Alice');
    await hangUpAll('201');

    // Attended: Bruno again, held while the console asks Alice, then the two joined.
    await lab.post('/parties/202/call', { to: reception });
    await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
    await panel.click('[data-action="answer"]');
    await panel.waitForSelector('[data-call-status="Active"]', POLL);
    await panel.type('#dial-target', '201');
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[data-call-status="Held"]', POLL);
    await lab.until(() => talking('201', reception), 'Alice talking to the console');
    await panel.click('[data-call-status="Held"] [data-action="transfer"]');
    await panel.click('[data-action="transfer-attended"]');
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    // Bruno's new call goes to Alice's own contact (the Refer-To of an attended transfer): seen from her side.
    await lab.until(() => talking('201', '202'), 'Alice talking to Bruno');
    await hangUpAll('202');
  });

  it('its background page reloaded mid-call: registered again, the call cut off once in the history, said in the console, the colleague hung up', async () => {
    const panel = await consoleLoggedIn();
    const reception = env.lab.office.reception.user;
    await panel.type('#dial-target', '201');
    await panel.keyboard.press('Enter');
    await lab.until(
      async () => (await lab.callsOf('201')).some((call) => call.peer === reception && call.state === 'Established'),
      'Alice talking to the console',
    );

    // The page that hosts the engine starts again (as after a crash of its process); the console stays open.
    await panel.evaluate(() => {
      const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window | null } } }).browser;
      api.extension.getBackgroundPage()?.location.reload();
    });
    await waitForText(panel, '[data-testid="engine-interrupted"]', /the call in progress was cut off/);
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, ...POLL });
    await panel.waitForSelector('.registration--Registered', POLL);
    await lab.until(async () => (await lab.callsOf('201')).length === 0, 'Alice hung up by the console');
    const rows = await panel.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const reply = await api.runtime.sendMessage<object, { value: { remoteNumber: string; outcome: string }[] }>({
        sb: 1,
        to: 'background',
        type: 'history/list',
        payload: { filter: 'all', search: '', limit: 50 },
      });
      return reply.value.map((row) => `${row.remoteNumber} ${row.outcome}`);
    });
    expect(rows.filter((row) => row.endsWith('interrupted'))).toEqual(['201 interrupted']);
  });
});
