import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { axeViolations } from '../support/axe.ts';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/** axe-core finds no WCAG 2.1 A/AA violation on any view, in the light and the dark theme. */
describe('accessibility', () => {
  const env = usePhoneLab();

  async function expectNoViolations(page: Page, view: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${view}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  async function setTheme(panel: Page, theme: 'light' | 'dark'): Promise<void> {
    await panel.evaluate(async (value) => {
      await chrome.runtime.sendMessage({
        sb: 1,
        to: 'background',
        type: 'settings/update-general',
        payload: { theme: value },
      });
    }, theme);
    await panel.waitForFunction((value) => document.documentElement.dataset['theme'] === value, POLL, theme);
  }

  it('the login view, the console and its panels, every settings tab, the popup, help and welcome', async () => {
    const login = await env.session.openPage('sidepanel.html');
    await login.waitForSelector('[data-testid="login"]');
    await expectNoViolations(login, 'login');
    // The check itself can fail: a planted image without a text alternative is found.
    await login.evaluate(() =>
      document.body.append(Object.assign(document.createElement('img'), { id: 'planted', src: 'icons/icon-16.png' })),
    );
    expect((await axeViolations(login)).map((violation) => violation.id)).toContain('image-alt');
    await login.close();

    const bob = await env.lab.openPeer(env.session, 'bob');
    const panel = await env.lab.openLoggedInConsole(env.session);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(panel, theme);
      await expectNoViolations(panel, `console (${theme})`);
      await panel.click('[data-testid="open-history"]');
      await panel.click('[data-testid="open-call-trace"]');
      await panel.click('[data-testid="open-dialer"]');
      await expectNoViolations(panel, `console with history, call trace and dialer (${theme})`);
      await panel.keyboard.press('Escape');

      await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
      await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
      await expectNoViolations(panel, `incoming call (${theme})`);
      await panel.click('[data-action="answer"]');
      await panel.waitForSelector('[data-call-status="Active"]', POLL);
      await panel.click('[data-action="transfer"]');
      await panel.click('[data-action="keypad"]');
      await expectNoViolations(panel, `call with transfer and keypad (${theme})`);
      await panel.click('[data-action="hang-up"]');
      await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });

      await panel.click('[data-testid="open-settings"]');
      const tabs = await panel.$$eval('[role="tab"]', (elements) => elements.map((element) => element.id));
      for (const tab of tabs) {
        await panel.click(`#${tab}`);
        await panel.waitForSelector(`[aria-labelledby="${tab}"]`);
        await expectNoViolations(panel, `${tab} (${theme})`);
      }
      await panel.click('[data-testid="back-to-application"]');

      for (const path of ['popup.html', 'help.html', 'welcome.html']) {
        const page = await env.session.openPage(path);
        // Checked in the theme under test, not whatever the page shows first.
        await page.waitForFunction((value) => document.documentElement.dataset['theme'] === value, POLL, theme);
        await expectNoViolations(page, `${path} (${theme})`);
        await page.close();
      }
    }
  });
});
