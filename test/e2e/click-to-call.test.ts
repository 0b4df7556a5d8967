import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { waitForText } from '../support/console-page.ts';
import { usePhoneLabWithWebPages, type ExtensionSession } from '../support/phone-lab.ts';
import { ARTIFACTS } from '../support/extension-browser.ts';
import { join } from 'node:path';
import { crmPage } from '../support/crm-page.ts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const POLL = { polling: 100, timeout: 20_000 } as const;
const LINKS = 'a.switchboard-number';

/**
 * Click-to-call on real pages served from 127.0.0.1, with the extension in Chromium and Kamailio as the PBX:
 * numbers become links, a user's click places a call Kamailio sees, a hostile page places none.
 */
describe('click-to-call on web pages', () => {
  const env = usePhoneLabWithWebPages(
    { grantedSites: ['http://127.0.0.1/*'] },
    () =>
      new Map([
        ['crm-2mb.html', crmPage(2)],
        ['crm-1mb.html', crmPage(1).replace('</head>', `${LINK_WATCH}</head>`)],
      ]),
  );

  async function openWebPage(name: string): Promise<Page> {
    const page = await env.session.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(env.pages.url(name), { waitUntil: 'load' });
    return page;
  }

  /** Calls (INVITE dialogs, counted by Call-ID: the digest challenge makes each one two requests) Kamailio saw to `number`. */
  const invitesTo = (number: string) =>
    new Set(
      (env.lab.kamailio.log ?? '')
        .split('\n')
        .filter((line) => line.includes(`SB-REQUEST INVITE sip:${number}@`))
        .map((line) => /call-id (\S+)/.exec(line)?.[1]),
    ).size;

  it('links the numbers of a CRM page, and a click places the call', async () => {
    await env.lab.openLoggedInConsole(env.session);
    const crm = await openWebPage('crm.html');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, POLL, LINKS);
    expect(await crm.$$eval(LINKS, (links) => links.map((link) => link.textContent))).toEqual([
      '01 23 45 67 89',
      '06.12.34.56.78',
      '+44 20 7946 0018',
    ]);
    // Company IDs, dates, amounts and form fields are left alone; the page's text is unchanged.
    expect(await crm.$eval('#contacts', (table) => table.textContent)).toContain('732 829 320');
    expect(await crm.$eval('#field', (input) => (input as HTMLInputElement).value)).toBe('01 98 76 54 32');
    await env.session.screenshot(crm, 'click-to-call-crm');

    await crm.bringToFront();
    await crm.click(`#claire ${LINKS}`);
    await waitFor(() => invitesTo('+33123456789') === 1);

    // At most one request every 2 s per tab: a second click at once is refused, the same click later goes through.
    await crm.click('#tel-link');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(invitesTo('+33140203040')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // The page's own tel: link is placed by us, and the browser does not navigate to the system's dialer.
    await crm.click('#tel-link');
    await waitFor(() => invitesTo('+33140203040') === 1);
    expect(crm.url()).toBe(env.pages.url('crm.html'));
  });

  it('asks the receptionist before calling another country, and dials only on yes, even after the worker was stopped', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const crm = await openWebPage('crm.html');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, POLL, LINKS);
    await crm.bringToFront();
    await crm.click(`#london ${LINKS}`);

    await panel.bringToFront();
    await waitForText(
      panel,
      '[data-testid="pending-dial"]',
      /127\.0\.0\.1:\d+ asks to call \+442079460018 \(another country\)/,
    );
    await env.session.screenshot(panel, 'click-to-call-confirm-en');
    expect(invitesTo('+442079460018')).toBe(0);
    // Chrome stops the idle service worker while the question waits: the question is still there, and still answers.
    await env.session.stopServiceWorker();
    // Clicked once the console has reconnected: the banner shown meanwhile moves the buttons.
    await panel.waitForSelector('[data-testid="background-reconnecting"]', { hidden: true });
    await waitForText(panel, '[data-testid="pending-dial"]', /asks to call \+442079460018/);
    await panel.click('[data-testid="pending-dial-call"]');
    await waitFor(() => invitesTo('+442079460018') === 1);
    await panel.waitForSelector('[data-testid="pending-dial"]', { hidden: true });
  });

  it('shows a hover card over a number, with Call and Copy', async () => {
    await env.lab.openLoggedInConsole(env.session);
    const crm = await openWebPage('crm.html');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, POLL, LINKS);
    await crm.bringToFront();
    await crm.hover(`#paul ${LINKS}`);
    const card = await closedShadowCard(crm);
    expect(await card.text()).toContain('+33612345678');
    await env.session.screenshot(crm, 'click-to-call-hover-card');
    await card.click('button.copy');
    await waitFor(async () => (await card.text()).includes('Copied'));
    await card.click('button.call');
    await waitFor(() => invitesTo('+33612345678') === 1);
  });

  it('gives a number split over elements, the page’s own tel: link and a SIP address the card and the call path', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const page = await openWebPage('directory.html');
    // Lyon's number is written over two elements: each part is a link, and the page reads as it did.
    await page.waitForFunction(() => document.querySelectorAll('#lyon a.switchboard-number').length === 2, POLL);
    expect(await page.$eval('#lyon p', (line) => line.textContent)).toBe(
      'Tél. : 04 78 12 34 56 (du lundi au vendredi)',
    );
    expect(await page.$eval('#lyon .area a', (part) => part.textContent)).toBe('04');
    await page.bringToFront();
    await page.hover('#lyon p > a.switchboard-number');
    const card = await closedShadowCard(page);
    await waitFor(async () => (await card.text()).includes('+33478123456'));
    await card.click('button.call');
    await waitFor(() => invitesTo('+33478123456') === 1);

    // The page's own tel: link gets the same card.
    await page.mouse.move(500, 650);
    await page.hover('#nantes-tel');
    await waitFor(async () => (await card.text()).includes('+33240123456'));

    // A named sip: link is called through the console, once the receptionist says yes (one request per 2 s a tab).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await page.click('#siege-sip');
    await panel.bringToFront();
    await waitForText(
      panel,
      '[data-testid="pending-dial"]',
      /asks to call sip:accueil@siege\.example\.com \(SIP address\)/,
    );
    expect(invitesTo('accueil')).toBe(0);
    await panel.click('[data-testid="pending-dial-call"]');
    await waitFor(() => invitesTo('accueil') === 1);
    expect(page.url()).toBe(env.pages.url('directory.html'));
  });

  it('never links numbers on a site of the deny list (Settings › Web pages)', async () => {
    const panel = await env.lab.openLoggedInConsole(env.session);
    const crm = await openWebPage('crm.html');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, POLL, LINKS);
    await panel.bringToFront();
    await panel.click('[data-testid="open-settings"]');
    await panel.click('#settings-tab-web-pages');
    await waitForText(panel, '[data-testid="web-pages-access"]', /127\.0\.0\.1/);
    await panel.type('[data-testid="web-pages-denied"]', '127.0.0.1');
    await panel.click('[data-testid="save-web-pages"]');
    await env.session.screenshot(panel, 'settings-web-pages-en');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, POLL, LINKS);
    // A page opened afterwards is not linked either.
    const later = await openWebPage('crm.html');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await later.$$(LINKS)).toHaveLength(0);
  });

  it('places no call for a page that clicks, dispatches, spoofs and rewrites', async () => {
    await env.lab.openLoggedInConsole(env.session);
    const invitesBefore = env.lab.kamailio.requestCount('INVITE');
    const hostile = await openWebPage('hostile.html');
    await hostile.bringToFront();
    await hostile.waitForFunction(() => (window as { hostileDone?: boolean }).hostileDone === true, POLL);
    // A real click on a link the page rewrote: dead, not redirected to the page's number.
    await hostile.click(`#number ${LINKS}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(env.lab.kamailio.requestCount('INVITE') - invitesBefore).toBe(0);
  });

  it('links the numbers on screen first, then every number of a long page', async () => {
    // A 1 MB CRM table (40,000 elements, 45,000 with its links): under the 60,000 elements from which the scanner
    // weighs a page's layout, so every number becomes a link, those on screen first. The page scrolls to its middle
    // before the scanner starts, and notes, as our writes happen, which rows on screen were links when the first row
    // off screen, above or below, became one (`LINK_WATCH`).
    const crm = await openWebPage('crm-1mb.html');
    await crm.bringToFront();
    const rowCount = await crm.$$eval('tbody tr', (rows) => rows.length);
    await crm.waitForFunction(() => window.linkWatch.onScreenWhenOthersBegan !== null, POLL);
    // Once all of it is linked (each row has one number), every row on screen was a link before any row off screen.
    await crm.waitForFunction(
      (selector, count) => document.querySelectorAll(selector).length === count,
      { polling: 250, timeout: 30_000 },
      LINKS,
      rowCount,
    );
    const { onScreen, onScreenWhenOthersBegan } = await crm.evaluate(() => window.linkWatch);
    // The middle of the table: rows above it come first in the document, and still came after these.
    expect(onScreen.length).toBeGreaterThan(10);
    expect(onScreen[0]).toBeGreaterThan(rowCount / 4);
    expect(onScreenWhenOthersBegan).toEqual(onScreen);
  });

  it('writes no link past the first screen of a page too heavy to lay out, and draws what a scroll brings instead', async () => {
    // A 2 MB CRM table (80,000 elements): the browser lays the whole table out again after any write into it (~0.2 s
    // here), so the scanner writes links on the first screen only, then keeps the numbers it reads and draws those on
    // screen as highlights (no layout): clicked, they place the call; hovered, they show the card.
    await env.lab.openLoggedInConsole(env.session);
    const crm = await openWebPage('crm-2mb.html');
    await crm.bringToFront();
    await crm.waitForFunction((selector) => document.querySelector(selector) !== null, POLL, LINKS);
    const onScreen = await crm.$$eval(
      'tbody tr',
      (rows, selector) => {
        const visible = rows.filter((row) => row.getBoundingClientRect().bottom <= innerHeight);
        return {
          rows: visible.length,
          linked: visible.filter((row) => row.querySelector(selector) !== null).length,
          links: document.querySelectorAll(selector).length,
        };
      },
      LINKS,
    );
    expect(onScreen.rows).toBeGreaterThan(10);
    expect(onScreen.linked).toBe(onScreen.rows);

    await crm.evaluate(() => document.querySelector('tbody tr:last-child')?.scrollIntoView({ block: 'end' }));
    // The numbers of the last rows that the lab dials without asking (national ones: not another country's).
    const [lastRow = '', rowAbove = ''] = await crm.$$eval('tbody tr', (rows) =>
      rows
        .map((row, index) => ({ index, number: row.children[1]?.textContent ?? '' }))
        .filter(({ number }) => /^0/.test(number))
        .slice(-2)
        .reverse()
        .map(({ index }) => `tbody tr:nth-child(${index + 1}) td:nth-child(2)`),
    );
    const drawnIn = (selector: string) =>
      crm.waitForFunction(
        (cell) => {
          const ranges = [...(CSS.highlights.get('switchboard-number') ?? [])];
          const range = ranges.find((candidate) => document.querySelector(cell)?.contains(candidate.startContainer));
          if (range === undefined) return null;
          const live = document.createRange();
          live.setStart(range.startContainer, range.startOffset);
          live.setEnd(range.endContainer, range.endOffset);
          const box = live.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2, text: live.toString() };
        },
        { polling: 250, timeout: 60_000 },
        selector,
      );
    const last = (await (await drawnIn(lastRow)).jsonValue()) as { x: number; y: number; text: string };
    // Drawn, not written: the page's own text, and no more links than the first screen's.
    expect(await crm.$eval(lastRow, (cell) => cell.childNodes.length)).toBe(1);
    expect(await crm.$eval(lastRow, (cell) => cell.textContent)).toBe(last.text);
    expect(await crm.$$eval(LINKS, (links) => links.length)).toBe(onScreen.links);

    const e164 = parsePhoneNumberFromString(last.text, 'FR')?.number ?? '';
    await crm.mouse.click(last.x, last.y);
    await waitFor(() => invitesTo(e164) === 1);

    // The card, over the number of the row above, after the pointer rests on it; its Call button (past the 2 s
    // between two calls of a tab) places the call.
    const above = (await (await drawnIn(rowAbove)).jsonValue()) as {
      x: number;
      y: number;
      text: string;
    };
    await crm.mouse.move(above.x, above.y);
    const card = await closedShadowCard(crm);
    const aboveE164 = parsePhoneNumberFromString(above.text, 'FR')?.number ?? '';
    expect(await card.text()).toContain(aboveE164);
    // The window only: the whole 2 MB page is more than a screenshot can hold.
    await crm.screenshot({ path: join(ARTIFACTS, 'click-to-call-heavy-page.png') });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await card.click('button.call');
    await waitFor(() => invitesTo(aboveE164) === 1);
  });

  it('links all 10,000 rows a single-page app inserts in one mutation', async () => {
    const spa = await openWebPage('spa.html');
    await spa.bringToFront();
    await spa.click('#load');
    await spa.waitForFunction(
      (selector) => document.querySelectorAll(selector).length === 10_000,
      { polling: 250, timeout: 60_000 },
      LINKS,
    );
    // The dates beside them are not numbers.
    expect(await spa.$eval('#rows', (rows) => rows.querySelectorAll('td:nth-child(3) a').length)).toBe(0);
  });

  it('stops and starts linking on a site from the popup', async () => {
    const crm = await openWebPage('crm.html');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, POLL, LINKS);
    const popup = await openPopupBeside(env.session);
    await waitForText(popup, '[data-testid="site-state"]', /on for 127\.0\.0\.1/);
    await env.session.screenshot(popup, 'popup-site-on-en');
    await popup.click('[data-testid="site-toggle"]');
    await waitForText(popup, '[data-testid="site-state"]', /off for 127\.0\.0\.1/);
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, POLL, LINKS);
    expect(await crm.$eval('#claire', (cell) => cell.textContent)).toBe('01 23 45 67 89');

    await popup.click('[data-testid="site-toggle"]');
    await crm.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, POLL, LINKS);
  });
});

/** The popup in a window of its own, so the CRM tab stays the active tab of the browser window behind it. */
async function openPopupBeside(session: ExtensionSession): Promise<Page> {
  const cdp = await session.browser.target().createCDPSession();
  await cdp.send('Target.createTarget', { url: session.url('popup.html'), newWindow: true });
  const target = await session.browser.waitForTarget((candidate) => candidate.url() === session.url('popup.html'));
  const page = await target.asPage();
  await page.setViewport({ width: 340, height: 600 });
  await page.waitForSelector('[data-testid="popup"]');
  return page;
}

/**
 * The hover card, inside its closed shadow root: no page script (nor puppeteer's selectors) can reach in, so the test
 * reads and clicks it through the DevTools protocol, which sees closed roots.
 */
async function closedShadowCard(
  page: Page,
): Promise<{ text(): Promise<string>; click(selector: string): Promise<void> }> {
  const cdp = await page.createCDPSession();
  const findRoot = async (): Promise<number | null> => {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack = [root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      const closed = node.shadowRoots?.find((shadow) => shadow.shadowRootType === 'closed');
      if (closed !== undefined) return closed.nodeId;
      stack.push(...(node.children ?? []));
    }
    return null;
  };
  let rootId: number | null = null;
  await waitFor(async () => (rootId = await findRoot()) !== null);
  const nodeOf = async (selector: string) =>
    (await cdp.send('DOM.querySelector', { nodeId: rootId ?? 0, selector })).nodeId;
  /**
   * Runs a read of the card again when the card redrew between finding a node and reading it (DevTools' node ids
   * then name nodes that are gone: "Could not find node with given id").
   */
  const fresh = async <T>(read: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        rootId = await findRoot();
        return await read();
      } catch (error) {
        if (attempt >= 5 || !String(error).includes('Could not find node')) throw error;
      }
    }
  };
  return {
    text: () =>
      fresh(async () => {
        const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId: await nodeOf('.card') });
        return outerHTML.replace(/<[^>]+>/g, ' ');
      }),
    async click(selector) {
      const { model } = await fresh(() => nodeOf(selector).then((nodeId) => cdp.send('DOM.getBoxModel', { nodeId })));
      const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
      await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    },
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

declare global {
  interface Window {
    linkWatch: { onScreen: number[]; onScreenWhenOthersBegan: number[] | null };
  }
}

/**
 * A page script for the long CRM page: it scrolls to the middle row as soon as the rows are there (before the content
 * script starts), then watches our writes with a MutationObserver: which rows on screen were links when the first row
 * off screen became one.
 */
const LINK_WATCH = `<script>
  window.linkWatch = { onScreen: [], onScreenWhenOthersBegan: null };
  addEventListener('DOMContentLoaded', () => {
    const rows = Array.from(document.querySelectorAll('tbody tr'));
    const isLinked = (row) => row.querySelector('${LINKS}') !== null;
    const watch = window.linkWatch;
    rows[Math.floor(rows.length / 2)].scrollIntoView({ block: 'start' });
    const boxes = rows.map((row) => row.getBoundingClientRect());
    watch.onScreen = rows.flatMap((row, index) => (boxes[index].top >= 0 && boxes[index].bottom <= innerHeight ? [index] : []));
    const offScreen = rows.filter((row, index) => boxes[index].bottom < 0 || boxes[index].top > innerHeight);
    const observer = new MutationObserver(() => {
      if (!offScreen.some(isLinked)) return;
      watch.onScreenWhenOthersBegan = watch.onScreen.filter((index) => isLinked(rows[index]));
      observer.disconnect();
    });
    observer.observe(document.querySelector('tbody'), { childList: true, subtree: true });
  });
</script>`;
