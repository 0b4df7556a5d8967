import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { replaceText, waitForText } from '../support/console-page.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100 };

/** Do Not Disturb and Call Forwarding Always really change what happens to a call, and show in the line status. */
describe('services', () => {
  const env = usePhoneLab();

  async function openServices(panel: Page): Promise<void> {
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-services');
    await panel.waitForSelector('[data-testid="services"]');
  }

  async function saveAndReturn(panel: Page): Promise<void> {
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="global-message"]', /Settings saved/);
    await panel.click('[data-testid="back-to-application"]');
  }

  it('Do Not Disturb, kept by the console, refuses a call as busy and shows its icon', async () => {
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openServices(panel);
    await panel.click('#service-dnd-active');
    await env.session.screenshot(panel, 'settings-services-en');
    await saveAndReturn(panel);
    await panel.waitForSelector('[data-testid="line-status"][data-line-status="dnd"]');

    await bob.evaluate(() => window.peer.call('sip:reception@lab.switchboard').catch(() => undefined));
    await bob.waitForFunction(() => window.peer.sessionState() === 'Terminated', POLL);
    expect(await panel.$('[data-testid="call"]')).toBeNull();
    await env.session.screenshot(panel, 'console-dnd-en');
  });

  it('Call Forwarding Always, kept by the console, sends the caller on to the forward-to number with a ring splash', async () => {
    const alice = await env.lab.openPeer(env.session, 'alice');
    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openServices(panel);
    await panel.click('#service-cfa-active');
    await replaceText(panel, '#service-cfa-target', 'alice');
    await saveAndReturn(panel);
    await panel.waitForSelector('[data-testid="line-status"][data-line-status="cfa"]');

    await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
    const caller = await alice.evaluate(() => window.peer.waitForIncoming(10_000));
    expect(caller.from).toBe('bob');
    const engine = await (
      await env.session.browser.waitForTarget((target) => target.url() === env.session.url('offscreen.html'))
    ).asPage();
    expect(
      await engine.evaluate(
        () => document.querySelector<HTMLAudioElement>('audio[data-role="ringer"]')?.dataset['splash'],
      ),
    ).toBe('1');
  });

  it('on the PBX, switching a service dials its feature code', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const before = env.lab.kamailio.log?.match(/SB-REQUEST INVITE sip:\*78@/g)?.length ?? 0;
    await openServices(panel);
    await panel.click('#service-dnd-active');
    await panel.select('#service-dnd-mode', 'pbx');
    await saveAndReturn(panel);
    const deadline = Date.now() + 5000;
    while (
      (env.lab.kamailio.log?.match(/SB-REQUEST INVITE sip:\*78@/g)?.length ?? 0) === before &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(env.lab.kamailio.log).toMatch(/SB-REQUEST INVITE sip:\*78@lab\.switchboard/);
    // Kept by the PBX, the console itself no longer refuses calls, but the line status still says DND.
    await panel.waitForSelector('[data-testid="line-status"][data-line-status="dnd"]');
  });

  it('asks for the forward-to number before saving forwarding', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    await openServices(panel);
    await panel.click('#service-cfa-active');
    await panel.click('[data-testid="save-services"]');
    await waitForText(panel, '[data-testid="services-error"]', /Enter the number to forward calls to/);
    expect(await panel.evaluate(() => chrome.storage.local.get('settings.services'))).toEqual({});
  });
});
