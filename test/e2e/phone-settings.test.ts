import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { callAndAnswer, replaceText, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100 };

/** What the receptionist sets up once: how numbers are dialled, how digits are sent, how calls are answered. */
describe('phone settings at work', () => {
  const env = usePhoneLab();

  async function openSettingsTab(panel: Page, tab: 'general' | 'dial-plan'): Promise<void> {
    await panel.click('[data-testid="open-settings"]');
    await panel.click(`#settings-tab-${tab}`);
  }

  async function backToConsole(panel: Page): Promise<void> {
    await panel.click('[data-testid="back-to-application"]');
    await panel.waitForSelector('#dial-target');
  }

  it('dials a pasted national number in E.164 and shows why the call failed', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.type('#dial-target', '01 23 45 67 89');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '[data-testid="call-end-reason"]', /404 Not Found/);
    expect(env.lab.kamailio.log).toMatch(/SB-REQUEST INVITE sip:\+33123456789@lab\.switchboard/);
    await env.session.screenshot(panel, 'call-failed-en');
    // The failed call clears itself after a few seconds.
    await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 10_000 });
  });

  it('adds the outside-line prefix the PBX needs', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openSettingsTab(panel, 'dial-plan');
    await replaceText(panel, '#settings-outside-prefix', '0');
    await panel.click('[data-testid="save-dial-plan"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await env.session.screenshot(panel, 'settings-dial-plan-en');
    await backToConsole(panel);
    await panel.type('#dial-target', '+44 20 7946 0958');
    await panel.keyboard.press('Enter');
    await waitForText(panel, '[data-testid="call-end-reason"]', /404/);
    expect(env.lab.kamailio.log).toMatch(/SB-REQUEST INVITE sip:000442079460958@lab\.switchboard/);
  });

  it('refuses a bad outside-line prefix with a message beside the field', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openSettingsTab(panel, 'dial-plan');
    await replaceText(panel, '#settings-outside-prefix', '0x');
    await panel.click('[data-testid="save-dial-plan"]');
    await waitForText(panel, '#settings-outside-prefix-hint', /Up to four digits/);
    expect(await panel.evaluate(() => chrome.storage.local.get('settings.phone'))).toEqual({});
  });

  it('sends keypad digits as SIP INFO when set so', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openSettingsTab(panel, 'dial-plan');
    await panel.select('#settings-dtmf', 'info');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await backToConsole(panel);

    await callAndAnswer(panel, alice, 'alice');
    await panel.waitForSelector('[data-call-status="Active"]');
    await panel.click('[data-action="keypad"]');
    for (const digit of ['1', '2', '#']) await panel.click(`[data-digit="${digit}"]`);
    await alice.waitForFunction(() => window.peer.infoDigits() === '12#', POLL);
    await env.session.screenshot(panel, 'call-keypad-en');
  });

  it('sends keypad digits in the media by default', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await callAndAnswer(panel, alice, 'alice');
    await panel.waitForSelector('[data-call-status="Active"]');
    const infoBefore = env.lab.kamailio.requestCount('INFO');
    await panel.click('[data-action="keypad"]');
    await panel.click('[data-digit="5"]');
    // No INFO went out and the peer connection's DTMF sender took the digit (the engine reports a refusal as an
    // error): it travelled as an RFC 4733 event inside the audio stream.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await alice.evaluate(() => window.peer.infoDigits())).toBe('');
    expect(env.lab.kamailio.requestCount('INFO')).toBe(infoBefore);
    expect(await panel.$('.global-messages__current--error')).toBeNull();
  });

  it('answers by itself with Auto answer on, only when free', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await panel.click('[data-testid="auto-answer"]');
    await panel.waitForSelector('[data-testid="auto-answer"][aria-pressed="true"]');

    await alice.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]');
    await alice.waitForFunction(() => window.peer.sessionState() === 'Established', POLL);

    // Busy with Alice, a call from Bob rings instead of cutting in.
    await bob.evaluate(() => void window.peer.call('sip:reception@env.lab.switchboard'));
    await panel.waitForSelector('[aria-label="bob"][data-call-status="Alerting"]');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await panel.$eval('[aria-label="bob"]', (element) => element.getAttribute('data-call-status'))).toBe(
      'Alerting',
    );
  });

  it('answers an intercom call that asks for it, after its delay', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await alice.evaluate(
      () =>
        void window.peer.call('sip:reception@env.lab.switchboard', [
          'Call-Info: <sip:env.lab.switchboard>;answer-after=1',
        ]),
    );
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Alerting"]');
    await panel.waitForSelector('[aria-label="alice"][data-call-status="Active"]', { timeout: 5000 });
  });
});
