import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLab } from '../../lab/src/start-lab.ts';
import { waitForText } from '../support/console-page.ts';
import { launchFirefox, type FirefoxSession } from '../support/firefox-session.ts';
import { consoleAtReception, startLabOffice } from '../support/lab-office.ts';
import { WebPages } from '../support/web-pages.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * Click-to-call in Firefox (issue #17): the content script on a page of a site the receptionist allowed links its
 * numbers — one split over elements among them — and a click there places the call from the console.
 */
describe('click-to-call in Firefox', () => {
  const env = {} as { lab: RunningLab; firefox: FirefoxSession; pages: WebPages };
  beforeAll(async () => {
    env.lab = await startLabOffice();
    env.pages = await WebPages.start();
    env.firefox = await launchFirefox({ grantedSites: ['http://127.0.0.1/*'] });
  });
  afterAll(async () => {
    await env.firefox?.close();
    await env.pages?.close();
    await env.lab?.stop();
  });

  it('links the numbers of a page and places the call a click asks for', async () => {
    const panel = await consoleAtReception({ lab: env.lab, session: env.firefox });

    const page = await env.firefox.browser.newPage();
    await page.goto(env.pages.url('directory.html'), { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('#lyon a.switchboard-number').length === 2, POLL);
    expect(await page.$eval('#lyon p', (line) => line.textContent)).toBe(
      'Tél. : 04 78 12 34 56 (du lundi au vendredi)',
    );
    await page.click('#lyon p > a.switchboard-number');
    await panel.bringToFront();
    await waitForText(panel, '[data-testid="call"]', /\+33478123456|04 78 12 34 56/);
  });
});
