import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { RunningLab } from '../../lab/src/start-lab.ts';
import { waitForText } from '../support/console-page.ts';
import { launchFirefox, type FirefoxSession } from '../support/firefox-session.ts';
import { consoleAtReception, startLabOffice } from '../support/lab-office.ts';
import { WebPages } from '../support/web-pages.ts';
import { crmPage } from '../support/crm-page.ts';

const POLL = { polling: 100, timeout: 15_000 } as const;

/**
 * Click-to-call in Firefox (issue #17): the content script on a page of a site the receptionist allowed links its
 * numbers — one split over elements among them — and a click there places the call from the console.
 */
describe('click-to-call in Firefox', () => {
  const env = {} as { lab: RunningLab; firefox: FirefoxSession; pages: WebPages; panel: Page };
  beforeAll(async () => {
    env.lab = await startLabOffice();
    env.pages = await WebPages.start(new Map([['crm-2mb.html', crmPage(2)]]));
    env.firefox = await launchFirefox({ grantedSites: ['http://127.0.0.1/*'] });
    env.panel = await consoleAtReception({ lab: env.lab, session: env.firefox });
  });
  afterAll(async () => {
    await env.firefox?.close();
    await env.pages?.close();
    await env.lab?.stop();
  });

  it('links the numbers of a page and places the call a click asks for', async () => {
    const panel = env.panel;

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

  it('draws the numbers a scroll brings on screen of a page too heavy to lay out, and a click on one calls', async () => {
    // As in Chromium (`click-to-call.test.ts`): past the first screen of a 2 MB table, nothing is written.
    const panel = env.panel;
    const page = await env.firefox.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(env.pages.url('crm-2mb.html'), { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('a.switchboard-number') !== null, POLL);
    const firstScreenLinks = await page.$$eval('a.switchboard-number', (links) => links.length);
    await page.evaluate(() => document.querySelector('tbody tr:last-child')?.scrollIntoView({ block: 'end' }));
    const cell = await page.$$eval('tbody tr', (rows) => {
      const index = rows.findLastIndex((row) => /^0/.test(row.children[1]?.textContent ?? ''));
      return `tbody tr:nth-child(${index + 1}) td:nth-child(2)`;
    });
    await page.waitForFunction(
      (selector) =>
        [...(CSS.highlights.get('switchboard-number') ?? [])].some((range) =>
          document.querySelector(selector)?.contains(range.startContainer),
        ),
      { polling: 250, timeout: 60_000 },
      cell,
    );
    expect(await page.$$eval('a.switchboard-number', (links) => links.length)).toBe(firstScreenLinks);
    const { x, y, text } = await page.$eval(cell, (element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, text: element.textContent ?? '' };
    });
    await page.mouse.click(x, y);
    // The call's card, whichever way it writes the number (the first test's call may still be on the console).
    const subscriber = text.replace(/\D/g, '').slice(-9);
    await panel.bringToFront();
    await panel.waitForFunction(
      (digits) =>
        [...document.querySelectorAll('[data-testid="call"]')].some((card) =>
          (card.textContent ?? '').replace(/\D/g, '').includes(digits),
        ),
      POLL,
      subscriber,
    );
  });
});
