import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { usePhoneLab } from '../support/phone-lab.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;
const LANGUAGES = ['en', 'fr'] as const;
const THEMES = ['light', 'dark'] as const;

/**
 * Every view in both languages and both themes, saved to test/artifacts/views/ for review; each readable from 320 to
 * 600 px wide (nothing wider than the panel), and the console steady when calls come and go.
 */
describe('every view', () => {
  const env = usePhoneLab();

  async function setGeneral(page: Page, patch: { language?: string; theme?: string }): Promise<void> {
    await page.evaluate(async (value) => {
      await chrome.runtime.sendMessage({ sb: 1, to: 'background', type: 'settings/update-general', payload: value });
    }, patch);
    if (patch.theme !== undefined)
      await page.waitForFunction((theme) => document.documentElement.dataset['theme'] === theme, POLL, patch.theme);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    for (const width of [320, 400, 600, 1280]) {
      await page.setViewport({ width, height: 900 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${width} px is wider than the panel`).toBeLessThanOrEqual(0);
      // No element reaches past the page's edges (one inside a box that scrolls sideways, as the tabs do, may).
      const outside = await page.evaluate(() =>
        Array.from(document.body.querySelectorAll('*'))
          .filter((element) => {
            const box = element.getBoundingClientRect();
            if (box.width === 0 || element.closest('.visually-hidden') !== null) return false;
            for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(parent).overflowX)) return false;
            }
            return box.left < -0.5 || box.right > window.innerWidth + 0.5;
          })
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
      );
      expect(outside, `${name} at ${width} px`).toEqual([]);
      // Header tools stay on one row: every tool of a pane header or of the information pane on the same line.
      const wrapped = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.pane__header, .info-pane__tools'))
          .filter(
            (row) =>
              new Set(Array.from(row.querySelectorAll('button'), (button) => button.getBoundingClientRect().top)).size >
              1,
          )
          .map((row) => row.closest('[data-pane]')?.getAttribute('data-pane') ?? 'info-pane'),
      );
      expect(wrapped, `${name} at ${width} px: header tools on two rows`).toEqual([]);
      await env.session.screenshot(page, `views/${name}-${width}`);
    }
  }

  it('saves the login view', async () => {
    const login = await env.session.openPage('sidepanel.html');
    await login.waitForSelector('[data-testid="login"]');
    await shoot(login, 'login-en-light');
  });

  // One test per language and theme (each shoots some thirty views at four widths, a minute's work on a slow machine).
  for (const language of LANGUAGES) {
    for (const theme of THEMES) {
      it(`saves the console, its panels, every settings tab, the popup, help and welcome: ${language}, ${theme}`, async () => {
        const bob = await env.lab.openPeer(env.session, 'bob');
        const panel = await env.lab.openLoggedInConsole(env.session);
        await setGeneral(panel, { language, theme });
        const tag = `${language}-${theme}`;
        await panel.waitForFunction((lang) => document.documentElement.lang === lang, POLL, language);
        await shoot(panel, `console-${tag}`);

        // A call arriving and going leaves the console's controls where they were.
        const dialBoxTop = () => panel.$eval('#dial-target', (input) => input.getBoundingClientRect().top);
        const before = await dialBoxTop();
        await bob.evaluate(() => void window.peer.call('sip:reception@lab.switchboard'));
        await panel.waitForSelector('[data-call-status="Alerting"]', POLL);
        expect(await dialBoxTop()).toBe(before);
        await shoot(panel, `console-incoming-${tag}`);
        await panel.click('[data-action="answer"]');
        await panel.waitForSelector('[data-call-status="Active"]', POLL);
        await panel.click('[data-action="transfer"]');
        await shoot(panel, `console-call-transfer-${tag}`);
        await panel.click('[data-action="hang-up"]');
        await panel.waitForSelector('[data-testid="call"]', { hidden: true, timeout: 15_000 });
        expect(await dialBoxTop()).toBe(before);

        await panel.click('[data-testid="open-history"]');
        await panel.click('[data-testid="open-call-trace"]');
        await panel.click('[data-testid="open-dialer"]');
        await shoot(panel, `console-panels-${tag}`);
        await panel.keyboard.press('Escape');

        await panel.click('[data-testid="open-settings"]');
        const tabs = await panel.$$eval('[role="tab"]', (elements) => elements.map((element) => element.id));
        for (const tab of tabs) {
          await panel.click(`#${tab}`);
          await panel.waitForSelector(`[aria-labelledby="${tab}"]`);
          await shoot(panel, `${tab.replace('settings-tab-', 'settings-')}-${tag}`);
        }
        await panel.click('[data-testid="back-to-application"]');

        for (const view of ['popup', 'help', 'welcome']) {
          const page = await env.session.openPage(`${view}.html`);
          await page.waitForFunction(
            (lang, value) =>
              document.documentElement.lang === lang && document.documentElement.dataset['theme'] === value,
            POLL,
            language,
            theme,
          );
          if (view === 'help') {
            const sections = await page.$$eval('h2', (titles) => titles.map((title) => title.textContent));
            expect(sections).toContain(language === 'fr' ? 'Conférences' : 'Conferences');
            expect(sections).toContain(language === 'fr' ? 'Appeler depuis les pages web' : 'Calling from web pages');
          }
          await shoot(page, `${view}-${tag}`);
          await page.close();
        }
      });
    }
  }
});
